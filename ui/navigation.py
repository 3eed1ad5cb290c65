"""The service navigation: which sections a person sees, decided by actions.permissions."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from actions import permissions
from inspections.models import LocalArea


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool


@dataclass(frozen=True)
class _Section:
    text: str
    url_name: str
    # Asked with (user) for a site-wide section, (user, area) for a section of one area.
    allowed: Callable[..., bool]
    per_area: bool = True


# URL names of area sections take the area as `area_slug`. A section whose URL is not
# built yet is left out, so the navigation grows as screens arrive.
SECTIONS = (
    _Section("My actions", "my_actions", permissions.can_update_any_action, per_area=False),
    _Section("Dashboard", "dashboard", permissions.can_view_dashboard),
    _Section("Actions", "action_list", permissions.can_view_area),
    _Section("Manage plan", "manage_plan", permissions.can_manage_plan),
    _Section("Publishing", "progress:publishing", permissions.can_manage_plan),
)


def current_area(request: HttpRequest) -> LocalArea | None:
    """The area being looked at (from the URL), else the person's first area.

    A superuser who is not a member sees the area in the URL, else the first area of all.
    """
    user = request.user
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("area_slug") if match else None
    areas = permissions.member_areas(user)
    for area in areas:
        if area.slug == slug:
            return area
    if areas:
        return areas[0]
    if permissions.is_superuser(user):
        everywhere = LocalArea.objects.order_by("name")
        return (everywhere.filter(slug=slug).first() if slug else None) or everywhere.first()
    return None


def _current_href(request: HttpRequest, hrefs: list[str]) -> str | None:
    """The one section the page is in: the longest section address its path starts with.

    The dashboard lives at the area's own address, so every area page starts with it; an
    action list page is in Actions, not in Dashboard as well.
    """
    within = [h for h in hrefs if request.path == h or (h != "/" and request.path.startswith(h))]
    return max(within, key=len, default=None)


def navigation_for(request: HttpRequest) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    area = current_area(request)
    links: list[tuple[str, str]] = []
    for section in SECTIONS:
        try:
            if section.per_area:
                if area is None or not section.allowed(user, area):
                    continue
                href = reverse(section.url_name, kwargs={"area_slug": area.slug})
            else:
                if not section.allowed(user):
                    continue
                href = reverse(section.url_name)
        except NoReverseMatch:
            continue
        links.append((section.text, href))
    if user.is_staff:
        links.append(("Admin", reverse("admin:index")))
    current = _current_href(request, [href for _, href in links])
    return [NavItem(text, href, href == current) for text, href in links]
