"""Writes to local areas, inspections and their findings. Each runs the model's rules and
records who and why."""

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from inspections.models import AreaOfWeakness, Inspection, LocalArea


def _save_with_history(instance: Any, *, actor: AbstractBaseUser | None, reason: str) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    try:
        instance.save()
    finally:
        del instance._change_reason


@transaction.atomic
def local_area_create(
    *,
    actor: AbstractBaseUser | None,
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
    actor: AbstractBaseUser | None,
    framework: str,
    start_date: dt.date,
    end_date: dt.date,
    kind: str = Inspection.Kind.INITIAL,
    outcome: str = "",
    plan_required: bool = False,
    revisit_of: Inspection | None = None,
    report_received_date: dt.date | None = None,
    letter_published_date: dt.date | None = None,
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
    )
    inspection.full_clean()
    _save_with_history(inspection, actor=actor, reason=reason)
    return inspection


@transaction.atomic
def area_of_weakness_create(
    *,
    inspection: Inspection,
    actor: AbstractBaseUser | None,
    number: int,
    finding: str,
    short_title: str = "",
    reason: str = "Created",
) -> AreaOfWeakness:
    weakness = AreaOfWeakness(
        inspection=inspection, number=number, finding=finding, short_title=short_title
    )
    weakness.full_clean()
    _save_with_history(weakness, actor=actor, reason=reason)
    return weakness


def _update(model: type, instance: Any, *, actor, reason: str, fields: dict[str, Any]) -> Any:
    """Apply changed fields to the locked row, check the model's rules, save with who and why."""
    locked = model.objects.select_for_update().get(pk=instance.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    if hasattr(model, "history"):
        _save_with_history(locked, actor=actor, reason=reason)
    else:
        locked.save()
    for name, value in fields.items():
        setattr(instance, name, value)
    return locked


@transaction.atomic
def local_area_update(
    *, local_area: LocalArea, actor: AbstractBaseUser | None, reason: str, **fields: Any
) -> LocalArea:
    return _update(LocalArea, local_area, actor=actor, reason=reason, fields=fields)


@transaction.atomic
def inspection_update(
    *, inspection: Inspection, actor: AbstractBaseUser | None, reason: str, **fields: Any
) -> Inspection:
    return _update(Inspection, inspection, actor=actor, reason=reason, fields=fields)


@transaction.atomic
def area_of_weakness_update(
    *, weakness: AreaOfWeakness, actor: AbstractBaseUser | None, reason: str, **fields: Any
) -> AreaOfWeakness:
    return _update(AreaOfWeakness, weakness, actor=actor, reason=reason, fields=fields)
