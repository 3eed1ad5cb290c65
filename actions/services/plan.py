"""Managing the plan itself: its status, objectives, commitments, workstreams and their
members, monitoring visits, Board meetings, and the changes a programme manager makes to
actions (details, re-baselined due dates, withdrawal).

Every change needs a reason, recorded with the person in the history.
"""

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from actions.models import (
    BRAG,
    Action,
    BoardMeeting,
    Commitment,
    KeyObjective,
    MonitoringVisit,
    Plan,
    Priority,
    Workstream,
    WorkstreamMember,
)
from actions.services.common import (
    _clear_completion_proposal,
    _lock,
    _refuse_if_withdrawn,
    _save_locked,
    _save_with_history,
)
from wsoa.lib.audit import required_reason


def _locked(instance: models.Model) -> Any:
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def _set_and_save(instance: models.Model, *, actor: User | None, reason: str, **fields: Any) -> Any:
    reason = required_reason(reason)
    locked = _locked(instance)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    _save_with_history(locked, actor=actor, reason=reason)
    return locked


def _create(instance: models.Model, *, actor: User | None, reason: str) -> Any:
    reason = required_reason(reason)
    instance.full_clean()
    _save_with_history(instance, actor=actor, reason=reason)
    return instance


def _next_number(queryset: models.QuerySet, field: str = "number") -> int:
    return (queryset.aggregate(top=models.Max(field))["top"] or 0) + 1


# --- the plan ------------------------------------------------------------------------------

PLAN_FIELDS = frozenset(
    {
        "title",
        "kind",
        "vision",
        "status",
        "submitted_date",
        "returned_date",
        "fit_for_purpose_date",
        "closed_date",
    }
)


@transaction.atomic
def plan_update(*, plan: Plan, actor: User | None, reason: str, **fields: Any) -> Plan:
    """Change the plan's title, kind or status, with the date of each step it has reached."""
    unknown = set(fields) - PLAN_FIELDS
    if unknown:
        raise ValueError(f"Not a plan field that can be changed here: {sorted(unknown)}")
    return _set_and_save(plan, actor=actor, reason=reason, **fields)


@transaction.atomic
def key_objective_create(
    *,
    plan: Plan,
    actor: User | None,
    text: str,
    title: str = "",
    number: int | None = None,
    reason: str = "Created",
) -> KeyObjective:
    if number is None:
        number = _next_number(KeyObjective.objects.filter(plan=plan))
    objective = KeyObjective(plan=plan, number=number, title=title, text=text)
    return _create(objective, actor=actor, reason=reason)


@transaction.atomic
def key_objective_update(
    *,
    objective: KeyObjective,
    actor: User | None,
    reason: str,
    number: int,
    text: str,
    title: str = "",
) -> KeyObjective:
    return _set_and_save(
        objective, actor=actor, reason=reason, number=number, text=text, title=title
    )


@transaction.atomic
def priority_create(
    *,
    plan: Plan,
    actor: User | None,
    text: str,
    number: int | None = None,
    reason: str = "Created",
) -> Priority:
    if number is None:
        number = _next_number(Priority.objects.filter(plan=plan))
    return _create(Priority(plan=plan, number=number, text=text), actor=actor, reason=reason)


@transaction.atomic
def priority_update(
    *, priority: Priority, actor: User | None, reason: str, number: int, text: str
) -> Priority:
    return _set_and_save(priority, actor=actor, reason=reason, number=number, text=text)


# --- commitments and workstreams -------------------------------------------------------------


@transaction.atomic
def commitment_update(
    *, commitment: Commitment, actor: User | None, reason: str, number: int, text: str
) -> Commitment:
    """Reword or renumber a commitment; it stays under its area of weakness."""
    return _set_and_save(commitment, actor=actor, reason=reason, number=number, text=text)


def _check_lead_of_area(lead: User | None, plan: Plan, field: str = "lead") -> None:
    if lead is None:
        return
    if not lead.memberships.filter(local_area_id=plan.local_area_id).exists():
        raise ValidationError({field: "The lead must be a member of this local area."})


@transaction.atomic
def workstream_update(
    *,
    workstream: Workstream,
    actor: User | None,
    reason: str,
    number: int,
    name: str,
    lead: User | None,
) -> Workstream:
    _check_lead_of_area(lead, workstream.plan)
    return _set_and_save(
        workstream, actor=actor, reason=reason, number=number, name=name, lead=lead
    )


@transaction.atomic
def workstream_set_lead(
    *, workstream: Workstream, actor: User | None, lead: User | None
) -> Workstream:
    """Name the lead of a workstream just created (the creation is the reason)."""
    _check_lead_of_area(lead, workstream.plan)
    return _set_and_save(workstream, actor=actor, reason="Lead named", lead=lead)


@transaction.atomic
def workstream_member_add(
    *,
    workstream: Workstream,
    actor: User | None,
    role: str,
    organisation: str = "",
    user: User | None = None,
    reason: str = "Added",
) -> WorkstreamMember:
    _check_lead_of_area(user, workstream.plan, field="user")
    member = WorkstreamMember(
        workstream=workstream,
        role=role,
        organisation=organisation,
        user=user,
        order=_next_number(WorkstreamMember.objects.filter(workstream=workstream), "order"),
    )
    return _create(member, actor=actor, reason=reason)


@transaction.atomic
def workstream_member_update(
    *,
    member: WorkstreamMember,
    actor: User | None,
    reason: str,
    role: str,
    organisation: str = "",
    user: User | None = None,
) -> WorkstreamMember:
    _check_lead_of_area(user, member.workstream.plan, field="user")
    return _set_and_save(
        member, actor=actor, reason=reason, role=role, organisation=organisation, user=user
    )


# --- monitoring visits and Board meetings ----------------------------------------------------


@transaction.atomic
def monitoring_visit_record(
    *,
    plan: Plan,
    actor: User | None,
    date: dt.date,
    by_dfe: bool,
    by_nhse: bool,
    grade: str = "",
    notes: str = "",
    title: str = "",
    reason: str = "Recorded",
) -> MonitoringVisit:
    visit = MonitoringVisit(
        plan=plan,
        date=date,
        by_dfe=by_dfe,
        by_nhse=by_nhse,
        grade=grade,
        notes=notes,
        title=title,
    )
    return _create(visit, actor=actor, reason=reason)


@transaction.atomic
def monitoring_visit_update(
    *, visit: MonitoringVisit, actor: User | None, reason: str, **fields: Any
) -> MonitoringVisit:
    allowed = {"date", "by_dfe", "by_nhse", "grade", "notes", "title"}
    if set(fields) - allowed:
        raise ValueError(f"Not a visit field: {sorted(set(fields) - allowed)}")
    return _set_and_save(visit, actor=actor, reason=reason, **fields)


def _check_meeting_date_free(plan: Plan, date: dt.date, meeting: BoardMeeting | None) -> None:
    clash = BoardMeeting.objects.filter(plan=plan, date=date)
    if meeting is not None:
        clash = clash.exclude(pk=meeting.pk)
    if clash.exists():
        raise ValidationError({"date": "A Board meeting is already recorded on this date."})


@transaction.atomic
def board_meeting_record(
    *,
    plan: Plan,
    actor: User | None,
    date: dt.date,
    notes: str = "",
    reason: str = "Recorded",
) -> BoardMeeting:
    _check_meeting_date_free(plan, date, None)
    return _create(BoardMeeting(plan=plan, date=date, notes=notes), actor=actor, reason=reason)


@transaction.atomic
def board_meeting_update(
    *,
    meeting: BoardMeeting,
    actor: User | None,
    reason: str,
    date: dt.date,
    notes: str = "",
) -> BoardMeeting:
    _check_meeting_date_free(meeting.plan, date, meeting)
    return _set_and_save(meeting, actor=actor, reason=reason, date=date, notes=notes)


# --- actions ---------------------------------------------------------------------------------

# What a programme manager edits on an action's details page (not its status or publication).
ACTION_DETAIL_FIELDS = frozenset(
    {
        "title",
        "description",
        "weakness",
        "commitment",
        "workstream",
        "lead",
        "lead_role",
        "lead_organisation",
        "start_date",
        "due_date",
        "success_measure",
    }
)


def _move_due_date(locked: Action, due_date: dt.date | None) -> None:
    # The first due date given is the baseline; every later one keeps it beside.
    if locked.due_date is not None and due_date != locked.due_date:
        if locked.original_due_date is None:
            locked.original_due_date = locked.due_date
    elif locked.due_date is None and locked.original_due_date is None:
        locked.original_due_date = due_date
    locked.due_date = due_date


@transaction.atomic
def action_edit(
    *,
    action: Action,
    actor: User | None,
    reason: str,
    expected_version: int | None = None,
    **fields: Any,
) -> Action:
    """Change an action's details: title, description, commitment, workstream, lead, dates,
    success measure. A changed due date keeps the original beside it, as a re-baseline does."""
    reason = required_reason(reason)
    unknown = set(fields) - ACTION_DETAIL_FIELDS
    if unknown:
        raise ValueError(f"Not an action detail: {sorted(unknown)}")
    locked = _lock(action, expected_version)
    _refuse_if_withdrawn(locked)
    if "lead" in fields:
        _check_lead_of_area(fields["lead"], locked.plan)
    if "due_date" in fields:
        _move_due_date(locked, fields.pop("due_date"))
    for name, value in fields.items():
        setattr(locked, name, value)
    return _save_locked(action, locked, actor=actor, reason=reason)


@transaction.atomic
def action_rebaseline(
    *,
    action: Action,
    actor: User | None,
    due_date: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> Action:
    """Move an action's due date, keeping the original due date and saying why."""
    reason = required_reason(reason)
    locked = _lock(action, expected_version)
    _refuse_if_withdrawn(locked)
    if due_date is None:
        raise ValidationError({"due_date": "Enter the new due date."})
    if locked.due_date == due_date:
        raise ValidationError({"due_date": "The new due date is the same as the current one."})
    if locked.status == BRAG.BLUE:
        raise ValidationError("A complete (Blue) action has no due date to move.")
    previous = locked.due_date
    _move_due_date(locked, due_date)
    moved = f"from {previous:%-d %B %Y} " if previous else ""
    return _save_locked(
        action,
        locked,
        actor=actor,
        reason=f"Due date re-baselined {moved}to {due_date:%-d %B %Y}: {reason}",
    )


@transaction.atomic
def action_withdraw(
    *,
    action: Action,
    actor: User | None,
    reason: str,
    expected_version: int | None = None,
) -> Action:
    """Withdraw an action instead of deleting it.

    It stays in the plan, its history and the figures "as at" any day before today; from
    today it leaves the counts. A complete action is part of the record and is not withdrawn.
    """
    reason = required_reason(reason)
    locked = _lock(action, expected_version)
    if locked.is_withdrawn:
        raise ValidationError(f"This action was already withdrawn on {locked.withdrawn_date}.")
    if locked.status == BRAG.BLUE:
        raise ValidationError("A complete (Blue) action cannot be withdrawn.")
    locked.withdrawn_date = timezone.localdate()
    locked.withdrawn_reason = reason
    _clear_completion_proposal(locked)
    return _save_locked(action, locked, actor=actor, reason=f"Withdrawn: {reason}")
