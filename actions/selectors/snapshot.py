"""Reads of the month-end snapshot: the monthly series and "Red since", in one query.

The snapshot (`actions.models.snapshot`) keeps, per plan and month, how the BRAG counts of
each theme and workstream moved; the count at a month-end is the running sum up to it.
"""

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    DateField,
    DateTimeField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from actions.models import BRAG, MonthCountChange, Plan, RedSpell
from actions.selectors import BRAG_BY_VALUE, end_of_day
from actions.selectors.dates import month_end, month_ends_between
from actions.selectors.history import MAX_SERIES_POINTS, SeriesPoint
from actions.snapshot import red_spell_q
from wsoa.lib.prepared import PreparedRead


@dataclass(frozen=True)
class MonthEndFigures:
    series: list[SeriesPoint]
    # (month-end, status, change), oldest first, up to the figures' date.
    changes: list[tuple[dt.date, BRAG, int]] = field(default_factory=list)
    # (theme, status) → count at the `themes_at` month-end asked for.
    theme_counts: Counter = field(default_factory=Counter)

    def counts_at(self, day: dt.date) -> Counter:
        """Status → count at the month-end `day` (one of `is_kept`'s days)."""
        counts: Counter = Counter()
        for month, status, n in self.changes:
            if month > day:
                break
            counts[status] += n
        return +counts


def red_spell_began(cutoff: Any) -> Subquery:
    """When the Red spell of the action `OuterRef("id")` running at the instant `cutoff`
    began: NULL when it was not Red then."""
    return Subquery(
        RedSpell.objects.filter(red_spell_q(cutoff), action_id=OuterRef("id"))
        .order_by("-began_at")
        .values("began_at")[:1],
        output_field=DateTimeField(),
    )


def red_since(*, action_ids: Collection[int], as_at: dt.date) -> dict[int, dt.date]:
    """Action id → the day its Red spell running at the end of `as_at` began (one query)."""
    spells = RedSpell.objects.filter(red_spell_q(end_of_day(as_at)), action_id__in=action_ids)
    return {
        action_id: timezone.localtime(began).date()
        for action_id, began in spells.values_list("action_id", "began_at")
    }


def is_kept(day: dt.date, *, today: dt.date) -> bool:
    """Whether the snapshot holds the final counts at `day`: a month-end already past."""
    return day < today and day == month_end(day)


def _figures(
    shape: tuple[bool, bool],
    *,
    plan: Any,
    as_at: Any,
    workstream: Any,
    themes_at: Any,
) -> QuerySet:
    """`month_end_figures`' query; `shape` is (for one workstream, with the counts by
    theme). Its rows carry the first part's names: month_end, theme, status, n."""
    by_workstream, with_themes = shape
    months = MonthCountChange.objects.filter(plan_id=plan, month_end__lte=as_at)
    if by_workstream:
        months = months.filter(workstream_key=workstream)
    # Typed NULLs: PostgreSQL gives an untyped NULL in every part of a UNION the type text.
    query = (
        months.order_by()
        .values("month_end", "status")
        .annotate(
            n=Sum("change"),
            theme=Cast(Value(None), IntegerField()),
        )
        .values("month_end", "theme", "status", "n")
    )
    if with_themes:
        return query.union(
            months.filter(month_end__lte=themes_at)
            .order_by()
            .values("weakness_id", "status")
            .annotate(
                n=Sum("change"),
                day=Cast(themes_at, DateField()),
            )
            .values("day", "weakness_id", "status", "n"),
            all=True,
        )
    return query


_FIGURES = PreparedRead(
    _figures,
    fields={
        "plan": IntegerField(),
        "as_at": DateField(),
        "workstream": IntegerField(),
        "themes_at": DateField(),
    },
)


def month_end_figures(
    *,
    plan: Plan,
    as_at: dt.date,
    last_counts: dict[BRAG, int] | None = None,
    workstream_id: int | None = None,
    themes_at: dt.date | None = None,
) -> MonthEndFigures:
    """The monthly series up to `as_at` and, given `themes_at` (a month-end), the counts by
    theme then. One query, whose SQL is built once per shape (`wsoa.lib.prepared`).

    `last_counts`, when given, are the counts at `as_at` itself, read by the caller: the
    series ends with them. Without them it ends with the snapshot's counts, which are the
    counts at `as_at` when `as_at` is kept (`is_kept`).
    """
    rows = _FIGURES.rows(
        (workstream_id is not None, themes_at is not None),
        plan=plan.pk,
        as_at=as_at,
        workstream=workstream_id or 0,
        themes_at=themes_at or as_at,
    )
    changes: list[tuple[dt.date, BRAG, int]] = []
    themes: Counter = Counter()
    # Each part's columns in the first part's names.
    for row in rows:
        month, weakness_id, status, n = row.values()
        if weakness_id is not None:
            themes[weakness_id, BRAG_BY_VALUE[status]] += n
        elif n:
            changes.append((month, BRAG_BY_VALUE[status], n))
    changes.sort()
    return MonthEndFigures(
        series=_series(changes, as_at, last_counts),
        changes=changes,
        theme_counts=+themes,
    )


def _series(
    changes: list[tuple[dt.date, BRAG, int]],
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
                _, status, n = changes[position]
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
