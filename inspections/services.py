"""Writes to local areas, inspections and their findings. Each runs the model's rules and
records who and why."""

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from inspections.models import AreaOfWeakness, Inspection, LocalArea, Oversight
from wsoa.lib.audit import required_reason as _required_reason
from wsoa.lib.audit import save_with_history as _save_with_history


@transaction.atomic
def local_area_create(
    *,
    actor: User | None,
    name: str,
    slug: str,
    council_name: str,
    health_partner_name: str,
    reason: str = "Created",
) -> LocalArea:
    """A new local area. Areas keep no history, so `actor` and `reason` are not recorded."""
    area = LocalArea(
        name=name, slug=slug, council_name=council_name, health_partner_name=health_partner_name
    )
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def inspection_create(
    *,
    local_area: LocalArea,
    actor: User | None,
    framework: str,
    start_date: dt.date,
    end_date: dt.date,
    kind: str = Inspection.Kind.INITIAL,
    outcome: str = "",
    plan_required: bool = False,
    revisit_of: Inspection | None = None,
    report_received_date: dt.date | None = None,
    letter_published_date: dt.date | None = None,
    letter_url: str = "",
    reason: str = "Created",
) -> Inspection:
    inspection = Inspection(
        local_area=local_area,
        framework=framework,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        outcome=outcome,
        plan_required=plan_required,
        revisit_of=revisit_of,
        report_received_date=report_received_date,
        letter_published_date=letter_published_date,
        letter_url=letter_url,
    )
    inspection.full_clean()
    _save_with_history(inspection, actor=actor, reason=reason)
    return inspection


@transaction.atomic
def area_of_weakness_create(
    *,
    inspection: Inspection,
    actor: User | None,
    number: int,
    finding: str,
    short_title: str = "",
    kind: str = AreaOfWeakness.Kind.SIGNIFICANT_WEAKNESS,
    reason: str = "Created",
) -> AreaOfWeakness:
    weakness = AreaOfWeakness(
        inspection=inspection, number=number, finding=finding, short_title=short_title, kind=kind
    )
    weakness.full_clean()
    _save_with_history(weakness, actor=actor, reason=reason)
    return weakness


# What a programme manager may correct on an inspection after it is entered.
INSPECTION_FIELDS = frozenset(
    {
        "letter_url",
        "framework",
        "kind",
        "revisit_of",
        "start_date",
        "end_date",
        "report_received_date",
        "letter_published_date",
        "outcome",
        "plan_required",
    }
)


@transaction.atomic
def inspection_update(
    *, inspection: Inspection, actor: User | None, reason: str, **fields: Any
) -> Inspection:
    """Correct or complete an inspection's facts: dates, letter, framework, outcome."""
    reason = _required_reason(reason)
    unknown = set(fields) - INSPECTION_FIELDS
    if unknown:
        raise ValueError(f"Not an inspection field that can be changed: {sorted(unknown)}")
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    followed_up = locked.revisit_of
    if followed_up is not None and followed_up.local_area_id != locked.local_area_id:
        raise ValidationError(
            {"revisit_of": "The inspection followed up must be of the same area."}
        )
    locked.full_clean()
    _save_with_history(locked, actor=actor, reason=reason)
    return locked


@transaction.atomic
def area_of_weakness_update(
    *,
    weakness: AreaOfWeakness,
    actor: User | None,
    reason: str,
    number: int,
    finding: str,
    kind: str,
    short_title: str = "",
) -> AreaOfWeakness:
    """Correct a finding: its number, its words as the letter gives them, the report's label."""
    reason = _required_reason(reason)
    locked = AreaOfWeakness.objects.select_for_update().get(pk=weakness.pk)
    locked.number = number
    locked.finding = finding
    locked.kind = kind
    locked.short_title = short_title
    locked.full_clean()
    _save_with_history(locked, actor=actor, reason=reason)
    return locked


@transaction.atomic
def area_of_weakness_record_judgement(
    *,
    weakness: AreaOfWeakness,
    actor: User | None,
    reason: str,
    judgement: str,
    narrative: str,
    revisit: Inspection | None,
) -> AreaOfWeakness:
    """The revisit's judgement on one finding, with what the letter says about it.

    The revisit must be a later inspection of the same area that follows up this finding's
    inspection; a judgement of progress needs its narrative.
    """
    reason = _required_reason(reason)
    locked = (
        AreaOfWeakness.objects.select_for_update().select_related("inspection").get(pk=weakness.pk)
    )
    errors: dict[str, str] = {}
    if judgement != AreaOfWeakness.Judgement.NOT_REVISITED:
        if revisit is None:
            errors["revisit"] = "Say which revisit made this judgement."
        elif revisit.local_area_id != locked.inspection.local_area_id:
            errors["revisit"] = "The revisit must be of the same local area."
        elif revisit.start_date < locked.inspection.end_date:
            errors["revisit"] = "The revisit must come after the inspection that found this."
        if not (narrative or "").strip():
            errors["narrative"] = "Give what the revisit letter says about this finding."
    if errors:
        raise ValidationError(errors)
    locked.judgement = judgement
    locked.judgement_narrative = (narrative or "").strip()
    locked.revisit = revisit if judgement != AreaOfWeakness.Judgement.NOT_REVISITED else None
    locked.full_clean()
    _save_with_history(locked, actor=actor, reason=reason)
    return locked


# What the operator may change of a local area after starting it (its address stays).
LOCAL_AREA_FIELDS = frozenset({"name", "council_name", "health_partner_name"})


@transaction.atomic
def local_area_update(
    *, local_area: LocalArea, actor: User | None, reason: str, **fields: Any
) -> LocalArea:
    """Correct an area's names. Areas keep no history, so `actor` and `reason` are not recorded."""
    _required_reason(reason)
    unknown = set(fields) - LOCAL_AREA_FIELDS
    if unknown:
        raise ValueError(f"Not a local area field that can be changed: {sorted(unknown)}")
    locked = LocalArea.objects.select_for_update().get(pk=local_area.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    for name, value in fields.items():
        setattr(local_area, name, value)
    return locked


@transaction.atomic
def oversight_update(
    *, local_area: LocalArea, actor: User, reason: str, **values: Any
) -> Oversight:
    """Record the area's external oversight as it now stands (monitoring, improvement
    notice, the next inspection expected); the history keeps what it was before."""
    reason = _required_reason(reason)
    oversight = Oversight.objects.select_for_update().filter(
        local_area=local_area
    ).first() or Oversight(local_area=local_area)
    for name, value in values.items():
        setattr(oversight, name, value)
    oversight.full_clean()
    _save_with_history(oversight, actor=actor, reason=reason)
    return oversight
