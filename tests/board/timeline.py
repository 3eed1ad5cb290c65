"""Build plans with a backdated audit history, as the Board would have seen them month by month."""

import datetime as dt

from django.utils import timezone

from actions import services
from actions.models import BRAG
from tests.factories import ActionFactory


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def backdate(action, day: dt.date, hour: int = 12) -> None:
    row = action.history.latest()
    # History is append-only in the product; tests move the newest row into the past.
    type(row).objects.filter(pk=row.pk).update(history_date=at(day, hour))


def created(day: dt.date, **fields):
    """An action that has existed since `day`."""
    action = ActionFactory(**fields)
    backdate(action, day)
    return action


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
        update_date=day,
        **extra,
        **fields,
    )
    backdate(action, day)
    return action
