"""Reads for the people page: who belongs to an area, who is invited, who changed which role."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Prefetch, QuerySet

from actions.models import Invitation, Membership, Workstream
from actions.selectors import current_plan
from inspections.models import LocalArea
from wsoa.lib.people import person_name


def area_members(area: LocalArea) -> QuerySet[Membership]:
    return (
        Membership.objects.current()
        .filter(local_area=area)
        .select_related("user")
        .prefetch_related(Prefetch("workstreams", queryset=Workstream.objects.order_by("number")))
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def former_members(area: LocalArea) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(local_area=area, ended_at__isnull=False)
        .select_related("user")
        .order_by("-ended_at")
    )


def pending_invitations(area: LocalArea) -> QuerySet[Invitation]:
    return (
        Invitation.objects.pending()
        .filter(local_area=area)
        .select_related("invited_by")
        .prefetch_related("workstreams")
    )


def area_workstreams(area: LocalArea) -> QuerySet[Workstream]:
    """The workstreams of the area's current plan, which a lead may be given."""
    plan = current_plan(area)
    if plan is None:
        return Workstream.objects.none()
    return plan.workstreams.order_by("number")


@dataclass(frozen=True)
class RoleChange:
    """One row of the audit of an area's people: who set whose role to what, when and why."""

    at: dt.datetime
    by: str
    person: str
    role: str
    reason: str


def _describe(record, led: list[str]) -> str:
    if record.ended_at is not None:
        return "Removed from the area"
    role = Membership.Role(record.role).label
    return f"{role} of {', '.join(led)}" if led else role


def role_changes(area: LocalArea, limit: int = 200) -> list[RoleChange]:
    """The area's role changes, newest first, from the memberships' history."""
    records = list(
        Membership.history.filter(local_area_id=area.pk)
        .select_related("history_user", "user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    names = {w.pk: str(w) for w in Workstream.objects.filter(plan__local_area=area)}
    led: dict[int, list[str]] = defaultdict(list)
    rows = (
        apps.get_model("actions", "HistoricalMembership_workstreams")
        .objects.filter(history_id__in=[record.history_id for record in records])
        .order_by("workstream__number")
        .values_list("history_id", "workstream_id")
    )
    for history_id, workstream_id in rows:
        if workstream_id in names:
            led[history_id].append(names[workstream_id])
    return [
        RoleChange(
            at=record.history_date,
            by=person_name(record.history_user) if record.history_user_id else "The operator",
            person=person_name(record.user),
            role=_describe(record, led[record.history_id]),
            reason=record.history_change_reason or "",
        )
        for record in records
    ]
