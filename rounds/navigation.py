"""What the update round adds to the service navigation and to My actions. Registered from
RoundsConfig.ready."""

import datetime as dt

from django.urls import reverse

from actions import notices, permissions
from actions.models import Membership
from actions.selectors import current_plan
from rounds.rules import rules_for
from rounds.selectors import overdue_for_escalation
from ui import navigation

# Between Actions (30) and Manage plan (40).
UPDATE_ROUND = 35


def register() -> None:
    navigation.register(
        "Update round",
        "update_round",
        allowed=permissions.can_view_update_round,
        order=UPDATE_ROUND,
    )


def escalation_notices(user, today: dt.date) -> list[notices.Notice]:
    """For a programme manager: each area's actions past the day they go to the programme
    manager and still without an update this month."""
    if user is None or not user.is_authenticated:
        return []
    areas = [
        area
        for area in permissions.member_areas(user)
        if permissions.role_in(user, area) == Membership.Role.PROGRAMME_MANAGER
    ]
    found = []
    for area in areas:
        plan = current_plan(area)
        if plan is None:
            continue
        overdue = overdue_for_escalation(plan=plan, rules=rules_for(area.pk), today=today)
        if not overdue:
            continue
        found.append(
            notices.Notice(
                heading=f"Overdue for escalation in {area.name}",
                intro=(
                    f"{len(overdue)} action{'s' if len(overdue) != 1 else ''} still "
                    f"{'have' if len(overdue) != 1 else 'has'} no update for {today:%B %Y}, "
                    "past the day they come to you."
                ),
                lines=[
                    notices.NoticeLine(
                        f"{action.reference} {action.title}",
                        reverse(
                            "action_detail",
                            kwargs={"area_slug": area.slug, "reference": action.reference},
                        ),
                    )
                    for action in overdue
                ],
                more_href=reverse("update_round", kwargs={"area_slug": area.slug}),
                more_text=f"The {today:%B %Y} update round",
            )
        )
    return found
