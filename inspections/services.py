"""Writes to inspections and their findings. Each runs the model's rules and records who and why."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from inspections.models import AreaOfWeakness, Inspection


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
    weakness._history_user = actor
    weakness._change_reason = reason
    weakness.save()
    return weakness
