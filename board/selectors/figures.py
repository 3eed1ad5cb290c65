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

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from actions import rules
from actions.models import BRAG, Plan, ProgressUpdate, Workstream
from actions.selectors import (
    AS_AT_FIELDS,
    BRAG_BY_VALUE,
    ActionAsAt,
    action_as_at,
    as_at_query,
    status_as_at,
)
from board.selectors.summary import StatusCounts


def status_counts(
    *, plan: Plan, dates: Sequence[dt.date], workstream: Workstream | None = None
) -> dict[dt.date, StatusCounts]:
    """Date → (theme, status) → the number of actions in force at the end of that date (in
    the workstream, if one is given). One query: a GROUP BY per date, joined by UNION ALL."""
    unique = list(dict.fromkeys(dates))
    parts = []
    for index, day in enumerate(unique):
        rows = as_at_query(plan=plan, as_at=day).filter(_counted(day, workstream))
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

    @property
    def moved(self) -> bool:
        """Added, removed or changed status between the two dates."""
        return not self.counted or self.before != self.action.status


def listed_actions(
    *,
    plan: Plan,
    as_at: dt.date,
    since: dt.date,
    workstream: Workstream | None = None,
) -> list[ListedAction]:
    """The actions a dashboard names, as at the end of `as_at`: Red, overdue, expecting an
    update with none this month, and any whose status moved since the end of `since`
    (including those that left the plan or the workstream). With a workstream, every action
    expecting an update too, for the leads' completeness table. One query.

    The database chooses the rows with the SQL form of each rule; the lists keep applying
    the rules themselves, so a row chosen here is never more than a candidate.
    """
    updates = ProgressUpdate.objects.filter(action_id=OuterRef("id"))
    newest_update = updates.filter(date__lte=as_at).order_by("-date").values("date")[:1]
    expected = rules.unfinished_q() & rules.started_q(as_at)
    named: Q = (
        Q(status=BRAG.RED)
        | rules.past_due_q(as_at)
        | (expected & Q(~Exists(updates.filter(rules.dated_this_month_q(as_at)))))
    )
    if workstream is not None:
        named |= expected
    counted = _counted(as_at, workstream)
    # Each reference to a subquery is written into the SQL again: `before` is "" when the
    # action did not count at `since`, and compared once with what it is at `as_at`.
    now = Case(When(counted, then=F("status")), default=Value(""), output_field=CharField())
    rows = (
        as_at_query(plan=plan, as_at=as_at)
        .annotate(
            before=Coalesce(
                status_as_at(
                    plan=plan, as_at=since, workstream_id=workstream.pk if workstream else None
                ),
                Value(""),
            ),
            counted=ExpressionWrapper(counted, output_field=BooleanField()),
            last_update=Subquery(newest_update),
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
            "lead_username",
            "lead_first_name",
            "lead_last_name",
        )
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
            )
        )
    return listed


def _counted(as_at: dt.date, workstream: Workstream | None) -> Q:
    counted = rules.in_force_q(as_at) & ~Q(as_at_kind="-")
    if workstream is not None:
        counted &= Q(workstream_id=workstream.pk)
    return counted


def _person(username: str, first_name: str, last_name: str) -> str:
    user = get_user_model()(username=username, first_name=first_name, last_name=last_name)
    return user.get_full_name() or user.get_username()
