"""Build plans with a backdated audit history, as the Board would have seen them month by month."""

import datetime as dt

from django.utils import timezone

from actions import services
from actions.models import BRAG, Action
from tests.factories import ActionFactory
from tests.history import history_dated


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def created(day: dt.date, **fields):
    """An action that has existed since `day`."""
    with history_dated(at(day), Action):
        return ActionFactory(**fields)


def change(action, status: BRAG, day: dt.date, *, actor=None, narrative: str = "", **fields):
    """Set `action`'s status as if an officer had done it on `day`."""
    extra = {}
    if status in (BRAG.AMBER, BRAG.RED):
        extra["remedial_action"] = fields.pop("remedial_action", f"Plan to recover from {status}")
    if status == BRAG.BLUE:
        extra["completed_date"] = day
        extra["evidence"] = fields.pop("evidence", "Minutes of the panel")
    services.action_change_status(
        action=action,
        actor=actor,
        status=status,
        reason=f"Now {status.label}",
        narrative=narrative,
        at=at(day),
        **extra,
        **fields,
    )
    return action
