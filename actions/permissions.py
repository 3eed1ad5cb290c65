"""Who may see and do what: every permission of the product is decided here.

A person's role comes from their `Membership` of a local area (one role per area):

- officer: updates the actions they lead;
- workstream lead: also every action of the workstreams they lead, and confirms completion
  (sets Blue); the workstreams they lead are those listed on their membership plus any whose
  `Workstream.lead` is them;
- Steering Board member: reads everything of their area, changes nothing;
- programme manager: every action of their area, and manages the plan itself;
- parent carer forum: reads what a Board member reads and writes one thing only, the
  forum's own view of progress on each finding (voice/), which nobody else may change.

Any member reads the area's actions and dashboards. People never see another area's
unpublished data: views fetch objects through `get_area_for_user` / `get_action_for_user`,
which answer 404 to outsiders (so they cannot tell what exists) and 403 to members who may
read but not change. Active superusers may do everything.

Memberships are read once per user object and cached on it, so checking many actions on one
page costs no further queries.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from actions.models import Action, ActionQuerySet, Membership, Plan, Workstream
from actions.selectors import current_plan
from inspections.models import LocalArea

Role = Membership.Role
# Roles whose holders update actions (the rest only read).
UPDATING_ROLES = frozenset({Role.OFFICER, Role.WORKSTREAM_LEAD, Role.PROGRAMME_MANAGER})

_CACHE_ATTR = "_wsoa_access"


@dataclass(frozen=True)
class _Access:
    """One user's roles by local area id, and the workstreams they lead."""

    roles: dict[int, str] = field(default_factory=dict)
    areas: tuple[LocalArea, ...] = ()
    led_workstreams: frozenset[int] = frozenset()
    # Local area of each plan met so far: one query per plan, not per action.
    plan_areas: dict[int, int] = field(default_factory=dict)


def is_superuser(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def _access(user) -> _Access:
    if user is None or not user.is_authenticated:
        return _Access()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    memberships = list(Membership.objects.current().filter(user=user).select_related("local_area"))
    roles = {m.local_area_id: m.role for m in memberships}
    areas = tuple(sorted((m.local_area for m in memberships), key=lambda a: a.name))
    lead_areas = [area_id for area_id, role in roles.items() if role == Role.WORKSTREAM_LEAD]
    led: frozenset[int] = frozenset()
    if lead_areas:
        led = frozenset(
            Workstream.objects.filter(plan__local_area_id__in=lead_areas)
            .filter(Q(membership__user=user) | Q(lead=user))
            .values_list("id", flat=True)
        )
    access = _Access(roles=roles, areas=areas, led_workstreams=led)
    setattr(user, _CACHE_ATTR, access)
    return access


def forget_access(user) -> None:
    """Drop the cached memberships, e.g. after changing someone's role in the same request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _area_id(area: LocalArea | int) -> int:
    return area if isinstance(area, int) else area.pk


def _action_area_id(user, action: Action) -> int:
    if Action.plan.is_cached(action):
        return action.plan.local_area_id
    plan_areas = _access(user).plan_areas
    if action.plan_id not in plan_areas:
        plan_areas[action.plan_id] = Plan.objects.values_list("local_area_id", flat=True).get(
            pk=action.plan_id
        )
    return plan_areas[action.plan_id]


# --- areas -------------------------------------------------------------------------------


def areas_for(user) -> QuerySet[LocalArea]:
    """The local areas a person belongs to (every area for a superuser)."""
    if user is None or not user.is_authenticated:
        return LocalArea.objects.none()
    if is_superuser(user):
        return LocalArea.objects.all()
    return LocalArea.objects.filter(pk__in=list(_access(user).roles))


def member_areas(user) -> list[LocalArea]:
    """The areas a person is a member of, by name; cached with their memberships."""
    return list(_access(user).areas)


def role_in(user, area: LocalArea | int) -> str | None:
    """The person's Membership.Role in the area, or None if they are not a member."""
    return _access(user).roles.get(_area_id(area))


def can_view_area(user, area: LocalArea | int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return is_superuser(user) or role_in(user, area) is not None


def can_view_dashboard(user, area: LocalArea | int) -> bool:
    return can_view_area(user, area)


def can_manage_plan(user, area: LocalArea | int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return is_superuser(user) or role_in(user, area) == Role.PROGRAMME_MANAGER


def can_manage_people(user, area: LocalArea | int) -> bool:
    """Invite people to the area, give and change their roles, remove them: the programme
    manager's job, as part of managing the plan."""
    return can_manage_plan(user, area)


def can_create_area(user) -> bool:
    """Only the installation's operator starts a new local area."""
    return user is not None and user.is_authenticated and is_superuser(user)


def landing(user) -> tuple[str, LocalArea | None]:
    """Where a person lands after signing in, as a URL name and the area it takes.

    Those who deliver actions (officers, leads) land on My actions; those who oversee the
    plan (Board members, programme managers) on the dashboard of their first such area.
    """
    access = _access(user)
    if any(role in (Role.OFFICER, Role.WORKSTREAM_LEAD) for role in access.roles.values()):
        return "my_actions", None
    for area in access.areas:
        if access.roles[area.pk] in (
            Role.BOARD_MEMBER,
            Role.PROGRAMME_MANAGER,
            Role.PARENT_CARER_FORUM,
        ):
            return "dashboard", area
    return "my_actions", None


def led_workstream_ids(user) -> frozenset[int]:
    """The workstreams the person leads (as a workstream lead), in any area."""
    return _access(user).led_workstreams


def can_view_update_round(user, area: LocalArea | int) -> bool:
    """The month's update round: the programme manager sees it all, a workstream lead the
    actions of the workstreams they lead."""
    if user is None or not user.is_authenticated:
        return False
    return is_superuser(user) or role_in(user, area) in (
        Role.PROGRAMME_MANAGER,
        Role.WORKSTREAM_LEAD,
    )


def can_record_forum_view(user, area: LocalArea | int) -> bool:
    """Record, change and publish the parent carer forum's view: the forum's alone. Officers,
    leads, the Board and the programme manager read it and cannot change it; an active
    superuser (the installation's operator) may, to correct it at the forum's request."""
    if user is None or not user.is_authenticated:
        return False
    return is_superuser(user) or role_in(user, area) == Role.PARENT_CARER_FORUM


def can_export_plan(user, area: LocalArea | int) -> bool:
    """Download the whole plan as a spreadsheet: any member, as the file holds what the
    action list shows them (internal notes and unpublished actions included)."""
    return can_view_area(user, area)


def can_import_plan(user, area: LocalArea | int) -> bool:
    """Create and update the plan's actions from a spreadsheet: part of managing the plan."""
    return can_manage_plan(user, area)


def can_update_any_action(user) -> bool:
    """Whether the person has a role that updates actions anywhere (for "My actions")."""
    if user is None or not user.is_authenticated:
        return False
    return is_superuser(user) or any(r in UPDATING_ROLES for r in _access(user).roles.values())


# --- actions -----------------------------------------------------------------------------


def can_view_action(user, action: Action) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return can_view_area(user, _action_area_id(user, action))


def _leads_workstream_of(user, action: Action) -> bool:
    return action.workstream_id is not None and action.workstream_id in (
        _access(user).led_workstreams
    )


def can_update_action(user, action: Action) -> bool:
    if user is None or not user.is_authenticated or action.is_withdrawn:
        return False
    if is_superuser(user):
        return True
    role = role_in(user, _action_area_id(user, action))
    if role == Role.PROGRAMME_MANAGER:
        return True
    if role == Role.WORKSTREAM_LEAD:
        return action.lead_id == user.pk or _leads_workstream_of(user, action)
    if role == Role.OFFICER:
        return action.lead_id == user.pk
    return False


def can_set_blue_directly(user, action: Action) -> bool:
    """Whether the person may mark the action complete (Blue) without anyone confirming it."""
    if user is None or not user.is_authenticated:
        return False
    if is_superuser(user):
        return True
    role = role_in(user, _action_area_id(user, action))
    if role == Role.PROGRAMME_MANAGER:
        return True
    return role == Role.WORKSTREAM_LEAD and _leads_workstream_of(user, action)


def can_confirm_completion(user, action: Action) -> bool:
    """Whether the person may confirm an officer's claim that the action is complete."""
    return can_set_blue_directly(user, action)


def actions_updatable_by(user) -> ActionQuerySet:
    """Every action the person may update, as one query (no per-action checks)."""
    if user is None or not user.is_authenticated:
        return Action.objects.none()
    if is_superuser(user):
        return Action.objects.all()
    access = _access(user)
    managed = [a for a, r in access.roles.items() if r == Role.PROGRAMME_MANAGER]
    leading = [a for a, r in access.roles.items() if r in (Role.OFFICER, Role.WORKSTREAM_LEAD)]
    condition = Q(pk__in=[])
    if managed:
        condition |= Q(plan__local_area_id__in=managed)
    if leading:
        condition |= Q(lead=user, plan__local_area_id__in=leading)
    if access.led_workstreams:
        condition |= Q(workstream_id__in=access.led_workstreams)
    return Action.objects.filter(condition).in_force()


# --- view helpers ------------------------------------------------------------------------


def get_area_for_user(request: HttpRequest, slug: str) -> LocalArea:
    """The local area with this slug, or 404 if it does not exist or the person is outside it."""
    user = getattr(request, "user", None) or AnonymousUser()
    if user.is_authenticated and not is_superuser(user):
        # A member's areas are already read with their memberships: no query of its own.
        for area in _access(user).areas:
            if area.slug == slug:
                return area
        raise Http404("No such local area.")
    try:
        area = LocalArea.objects.get(slug=slug)
    except LocalArea.DoesNotExist:
        raise Http404("No such local area.") from None
    if not can_view_area(user, area):
        raise Http404("No such local area.")
    return area


def plan_or_404(plan: Plan | None) -> Plan:
    """The area's current plan, already read; 404 when it has none yet."""
    if plan is None:
        raise Http404("This local area has no plan yet.")
    return plan


def get_current_plan_or_404(area: LocalArea) -> Plan:
    """The plan the area is working to; 404 when it has none yet."""
    return plan_or_404(current_plan(area))


def get_action_for_user(
    request: HttpRequest, area_slug: str, reference: str, *, write: bool = False
) -> Action:
    """An action of the area's current plan, by reference.

    404 when the area or action does not exist or the person is outside the area;
    PermissionDenied (403) when `write` is asked and the person may only read it.
    """
    plan = get_current_plan_or_404(get_area_for_user(request, area_slug))
    try:
        action = Action.objects.select_related(
            "plan__local_area", "workstream", "lead", "weakness", "commitment"
        ).get(plan=plan, reference=reference)
    except Action.DoesNotExist:
        raise Http404("No such action.") from None
    if write and not can_update_action(request.user, action):
        raise PermissionDenied("You can read this action but not change it.")
    return action
