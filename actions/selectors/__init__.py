"""Reads for dashboards and reports. Nothing here writes."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from actions import rules
from actions.models import BRAG, Action, ActionQuerySet, Plan, ProgressUpdate
from actions.rules import reference_key
from actions.suggestions import Suggestion, off_track_measures_of, suggest_for_action


@dataclass(frozen=True)
class ActionAsAt:
    """An action as it stood at the end of a given day, from the audit history."""

    id: int
    reference: str
    title: str
    status: BRAG
    weakness_id: int
    workstream_id: int | None
    lead_id: int | None
    due_date: dt.date | None
    completed_date: dt.date | None
    published: bool
    start_date: dt.date | None = None
    remedial_action: str = ""
    lead_role: str = ""
    lead_organisation: str = ""
    withdrawn_date: dt.date | None = None


AS_AT_FIELDS = (
    "id",
    "reference",
    "title",
    "status",
    "weakness_id",
    "workstream_id",
    "lead_id",
    "due_date",
    "completed_date",
    "published",
    "start_date",
    "remedial_action",
    "lead_role",
    "lead_organisation",
    "withdrawn_date",
)


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after `day` ends, in the installation's time zone."""
    tz = ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def actions_as_at(*, plan: Plan, as_at: dt.date) -> list[ActionAsAt]:
    """Every action of `plan` as it stood at the end of `as_at`, in one query.

    Takes, per action, the newest history row written before the day ended (a window
    function, so it runs on PostgreSQL and on the demo's SQLite). Actions created later,
    deleted or withdrawn by then, are left out: a withdrawn action counts before its
    withdrawal date and not from it. The window runs over the narrow index on (plan, id,
    history_date, history_id) alone; only the winning rows are then read in full. For today
    (or later) the actions' own rows are that newest state, and are read instead.
    """
    return actions_as_at_dates(plan=plan, dates=[as_at])[as_at]


def actions_as_at_dates(*, plan: Plan, dates: Sequence[dt.date]) -> dict[dt.date, list[ActionAsAt]]:
    """`actions_as_at` for several dates at once, in one query (a UNION ALL of each date's
    read): date → the actions as they stood at the end of it."""
    unique = list(dict.fromkeys(dates))
    parts = [
        as_at_query(plan=plan, as_at=as_at).annotate(
            as_at_index=Value(index, output_field=IntegerField())
        )
        for index, as_at in enumerate(unique)
    ]
    columns = (*AS_AT_FIELDS, "as_at_kind", "as_at_index")
    query = parts[0].values(*columns)
    if len(parts) > 1:
        query = query.union(*(part.values(*columns) for part in parts[1:]), all=True)
    found: dict[int, list[dict]] = {index: [] for index in range(len(unique))}
    for row in query:
        index = row.pop("as_at_index")
        if row.pop("as_at_kind") != "-":
            found[index].append(row)
    return {as_at: _as_at_rows(found[index], as_at) for index, as_at in enumerate(unique)}


def as_at_query(*, plan: Plan, as_at: dt.date) -> QuerySet:
    """The SQL behind `actions_as_at`, for reads that count or filter in the database: each
    action's row as it stood at the end of `as_at`, with `as_at_kind`, the history type of
    the row ("-" for a deletion). Rows no longer in force are kept: filter them out with
    `rules.in_force_q(as_at)` and `as_at_kind`, or use them to see what left the plan."""
    return rows_as_at(
        plan_id=plan.pk, cutoff=end_of_day(as_at), current=as_at >= timezone.localdate()
    )


def rows_as_at(*, plan_id: Any, cutoff: Any, current: bool) -> QuerySet:
    """`as_at_query` for the plan `plan_id` as at the instant `cutoff` (values or
    expressions). `current` says the date is today or later, when the actions' own rows are
    that newest state and are read instead of picking each one's newest row out of its
    history."""
    if current:
        return (
            Action.objects.filter(plan_id=plan_id)
            .order_by()
            .annotate(as_at_kind=Value("~", output_field=CharField()))
        )
    historical = Action.history.model
    newest = (
        historical.objects.filter(plan_id=plan_id, history_date__lt=cutoff)
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("id")],
                order_by=[F("history_date").desc(), F("history_id").desc()],
            )
        )
        .filter(row=1)
        .order_by()
        .values("history_id")
    )
    return (
        historical.objects.filter(history_id__in=newest)
        .order_by()
        .annotate(as_at_kind=F("history_type"))
    )


def status_as_at(
    *, plan_id: Any, as_at: Any, cutoff: Any, workstream_id: Any | None = None
) -> Subquery:
    """The status of the action `OuterRef("id")` at the instant `cutoff` (the end of the
    day `as_at`), or NULL when it did not count then (not yet created, withdrawn or deleted,
    or, given a workstream, in another one). One probe down the history's index per action.
    The arguments are values or expressions."""
    counted = rules.in_force_q(as_at) & ~Q(history_type="-")
    if workstream_id is not None:
        counted &= Q(workstream_id=workstream_id)
    return Subquery(
        Action.history.model.objects.filter(
            plan_id=plan_id, id=OuterRef("id"), history_date__lt=cutoff
        )
        .order_by("-history_date", "-history_id")
        .annotate(counted_status=Case(When(counted, then=F("status")), default=None))
        .values("counted_status")[:1],
        output_field=CharField(),
    )


def action_as_at(row: dict) -> ActionAsAt:
    """An `ActionAsAt` from a row read with `.values(*AS_AT_FIELDS)`."""
    return ActionAsAt(
        **{name: row[name] for name in AS_AT_FIELDS} | {"status": BRAG_BY_VALUE[row["status"]]}
    )


def _as_at_rows(rows: list[dict], as_at: dt.date) -> list[ActionAsAt]:
    rows = [
        row for row in rows if rules.is_in_force(withdrawn_date=row["withdrawn_date"], as_at=as_at)
    ]
    rows.sort(key=lambda row: reference_key(row["reference"]))
    return [action_as_at(row) for row in rows]


# BRAG(value) goes through the enum machinery each call: a plain lookup for thousands of rows.
BRAG_BY_VALUE = {status.value: status for status in BRAG}


def statuses_as_at(*, plan: Plan, as_at: dt.date) -> dict[int, BRAG]:
    """Action id → BRAG status at the end of `as_at`, for every action that existed then."""
    return {row.id: row.status for row in actions_as_at(plan=plan, as_at=as_at)}


def current_plan(area) -> Plan | None:
    """The plan the area is working to: its most recently submitted one.

    A plan not yet submitted counts only when the area has no submitted plan.
    """
    return (
        Plan.objects.filter(local_area=area)
        .order_by(F("submitted_date").desc(nulls_last=True), "-pk")
        .first()
    )


def owing_update_of(actions: ActionQuerySet, today: dt.date) -> list[Action]:
    """Those of `actions` that owe an update this month, in reading order."""
    owed = actions.in_force().owing_update(today).select_related("plan__local_area")
    return sorted(owed, key=lambda action: (action.plan_id, reference_key(action.reference)))


def actions_for_listing(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Actions ready for a table: what the rows show comes in the same query.

    `last_update` is the date of the newest progress update (None if there is none).
    """
    newest_update = (
        ProgressUpdate.objects.filter(action=OuterRef("pk"))
        .order_by("-date", "-created_at")
        .values("date")[:1]
    )
    return actions.select_related("plan__local_area", "workstream", "lead").annotate(
        last_update=Subquery(newest_update)
    )


def progress_updates_of(action: Action) -> QuerySet[ProgressUpdate]:
    """An action's progress updates, newest first, with their authors."""
    return action.progress_updates.select_related("author").order_by("-date", "-created_at")


def latest_progress_update(action: Action) -> ProgressUpdate | None:
    return progress_updates_of(action).first()


def status_suggestion(
    action: Action, *, today: dt.date | None = None, off_track_measures: Sequence[str] = ()
) -> Suggestion | None:
    """The status the evidence suggests for a saved action today, with its reasons (one query,
    and the reads of its measures for a Green action)."""
    today = today or timezone.localdate()
    last_update = action.progress_updates.filter(date__lte=today).aggregate(last=Max("date"))[
        "last"
    ]
    return suggest_for_action(
        action,
        last_update=last_update,
        today=today,
        off_track_measures=off_track_measures or off_track_measures_of(action, today),
    )
