"""The service navigation: a registry of sections that the apps add to.

The foundation knows neither local areas nor who may do what. Each app registers its
sections with the test of who may open them (`register`), one app says how to find the area
a page is about (`register_area_resolver`), which areas a person may switch between
(`register_area_switcher`) and where `/` takes a signed-in person (`register_signed_in_home`),
usually from its AppConfig.ready.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse


class Area(Protocol):
    slug: str


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool


@dataclass(frozen=True)
class Section:
    text: str
    url_name: str
    # Asked with (user) for a site-wide section, (user, area) for a section of one area.
    allowed: Callable[..., bool]
    per_area: bool
    # Sections show in ascending order, whichever app registered them first.
    order: int


@dataclass(frozen=True)
class AreaLink:
    """One of the areas a person belongs to, for the area switcher of the header."""

    text: str
    href: str
    current: bool


AreaResolver = Callable[[HttpRequest], Area | None]
AreaSwitcher = Callable[[HttpRequest], list[AreaLink]]
View = Callable[[HttpRequest], HttpResponse]

_sections: dict[str, Section] = {}
_area_resolver: AreaResolver | None = None
_signed_in_home: View | None = None
_area_switcher: AreaSwitcher | None = None


def register(
    text: str,
    url_name: str,
    *,
    allowed: Callable[..., bool],
    order: int,
    per_area: bool = True,
) -> None:
    """Add a section. A per-area section's URL takes the area as `area_slug` and `allowed`
    is asked with (user, area); a site-wide one's `allowed` with (user). Registering the
    same URL name again replaces the section."""
    _sections[url_name] = Section(text, url_name, allowed, per_area, order)


def register_area_resolver(resolver: AreaResolver) -> None:
    """How to find the area a request is about (anything with a `slug`), or None."""
    global _area_resolver
    _area_resolver = resolver


def register_area_switcher(switcher: AreaSwitcher) -> None:
    """The areas a signed-in person may choose between; the header shows two or more."""
    global _area_switcher
    _area_switcher = switcher


def area_links(request: HttpRequest) -> list[AreaLink]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or _area_switcher is None:
        return []
    return _area_switcher(request)


def register_signed_in_home(view: View) -> None:
    """The view `/` answers with for a signed-in person."""
    global _signed_in_home
    _signed_in_home = view


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: section.order)


def current_area(request: HttpRequest) -> Area | None:
    return _area_resolver(request) if _area_resolver is not None else None


def signed_in_home(request: HttpRequest) -> HttpResponse:
    if _signed_in_home is None:
        raise ImproperlyConfigured("No installed app registered the signed-in home page.")
    return _signed_in_home(request)


def _current_href(request: HttpRequest, hrefs: list[str]) -> str | None:
    """The one section the page is in: the longest section address its path starts with.

    The dashboard lives at the area's own address, so every area page starts with it; an
    action list page is in Actions, not in Dashboard as well.
    """
    within = [h for h in hrefs if request.path == h or (h != "/" and request.path.startswith(h))]
    return max(within, key=len, default=None)


def navigation_for(request: HttpRequest) -> list[NavItem]:
    """The sections the signed-in person may open, then Admin for superusers.

    A section whose URL name is not in the URL configuration is left out.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    area = current_area(request)
    links: list[tuple[str, str]] = []
    for section in sections():
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
    # The admin is the operator's tool: nobody else may open it, whatever their staff flag.
    if user.is_active and user.is_superuser:
        links.append(("Admin", reverse("admin:index")))
    current = _current_href(request, [href for _, href in links])
    return [NavItem(text, href, href == current) for text, href in links]
