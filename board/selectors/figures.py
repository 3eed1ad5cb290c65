"""The Board's figures read set-based: counts by GROUP BY, whole rows only for the lists.

A 300-action plan has a few dozen actions the dashboard names (Red, overdue, not updated, or
moved since the last month-end); the rest it only counts. Counting happens in the database,
and only the named actions come back as rows, each with its status at the earlier date, its
newest progress update and its lead's name, so no list needs another query.
"""

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from actions import rules
from actions.models import BRAG, Plan, ProgressUpdate, Workstream
from actions.selectors import (
    AS_AT_FIELDS,
    BRAG_BY_VALUE,
    ActionAsAt,
    action_as_at,
    as_at_query,
    end_of_day,
    rows_as_at,
    status_as_at,
)
from actions.selectors.snapshot import red_spell_began
from board.selectors.summary import StatusCounts
from wsoa.lib.people import person_name
from wsoa.lib.prepared import PreparedRead


def status_counts(
    *, plan: Plan, dates: Sequence[dt.date], workstream: Workstream | None = None
) -> dict[dt.date, StatusCounts]:
    """Date → (theme, status) → the number of actions in force at the end of that date (in
    the workstream, if one is given). One query: a GROUP BY per date, joined by UNION ALL."""
    unique = list(dict.fromkeys(dates))
    parts = []
    for index, day in enumerate(unique):
        rows = as_at_query(plan=plan, as_at=day).filter(
            _counted(day, workstream.pk if workstream else None)
        )
        parts.append(
            rows.values("weakness_id", "status")
            .annotate(n=Count("id"), day_index=Value(index, output_field=IntegerField()))
            .values_list("day_index", "weakness_id", "status", "n")
        )
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found: dict[int, Counter] = {index: Counter() for index in range(len(unique))}
    for index, weakness_id, status, n in query:
        found[index][weakness_id, BRAG_BY_VALUE[status]] += n
    return {day: found[index] for index, day in enumerate(unique)}


@dataclass(frozen=True)
class ListedAction:
    """An action the dashboard names, as at its date.

    `counted` says whether it counts at that date (in force, and in the workstream if one is
    given); `before` is its status at the earlier date, None when it did not count then.
    """

    action: ActionAsAt
    counted: bool
    before: BRAG | None
    last_update: dt.date | None
    lead_name: str | None
    # The day its Red spell began, when it is Red at the date.
    red_since: dt.date | None = None

    @property
    def moved(self) -> bool:
        """Added, removed or changed status between the two dates."""
        return not self.counted or self.before != self.action.status


def _listed(
    shape: tuple[bool, bool],
    *,
    plan: Any,
    as_at: Any,
    as_at_cutoff: Any,
    since: Any,
    since_cutoff: Any,
    month_start: Any,
    workstream: Any,
) -> QuerySet:
    """The listed actions' query; `shape` is (as at today, for one workstream)."""
    current, by_workstream = shape
    workstream = workstream if by_workstream else None
    updates = ProgressUpdate.objects.filter(action_id=OuterRef("id"))
    newest_update = updates.filter(date__lte=as_at).order_by("-date").values("date")[:1]
    expected = rules.unfinished_q() & rules.started_q(as_at)
    this_month = updates.filter(rules.dated_between_q(month_start, as_at))
    named: Q = Q(status=BRAG.RED) | rules.past_due_q(as_at) | (expected & Q(~Exists(this_month)))
    if workstream is not None:
        named |= expected
    counted = _counted(as_at, workstream)
    # Each reference to a subquery is written into the SQL again: `before` is "" when the
    # action did not count at `since`, and compared once with what it is at `as_at`.
    now = Case(When(counted, then=F("status")), default=Value(""), output_field=CharField())
    before = status_as_at(plan_id=plan, as_at=since, cutoff=since_cutoff, workstream_id=workstream)
    return (
        rows_as_at(plan_id=plan, cutoff=as_at_cutoff, current=current)
        .annotate(
            before=Coalesce(before, Value("")),
            counted=ExpressionWrapper(counted, output_field=BooleanField()),
            last_update=Subquery(newest_update),
            red_began=red_spell_began(as_at_cutoff),
            lead_username=F("lead__username"),
            lead_first_name=F("lead__first_name"),
            lead_last_name=F("lead__last_name"),
        )
        .filter((counted & named) | ~Q(before=now))
        .values(
            *AS_AT_FIELDS,
            "counted",
            "before",
            "last_update",
            "red_began",
            "lead_username",
            "lead_first_name",
            "lead_last_name",
        )
    )


_LISTED = PreparedRead(
    _listed,
    fields={
        "plan": IntegerField(),
        "as_at": DateField(),
        "as_at_cutoff": DateTimeField(),
        "since": DateField(),
        "since_cutoff": DateTimeField(),
        "month_start": DateField(),
        "workstream": IntegerField(),
    },
)


def listed_actions(
    *,
    plan: Plan,
    as_at: dt.date,
    since: dt.date,
    workstream: Workstream | None = None,
) -> list[ListedAction]:
    """The actions a dashboard names, as at the end of `as_at`: Red (with the day the Red
    spell began), overdue, expecting an update with none this month, and any whose status moved since the end of `since`
    (including those that left the plan or the workstream). With a workstream, every action
    expecting an update too, for the leads' completeness table. One query, whose SQL is
    built once per shape (`wsoa.lib.prepared`).

    The database chooses the rows with the SQL form of each rule; the lists keep applying
    the rules themselves, so a row chosen here is never more than a candidate.
    """
    rows = _LISTED.rows(
        (as_at >= timezone.localdate(), workstream is not None),
        plan=plan.pk,
        as_at=as_at,
        as_at_cutoff=end_of_day(as_at),
        since=since,
        since_cutoff=end_of_day(since),
        month_start=rules.update_month_start(as_at),
        workstream=workstream.pk if workstream else 0,
    )
    names: dict[int, str] = {}
    listed = []
    for row in rows:
        if row["lead_id"] is not None and row["lead_id"] not in names:
            names[row["lead_id"]] = _person(
                row["lead_username"], row["lead_first_name"], row["lead_last_name"]
            )
        listed.append(
            ListedAction(
                action=action_as_at(row),
                counted=bool(row["counted"]),
                before=BRAG_BY_VALUE[row["before"]] if row["before"] else None,
                last_update=row["last_update"],
                lead_name=names.get(row["lead_id"]),
                red_since=timezone.localtime(row["red_began"]).date() if row["red_began"] else None,
            )
        )
    return listed


def _counted(as_at: Any, workstream: Any | None) -> Q:
    """Counts at `as_at` (and, given a workstream's id, is in it): values or expressions."""
    counted = rules.in_force_q(as_at) & ~Q(as_at_kind="-")
    if workstream is not None:
        counted &= Q(workstream_id=workstream)
    return counted


def _person(username: str, first_name: str, last_name: str) -> str:
    return person_name(
        get_user_model()(username=username, first_name=first_name, last_name=last_name)
    )
