"""Reads of the month-end snapshot: the monthly series and "Red since", in one query.

The snapshot (`actions.models.snapshot`) keeps, per plan and month, how the BRAG counts of
each theme and workstream moved; the count at a month-end is the running sum up to it.
"""

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import DateField, DateTimeField, IntegerField, Sum, Value
from django.utils import timezone

from actions.models import BRAG, MonthCountChange, Plan, RedSpell
from actions.selectors import end_of_day
from actions.selectors.dates import month_ends_between
from actions.selectors.history import MAX_SERIES_POINTS, SeriesPoint
from actions.snapshot import red_spell_q


@dataclass(frozen=True)
class MonthEndFigures:
    series: list[SeriesPoint]
    red_since: dict[int, dt.date]


def month_end_figures(
    *,
    plan: Plan,
    as_at: dt.date,
    last_counts: dict[BRAG, int],
    workstream_id: int | None = None,
    red_ids: Collection[int] = (),
) -> MonthEndFigures:
    """The monthly series up to `as_at` and, for `red_ids`, the day each Red spell began.

    `last_counts` are the counts at `as_at` itself, which the caller has already read: the
    series ends with them. One query.
    """
    months = MonthCountChange.objects.filter(plan_id=plan.pk, month_end__lt=as_at)
    if workstream_id is not None:
        months = months.filter(workstream_key=workstream_id)
    query = (
        months.order_by()
        .values("month_end", "status")
        .annotate(
            n=Sum("change"),
            action=Value(None, output_field=IntegerField()),
            began=Value(None, output_field=DateTimeField()),
        )
        .values_list("month_end", "status", "n", "action", "began")
    )
    if red_ids:
        cutoff = end_of_day(as_at)
        spells = (
            RedSpell.objects.filter(red_spell_q(cutoff), action_id__in=list(red_ids))
            .order_by()
            .annotate(
                m=Value(None, output_field=DateField()),
                s=Value(None, output_field=IntegerField()),
                n=Value(None, output_field=IntegerField()),
            )
            .values_list("m", "s", "n", "action_id", "began_at")
        )
        query = query.union(spells, all=True)
    changes: list[tuple[dt.date, str, int]] = []
    red_since: dict[int, dt.date] = {}
    for month, status, n, action_id, began in query:
        if action_id is not None:
            red_since[action_id] = timezone.localtime(began).date()
        else:
            changes.append((month, status, n))
    return MonthEndFigures(series=_series(changes, as_at, last_counts), red_since=red_since)


def _series(
    changes: list[tuple[dt.date, str, int]], as_at: dt.date, last_counts: dict[BRAG, int]
) -> list[SeriesPoint]:
    changes.sort()
    first = changes[0][0] if changes else as_at
    running: Counter = Counter()
    position = 0
    series: list[SeriesPoint] = []
    for day in month_ends_between(first, as_at):
        if day == as_at:
            counts = {status: n for status, n in last_counts.items() if n}
        else:
            while position < len(changes) and changes[position][0] <= day:
                _, status, n = changes[position]
                running[BRAG(status)] += n
                position += 1
            counts = {status: n for status, n in running.items() if n}
        if counts or series:
            series.append(SeriesPoint(day=day, counts=counts))
    return series[-MAX_SERIES_POINTS:]


def counts_at_month_end(
    *, plan: Plan, month_end: dt.date
) -> dict[tuple[int, int | None, BRAG], int]:
    """(theme, workstream, status) → count at `month_end`, from the snapshot alone."""
    rows = (
        MonthCountChange.objects.filter(plan_id=plan.pk, month_end__lte=month_end)
        .order_by()
        .values_list("weakness_id", "workstream_key", "status")
        .annotate(n=Sum("change"))
    )
    return {
        (weakness_id, workstream_key or None, BRAG(status)): n
        for weakness_id, workstream_key, status, n in rows
        if n
    }
