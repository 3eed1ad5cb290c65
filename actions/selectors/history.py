"""Status timelines read from the action history in one query and walked in Python.

The monthly chart needs the BRAG counts at every month-end of the plan's life, and the
exception report how long each Red action has been Red. Both come from the same rows: one
plan's history up to a date, oldest first. Reading them once and walking them in memory keeps
the number of queries fixed however many months or actions there are.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from actions.models import BRAG, Action, Plan
from actions.selectors import BRAG_BY_VALUE, end_of_day
from actions.selectors.dates import month_ends_between

# The chart stays legible up to three years of month-ends; older months drop off the left.
MAX_SERIES_POINTS = 36


@dataclass(frozen=True, slots=True)
class HistoryRow:
    id: int
    history_date: dt.datetime
    deleted: bool
    status: BRAG
    workstream_id: int | None


@dataclass(frozen=True)
class SeriesPoint:
    """BRAG counts at the end of one day (a month-end, or the "as at" day itself)."""

    day: dt.date
    counts: dict[BRAG, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self) -> list[tuple[BRAG, int]]:
        return [(status, self.counts.get(status, 0)) for status in BRAG.ordered()]


def history_rows(*, plan: Plan, as_at: dt.date) -> list[HistoryRow]:
    """Every history row of the plan's actions written before `as_at` ended, oldest first."""
    rows = (
        Action.history.model.objects.filter(plan_id=plan.pk, history_date__lt=end_of_day(as_at))
        .order_by("history_date", "history_id")
        .values_list("id", "history_date", "history_type", "status", "workstream_id")
    )
    return [
        HistoryRow(
            id=pk,
            history_date=when,
            deleted=kind == "-",
            status=BRAG_BY_VALUE[status],
            workstream_id=workstream_id,
        )
        for pk, when, kind, status, workstream_id in rows
    ]


def series_from_history(
    rows: list[HistoryRow], *, as_at: dt.date, workstream_id: int | None = None
) -> list[SeriesPoint]:
    """BRAG counts at each month-end up to `as_at`, from the first month with any action.

    Months before the first action of the scope (the plan, or one workstream) are left out,
    and at most the last MAX_SERIES_POINTS are kept.
    """
    if not rows:
        return []
    first_day = timezone.localtime(rows[0].history_date).date()
    state: dict[int, tuple[BRAG, int | None]] = {}
    series: list[SeriesPoint] = []
    position = 0
    for day in month_ends_between(first_day, as_at):
        cutoff = end_of_day(day)
        while position < len(rows) and rows[position].history_date < cutoff:
            row = rows[position]
            if row.deleted:
                state.pop(row.id, None)
            else:
                state[row.id] = (row.status, row.workstream_id)
            position += 1
        counts = Counter(
            status
            for status, in_workstream in state.values()
            if workstream_id is None or in_workstream == workstream_id
        )
        if counts or series:
            series.append(SeriesPoint(day=day, counts=dict(counts)))
    return series[-MAX_SERIES_POINTS:]


def red_since(rows: list[HistoryRow], action_ids: set[int]) -> dict[int, dt.date]:
    """For each action still Red at the last row, the day its current Red spell began."""
    began: dict[int, dt.datetime] = {}
    for row in rows:
        if row.id not in action_ids:
            continue
        if not row.deleted and row.status == BRAG.RED:
            began.setdefault(row.id, row.history_date)
        else:
            began.pop(row.id, None)
    return {pk: timezone.localtime(when).date() for pk, when in began.items()}
