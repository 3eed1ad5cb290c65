"""What the action screens add to the service navigation, and where `/` takes a signed-in
person. Registered from ActionsConfig.ready."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from actions import permissions
from inspections.models import LocalArea
from ui import navigation

# Steps of ten leave room for other apps' sections between and after these.
# Publishing (progress) takes 50.
MY_ACTIONS, DASHBOARD, ACTIONS, MANAGE_PLAN, PEOPLE = 10, 20, 30, 40, 60


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


def area_links(request: HttpRequest) -> list[navigation.AreaLink]:
    """The areas the person belongs to, each link opening its dashboard."""
    areas = permissions.member_areas(request.user)
    if len(areas) < 2:
        return []
    current = current_area(request)
    try:
        return [
            navigation.AreaLink(
                area.name,
                reverse("dashboard", kwargs={"area_slug": area.slug}),
                current is not None and area.pk == current.pk,
            )
            for area in areas
        ]
    except NoReverseMatch:
        return []


def signed_in_home(request: HttpRequest) -> HttpResponse:
    """Where the person's work is: the dashboard for Board members and programme managers,
    My actions for officers and leads; their areas where neither is in the URLs."""
    url_name, area = permissions.landing(request.user)
    try:
        if area is not None:
            return redirect(reverse(url_name, kwargs={"area_slug": area.slug}))
        return redirect(reverse(url_name))
    except NoReverseMatch:
        pass
    try:
        return redirect(reverse("my_actions"))
    except NoReverseMatch:
        areas = permissions.areas_for(request.user).order_by("name")
        return render(request, "actions/home_signed_in.html", {"areas": areas})


def register() -> None:
    navigation.register_area_resolver(current_area)
    navigation.register_signed_in_home(signed_in_home)
    navigation.register_area_switcher(area_links)
    navigation.register(
        "My actions",
        "my_actions",
        allowed=permissions.can_update_any_action,
        per_area=False,
        order=MY_ACTIONS,
    )
    # The Board screens provide `dashboard`; only its URL name is needed here.
    navigation.register(
        "Dashboard", "dashboard", allowed=permissions.can_view_dashboard, order=DASHBOARD
    )
    navigation.register("Actions", "action_list", allowed=permissions.can_view_area, order=ACTIONS)
    navigation.register(
        "Manage plan", "manage_plan", allowed=permissions.can_manage_plan, order=MANAGE_PLAN
    )
    navigation.register("People", "people", allowed=permissions.can_manage_people, order=PEOPLE)
