"""Writes to local areas, inspections and their findings. Each runs the model's rules and
records who and why."""

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from inspections.models import AreaOfWeakness, Inspection, LocalArea


def _save_with_history(instance: Any, *, actor: User | None, reason: str) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    try:
        instance.save()
    finally:
        del instance._change_reason


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
    actor: User | None,
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
