"""Writes to measures, their milestones and values. Each runs the model's rules, needs a
reason and records who and why in the history. `actor=None` is a trusted process (the demo
installer, imports run by the operator), which skips the permission check only."""

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import Membership, Plan
from inspections.models import AreaOfWeakness
from measures.models import Measure, MeasureValue, Milestone
from measures.permissions import can_manage_measures, can_record_values
from wsoa.lib.audit import required_reason, save_with_history

# What a programme manager sets on a measure (besides its findings and owners).
MEASURE_FIELDS = frozenset(
    {
        "name",
        "definition",
        "source",
        "unit",
        "direction",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "benchmark_value",
        "benchmark_label",
        "benchmark_date",
        "notes",
        "is_illustrative",
        "is_published",
    }
)


def _refuse_unless_manager(actor: User | None, plan: Plan) -> None:
    if actor is not None and not can_manage_measures(actor, plan.local_area_id):
        raise PermissionDenied("Only the programme manager manages measures.")


def _check_findings(plan: Plan, findings: Iterable[AreaOfWeakness]) -> list[AreaOfWeakness]:
    findings = list(findings)
    if not findings:
        raise ValidationError({"findings": "Choose the findings this measure shows."})
    if any(finding.inspection_id != plan.inspection_id for finding in findings):
        raise ValidationError({"findings": "The findings must be of the plan's inspection."})
    return findings


def _check_owners(plan: Plan, owners: Iterable[User]) -> list[User]:
    owners = list(owners)
    members = set(
        Membership.objects.current()
        .filter(local_area_id=plan.local_area_id, user__in=owners)
        .values_list("user_id", flat=True)
    )
    if any(owner.pk not in members for owner in owners):
        raise ValidationError({"owners": "Owners must be members of the local area."})
    return owners


def _save_with_relations(
    measure: Measure,
    *,
    findings: list[AreaOfWeakness] | None,
    owners: list[User] | None,
    actor: User | None,
    reason: str,
) -> None:
    """One history row for the whole change, its snapshot taken after the findings and owners
    are set (a new measure needs its row first, saved without a history row)."""
    with _no_history_row(measure):
        if measure.pk is None:
            measure.save()
        if findings is not None:
            measure.findings.set(findings)
        if owners is not None:
            measure.owners.set(owners)
    save_with_history(measure, actor=actor, reason=reason)


@contextmanager
def _no_history_row(measure: Measure) -> Iterator[None]:
    """Save without a history row: the caller's next save writes one for the whole change."""
    setattr(measure, "skip_history_when_saving", True)  # noqa: B010 (read by simple-history)
    try:
        yield
    finally:
        delattr(measure, "skip_history_when_saving")


def _refuse_unknown(fields: Iterable[str]) -> None:
    unknown = set(fields) - MEASURE_FIELDS
    if unknown:
        raise TypeError(f"Unknown measure fields: {', '.join(sorted(unknown))}")


def _validated(
    measure: Measure,
    plan: Plan,
    findings: Iterable[AreaOfWeakness] | None,
    owners: Iterable[User] | None,
) -> tuple[list[AreaOfWeakness] | None, list[User] | None]:
    """Every problem at once, the measure's own, its findings' and its owners', or the
    findings and owners checked (None where not given: unchanged)."""
    errors: dict[str, list[str]] = {}
    checked_findings = checked_owners = None
    try:
        measure.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        if findings is not None:
            checked_findings = _check_findings(plan, findings)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        if owners is not None:
            checked_owners = _check_owners(plan, owners)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return checked_findings, checked_owners


@transaction.atomic
def measure_create(
    *,
    plan: Plan,
    actor: User | None,
    name: str,
    direction: str,
    findings: Iterable[AreaOfWeakness],
    reason: str,
    number: int | None = None,
    owners: Iterable[User] = (),
    **fields: Any,
) -> Measure:
    """A new measure of the plan, for one or more of its findings."""
    _refuse_unless_manager(actor, plan)
    reason = required_reason(reason, "Say why this measure is added.")
    _refuse_unknown(fields)
    if number is None:
        last = plan.measures.order_by("-number").values_list("number", flat=True).first()
        number = (last or 0) + 1
    measure = Measure(plan=plan, number=number, name=name, direction=direction, **fields)
    checked_findings, checked_owners = _validated(measure, plan, findings, owners)
    _save_with_relations(
        measure, findings=checked_findings, owners=checked_owners, actor=actor, reason=reason
    )
    return measure


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    actor: User | None,
    reason: str,
    findings: Iterable[AreaOfWeakness] | None = None,
    owners: Iterable[User] | None = None,
    **changes: Any,
) -> Measure:
    """Change a measure's details, findings or owners; nothing changed, nothing recorded."""
    _refuse_unless_manager(actor, measure.plan)
    reason = required_reason(reason)
    _refuse_unknown(changes)
    locked = Measure.objects.select_for_update().select_related("plan").get(pk=measure.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    checked_findings, checked_owners = _validated(locked, locked.plan, findings, owners)
    _save_with_relations(
        locked, findings=checked_findings, owners=checked_owners, actor=actor, reason=reason
    )
    return locked


@transaction.atomic
def measure_withdraw(
    *, measure: Measure, actor: User | None, reason: str, on: dt.date | None = None
) -> Measure:
    """Stop using a measure: it leaves the dashboards and public pages; its history stays."""
    _refuse_unless_manager(actor, measure.plan)
    reason = required_reason(reason, "Say why this measure is withdrawn.")
    locked = Measure.objects.select_for_update().get(pk=measure.pk)
    if locked.withdrawn_date is not None:
        raise ValidationError("This measure is already withdrawn.")
    locked.withdrawn_date = on or timezone.localdate()
    locked.full_clean()
    save_with_history(locked, actor=actor, reason=reason)
    return locked


@transaction.atomic
def milestone_set(
    *, measure: Measure, actor: User | None, date: dt.date, value: Decimal, reason: str
) -> Milestone:
    """Set the interim target for `date` (a new milestone, or a changed value for that date)."""
    _refuse_unless_manager(actor, measure.plan)
    reason = required_reason(reason)
    milestone = (
        Milestone.objects.select_for_update().filter(measure=measure, date=date).first()
    ) or Milestone(measure=measure, date=date)
    milestone.value = value
    milestone.full_clean()
    save_with_history(milestone, actor=actor, reason=reason)
    return milestone


@transaction.atomic
def measure_value_record(
    *,
    measure: Measure,
    actor: User | None,
    period_end: dt.date,
    value: Decimal,
    reason: str,
    note: str = "",
    at: dt.datetime | None = None,
) -> MeasureValue:
    """Record the value for the period ending on `period_end`, or correct the one recorded;
    the history keeps what it was before. `at` backdates the history row (loading figures
    recorded elsewhere at the time): never in the future, never before the value's last change."""
    if actor is not None and not can_record_values(actor, measure):
        raise PermissionDenied("Only the measure's owners and the programme manager record values.")
    reason = required_reason(reason, "Say where this value comes from or why it changes.")
    if measure.withdrawn_date is not None:
        raise ValidationError("This measure is withdrawn: no more values are recorded.")
    recorded = (
        MeasureValue.objects.select_for_update()
        .filter(measure=measure, period_end=period_end)
        .first()
    ) or MeasureValue(measure=measure, period_end=period_end)
    if recorded.pk and recorded.value == value and recorded.note == note:
        return recorded
    if at is not None:
        _check_backdating(recorded, at)
    recorded.value = value
    recorded.note = note
    recorded.full_clean()
    save_with_history(recorded, actor=actor, reason=reason, at=at)
    return recorded


def _check_backdating(recorded: MeasureValue, at: dt.datetime) -> None:
    if at > timezone.now():
        raise ValidationError({"at": "History cannot be recorded for a time still to come."})
    if recorded.pk is None:
        return
    last = recorded.history.order_by("-history_date").values_list("history_date", flat=True)[:1]
    if last and at < last[0]:
        raise ValidationError(
            {"at": "A change cannot be dated before the value's last recorded change."}
        )
