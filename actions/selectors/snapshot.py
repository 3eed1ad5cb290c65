"""Reads of the month-end snapshot: the monthly series and "Red since", in one query.

The snapshot (`actions.models.snapshot`) keeps, per plan and month, how the BRAG counts of
each theme and workstream moved; the count at a month-end is the running sum up to it.
"""

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import DateField, DateTimeField, IntegerField, Sum, Value
from django.utils import timezone

from actions.models import BRAG, MonthCountChange, Plan, RedSpell
from actions.selectors import BRAG_BY_VALUE, end_of_day
from actions.selectors.dates import month_end, month_ends_between
from actions.selectors.history import MAX_SERIES_POINTS, SeriesPoint
from actions.snapshot import red_spell_q


@dataclass(frozen=True)
class MonthEndFigures:
    series: list[SeriesPoint]
    red_since: dict[int, dt.date]
    # (month-end, theme, status, change), oldest first, up to the figures' date.
    changes: list[tuple[dt.date, int, BRAG, int]] = field(default_factory=list)

    def counts_at(self, day: dt.date) -> Counter:
        """(theme, status) → count at the month-end `day` (one of `is_kept`'s days)."""
        counts: Counter = Counter()
        for month, weakness_id, status, n in self.changes:
            if month > day:
                break
            counts[weakness_id, status] += n
        return +counts


def is_kept(day: dt.date, *, today: dt.date) -> bool:
    """Whether the snapshot holds the final counts at `day`: a month-end already past."""
    return day < today and day == month_end(day)


def month_end_figures(
    *,
    plan: Plan,
    as_at: dt.date,
    last_counts: dict[BRAG, int] | None = None,
    workstream_id: int | None = None,
    red_ids: Collection[int] = (),
) -> MonthEndFigures:
    """The monthly series up to `as_at`, the counts by theme at each month-end up to it and,
    for `red_ids`, the day each Red spell began. One query.

    `last_counts`, when given, are the counts at `as_at` itself, read by the caller: the
    series ends with them. Without them it ends at the last month-end kept.
    """
    months = MonthCountChange.objects.filter(plan_id=plan.pk, month_end__lte=as_at)
    if workstream_id is not None:
        months = months.filter(workstream_key=workstream_id)
    query = (
        months.order_by()
        .values("month_end", "weakness_id", "status")
        .annotate(
            n=Sum("change"),
            action=Value(None, output_field=IntegerField()),
            began=Value(None, output_field=DateTimeField()),
        )
        .values_list("month_end", "weakness_id", "status", "n", "action", "began")
    )
    if red_ids:
        cutoff = end_of_day(as_at)
        spells = (
            RedSpell.objects.filter(red_spell_q(cutoff), action_id__in=list(red_ids))
            .order_by()
            .annotate(
                m=Value(None, output_field=DateField()),
                w=Value(None, output_field=IntegerField()),
                s=Value(None, output_field=IntegerField()),
                n=Value(None, output_field=IntegerField()),
            )
            .values_list("m", "w", "s", "n", "action_id", "began_at")
        )
        query = query.union(spells, all=True)
    changes: list[tuple[dt.date, int, BRAG, int]] = []
    red_since: dict[int, dt.date] = {}
    for month, weakness_id, status, n, action_id, began in query:
        if action_id is not None:
            red_since[action_id] = timezone.localtime(began).date()
        elif n:
            changes.append((month, weakness_id, BRAG_BY_VALUE[status], n))
    changes.sort()
    return MonthEndFigures(
        series=_series(changes, as_at, last_counts), red_since=red_since, changes=changes
    )


def _series(
    changes: list[tuple[dt.date, int, BRAG, int]],
    as_at: dt.date,
    last_counts: dict[BRAG, int] | None,
) -> list[SeriesPoint]:
    first = changes[0][0] if changes else as_at
    running: Counter = Counter()
    position = 0
    series: list[SeriesPoint] = []
    for day in month_ends_between(first, as_at):
        if day == as_at and last_counts is not None:
            counts = {status: n for status, n in last_counts.items() if n}
        else:
            while position < len(changes) and changes[position][0] <= day:
                _, _, status, n = changes[position]
                running[status] += n
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
