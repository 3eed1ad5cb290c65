"""The rules the tracker applies to actions, each written once.

Every rule comes in the two forms its readers need: a condition on the database
(`Q` objects the `ActionQuerySet` methods filter with) and a test on values already read
(a saved action, or a row of the audit history as it stood at a date). Both forms sit side
by side here so they cannot drift apart; tests/actions/test_rules.py holds them together.
"""

import datetime as dt
import functools
import re

from django.db.models import Q

from actions.models.brag import BRAG

# The history needs a reason for every status change: the service, the model's save and the
# admin form all refuse a change without one, with this message.
STATUS_REASON_REQUIRED = "Say why the status changed."


def status_reason_missing(*, status_changed: bool, reason: str | None) -> bool:
    """A status change with no reason given (blank or spaces only) cannot be saved."""
    return status_changed and not (reason or "").strip()


# --- in force, open and overdue -----------------------------------------------------------


def is_in_force(*, withdrawn_date: dt.date | None, as_at: dt.date | None = None) -> bool:
    """A withdrawn action stops counting from its withdrawal date; before it, it counts."""
    return withdrawn_date is None or (as_at is not None and withdrawn_date > as_at)


def in_force_q(as_at: dt.date | None = None) -> Q:
    if as_at is None:
        return Q(withdrawn_date__isnull=True)
    return Q(withdrawn_date__isnull=True) | Q(withdrawn_date__gt=as_at)


def is_open(status: str, *, withdrawn: bool = False) -> bool:
    """Every action in force is open until it is Blue (complete)."""
    return not withdrawn and status != BRAG.BLUE


def unfinished_q() -> Q:
    """`is_open` for a row already known to be in force (say, an action as at a date)."""
    return ~Q(status=BRAG.BLUE)


def open_q() -> Q:
    return in_force_q() & unfinished_q()


def is_overdue(
    *, status: str, due_date: dt.date | None, today: dt.date, withdrawn: bool = False
) -> bool:
    """An open action whose due date has passed; one without a due date is never overdue."""
    return is_open(status, withdrawn=withdrawn) and due_date is not None and due_date < today


def past_due_q(today: dt.date) -> Q:
    """`is_overdue` for a row already known to be in force."""
    return unfinished_q() & Q(due_date__lt=today)


def overdue_q(today: dt.date) -> Q:
    return in_force_q() & past_due_q(today)


def days_overdue(*, due_date: dt.date | None, today: dt.date) -> int | None:
    """Days since the due date (negative while it is still to come)."""
    if due_date is None:
        return None
    return (today - due_date).days


# --- the monthly update -------------------------------------------------------------------


def update_month_start(today: dt.date) -> dt.date:
    """Leads report monthly: an update dated from the first of the month counts for it."""
    return today.replace(day=1)


def expects_update(*, status: str, start_date: dt.date | None, today: dt.date) -> bool:
    """Open actions that have started (or have no start date) report every month."""
    return is_open(status) and (start_date is None or start_date <= today)


def started_q(today: dt.date) -> Q:
    return Q(start_date__isnull=True) | Q(start_date__lte=today)


def expecting_update_q(today: dt.date) -> Q:
    return open_q() & started_q(today)


def updated_this_month(*, last_update: dt.date | None, today: dt.date) -> bool:
    """`last_update` is the newest progress update dated on or before `today`."""
    return last_update is not None and last_update >= update_month_start(today)


def owes_update(
    *, status: str, start_date: dt.date | None, last_update: dt.date | None, today: dt.date
) -> bool:
    """An action expecting an update with none dated this month up to `today`."""
    return expects_update(status=status, start_date=start_date, today=today) and (
        not updated_this_month(last_update=last_update, today=today)
    )


def dated_this_month_q(today: dt.date, *, field: str = "date") -> Q:
    """Progress updates that count for `today`'s month (`updated_this_month`)."""
    return dated_between_q(update_month_start(today), today, field=field)


def dated_between_q(first, last, *, field: str = "date") -> Q:
    """Dated from `first` to `last`, both included (values or expressions)."""
    # One lookup, so across a relation its negation means "none dated in the range".
    return Q(**{f"{field}__range": (first, last)})


def owes_update_q(today: dt.date) -> Q:
    return expecting_update_q(today) & ~dated_this_month_q(today, field="progress_updates__date")


# --- what a status needs -----------------------------------------------------------------

# Amber and Red say something is wrong: they need the issue and what is being done about it.
REMEDIAL_REQUIRED = frozenset({BRAG.AMBER, BRAG.RED})


def status_field_errors(
    *,
    status: str,
    completed_date: dt.date | None,
    evidence: str | None,
    remedial_action: str | None,
    today: dt.date,
) -> dict[str, str]:
    """What the chosen status needs of the other fields, as field name -> message.

    The model's clean() and the update form both ask this, so a form shows every one of
    these problems at once, with the words the model would use.
    """
    errors: dict[str, str] = {}
    if status == BRAG.BLUE:
        if not completed_date:
            errors["completed_date"] = "A Blue (complete) action needs the date it was completed."
        if not (evidence or "").strip():
            errors["evidence"] = "A Blue (complete) action needs evidence of what was done."
    elif completed_date:
        errors["completed_date"] = "Only a Blue (complete) action has a completed date."
    if status in REMEDIAL_REQUIRED and not (remedial_action or "").strip():
        word = BRAG(status).label
        article = "An" if word == "Amber" else "A"
        errors["remedial_action"] = (
            f"{article} {word} action needs the issue and what is being done about it."
        )
    if completed_date and completed_date > today:
        errors.setdefault("completed_date", "The completed date cannot be in the future.")
    return errors


# --- reading order ------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def reference_key(reference: str) -> tuple:
    """Sort key putting action references in reading order: 1.2 before 1.10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in re.split(r"(\d+)", reference)
        if part
    )
