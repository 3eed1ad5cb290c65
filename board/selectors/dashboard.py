"""Reads for the Steering Board and workstream dashboards, the exports and the Board report.

Every figure is rebuilt from the audit history as it stood at the end of the chosen day, so
the dashboard "as at" last month shows what the Board would have seen then. Each function
issues a fixed number of queries whatever the number of actions or history rows.

How statuses rank (improved or worsened) is set out in `board.selectors.summary`.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    F,
    IntegerField,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from actions import rules
from actions.models import (
    BRAG,
    BoardMeeting,
    MonitoringVisit,
    Plan,
    Workstream,
)
from actions.selectors import ActionAsAt, actions_as_at
from actions.selectors.history import SeriesPoint
from actions.selectors.snapshot import is_kept, month_end_figures
from board.dates import previous_month_end
from board.selectors.figures import listed_actions, status_counts
from board.selectors.summary import (
    Movement,
    StatusChange,
    Summary,
    in_workstream,
    movement_of,
    summary_of,
)
from inspections.clock import working_days_between
from inspections.models import AreaOfWeakness, Inspection
from wsoa.lib.people import person_name
from wsoa.lib.prepared import PreparedRead

# --- exceptions, overdue and stale ------------------------------------------------------


@dataclass(frozen=True)
class ActionLine:
    """One action in a Board list, with who leads it and the dates that matter."""

    action: ActionAsAt
    lead: str
    theme: str
    red_since: dt.date | None = None
    last_update: dt.date | None = None
    as_at: dt.date | None = None

    @property
    def days_red(self) -> int | None:
        if self.red_since is None or self.as_at is None:
            return None
        return (self.as_at - self.red_since).days

    @property
    def days_overdue(self) -> int | None:
        if self.as_at is None:
            return None
        return rules.days_overdue(due_date=self.action.due_date, today=self.as_at)


def is_overdue(row: ActionAsAt, as_at: dt.date) -> bool:
    return rules.is_overdue(status=row.status, due_date=row.due_date, today=as_at)


def expects_update(row: ActionAsAt, as_at: dt.date) -> bool:
    return rules.expects_update(status=row.status, start_date=row.start_date, today=as_at)


def people_names(user_ids: Iterable[int | None]) -> dict[int, str]:
    """User id → the name to print for them (one query)."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    users = get_user_model().objects.filter(pk__in=ids).only("username", "first_name", "last_name")
    return {user.pk: person_name(user) for user in users}


def lead_label(row: ActionAsAt, names: dict[int, str]) -> str:
    if row.lead_id in names:
        return names[row.lead_id]
    described = ", ".join(part for part in (row.lead_role, row.lead_organisation) if part)
    return described or "No lead named"


# --- upcoming ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    day: dt.date
    what: str
    detail: str
    working_days: int


@dataclass(frozen=True)
class Outlook:
    upcoming: list[Milestone]
    last_visit: MonitoringVisit | None


def outlook(
    *,
    plan: Plan,
    as_at: dt.date,
    visits: Sequence[MonitoringVisit],
    meetings: Sequence[dt.date],
    revisits: Sequence[dt.date],
) -> Outlook:
    """Monitoring visits, the revisit and the next Board meeting after `as_at`, from the
    visits, the meetings' dates and the revisits' start dates (no query)."""
    upcoming = [
        Milestone(
            day=visit.date,
            what="Monitoring visit",
            detail=str(visit),
            working_days=working_days_between(as_at, visit.date),
        )
        for visit in visits
        if visit.date > as_at
    ]
    scheduled = [day for day in revisits if day > as_at]
    for day in scheduled:
        upcoming.append(
            Milestone(
                day=day,
                what="Revisit",
                detail="Ofsted and CQC revisit",
                working_days=working_days_between(as_at, day),
            )
        )
    expected = plan.expected_revisit_date
    if not revisits and expected and expected > as_at:
        upcoming.append(
            Milestone(
                day=expected,
                what="Revisit (expected)",
                detail="About 18 months after the plan was declared fit for purpose",
                working_days=working_days_between(as_at, expected),
            )
        )
    next_meeting = next((day for day in meetings if day > as_at), None)
    if next_meeting is not None:
        upcoming.append(
            Milestone(
                day=next_meeting,
                what="Board meeting",
                detail="Steering Board",
                working_days=working_days_between(as_at, next_meeting),
            )
        )
    upcoming.sort(key=lambda milestone: milestone.day)
    past = [visit for visit in visits if visit.date <= as_at]
    return Outlook(upcoming=upcoming, last_visit=past[-1] if past else None)


@dataclass(frozen=True)
class Calendar:
    """The plan's monitoring visits, Board meeting dates and revisit start dates (each in
    date order)."""

    visits: list[MonitoringVisit]
    meetings: list[dt.date]
    revisits: list[dt.date]


_VISIT_FIELDS = ("id", "plan_id", "title", "date", "by_dfe", "by_nhse", "grade", "notes")
_CALENDAR = tuple(f"cal_{name}" for name in ("kind", *_VISIT_FIELDS))


def _calendar_part(queryset, kind: str, **columns) -> Any:
    blanks: dict[str, Any] = {
        "cal_plan_id": Cast(Value(None), IntegerField()),
        "cal_date": Cast(Value(None), DateField()),
        "cal_title": Value("", output_field=TextField()),
        "cal_by_dfe": Cast(Value(None), BooleanField()),
        "cal_by_nhse": Cast(Value(None), BooleanField()),
        "cal_grade": Value("", output_field=TextField()),
        "cal_notes": Value("", output_field=TextField()),
    }
    annotations = {"cal_kind": Value(kind, output_field=CharField()), **blanks, **columns}
    return queryset.order_by().annotate(**annotations).values(*_CALENDAR)


def _calendar(shape: None, *, plan: Any, inspection: Any) -> QuerySet:
    visits = _calendar_part(
        MonitoringVisit.objects.filter(plan_id=plan),
        "visit",
        **{f"cal_{name}": F(name) for name in _VISIT_FIELDS},
    )
    meetings = _calendar_part(
        BoardMeeting.objects.filter(plan_id=plan), "meeting", cal_id=F("id"), cal_date=F("date")
    )
    revisits = _calendar_part(
        Inspection.objects.filter(revisit_of_id=inspection, kind=Inspection.Kind.REVISIT),
        "revisit",
        cal_id=F("id"),
        cal_date=F("start_date"),
    )
    return visits.union(meetings, revisits, all=True)


_CALENDAR_READ = PreparedRead(
    _calendar, fields={"plan": IntegerField(), "inspection": IntegerField()}
)


def calendar(*, plan: Plan) -> Calendar:
    """The plan's visits, meetings and revisits, in one query."""
    found = Calendar(visits=[], meetings=[], revisits=[])
    rows = [
        tuple(row.values())
        for row in _CALENDAR_READ.rows(None, plan=plan.pk, inspection=plan.inspection_id)
    ]
    for kind, *fields in sorted(rows, key=lambda row: (row[0], row[4] or dt.date.min, row[1])):
        if kind == "visit":
            found.visits.append(MonitoringVisit.from_db(DEFAULT_DB_ALIAS, _VISIT_FIELDS, fields))
        elif kind == "meeting":
            found.meetings.append(fields[3])
        else:
            found.revisits.append(fields[3])
    return found


# --- the whole dashboard ----------------------------------------------------------------


@dataclass(frozen=True)
class LeadCompleteness:
    lead: str
    expected: int
    updated: int

    @property
    def missing(self) -> int:
        return self.expected - self.updated

    @property
    def percent(self) -> int:
        return round(100 * self.updated / self.expected) if self.expected else 100


@dataclass(frozen=True)
class Dashboard:
    plan: Plan
    as_at: dt.date
    since: dt.date
    workstream: Workstream | None
    summary: Summary
    movement: Movement
    exceptions: list[ActionLine]
    overdue: list[ActionLine]
    stale: list[ActionLine]
    outlook: Outlook
    series: list[SeriesPoint]
    workstreams: list[Workstream]
    meeting_dates: list[dt.date]
    completeness: list[LeadCompleteness] = field(default_factory=list)
    # The plan's findings in number order, for the sections that name them.
    weaknesses: list[AreaOfWeakness] = field(default_factory=list)


def dashboard(
    *,
    plan: Plan,
    as_at: dt.date,
    since: dt.date | None = None,
    workstream: Workstream | None = None,
) -> Dashboard:
    """Every figure of the Board (or one workstream's) dashboard as at the end of `as_at`.

    At most six queries whatever the size of the plan and its history: the counts by GROUP
    BY (or from the month-end snapshot for month-ends already past), whole rows only for the
    actions the lists name (`board.selectors.figures`).
    """
    since = since or previous_month_end(as_at)
    weaknesses = list(plan.weaknesses())
    themes = {weakness.pk: str(weakness.number) for weakness in weaknesses}
    listed = listed_actions(plan=plan, as_at=as_at, since=since, workstream=workstream)
    dates = calendar(plan=plan)
    names = {
        item.action.lead_id: item.lead_name
        for item in listed
        if item.action.lead_id is not None and item.lead_name is not None
    }
    updates = {item.action.id: item.last_update for item in listed if item.last_update}
    now_rows = [item.action for item in listed if item.counted]

    def line(row: ActionAsAt, **extra) -> ActionLine:
        return ActionLine(
            action=row,
            lead=lead_label(row, names),
            theme=themes.get(row.weakness_id, ""),
            as_at=as_at,
            **extra,
        )

    reds = [row for row in now_rows if row.status == BRAG.RED]
    # Counts at a month-end already past come from the snapshot; any other date is counted.
    today = timezone.localdate()
    fresh = [day for day in (as_at, since) if not is_kept(day, today=today)]
    counted = status_counts(plan=plan, dates=fresh, workstream=workstream) if fresh else {}
    summary = summary_of(counted[as_at], weaknesses, as_at=as_at) if as_at in counted else None
    kept = month_end_figures(
        plan=plan,
        as_at=as_at,
        last_counts=summary.total.counts if summary else None,
        workstream_id=workstream.pk if workstream else None,
        themes_at=None if summary else as_at,
    )
    if summary is None:
        summary = summary_of(kept.theme_counts, weaknesses, as_at=as_at)
    then_counts = (
        summary_of(counted[since], weaknesses, as_at=since).total.counts
        if since in counted
        else kept.counts_at(since)
    )
    began = {item.action.id: item.red_since for item in listed if item.red_since}
    exceptions = [line(row, red_since=began.get(row.id)) for row in _by_reference(reds)]
    overdue = sorted(
        (line(row) for row in now_rows if is_overdue(row, as_at)),
        key=lambda item: (item.action.due_date, rules.reference_key(item.action.reference)),
    )
    expected = [row for row in now_rows if expects_update(row, as_at)]
    stale = [
        line(row, last_update=updates.get(row.id))
        for row in _by_reference(expected)
        if not rules.updated_this_month(last_update=updates.get(row.id), today=as_at)
    ]
    moved = movement_of(
        [
            StatusChange(
                action=item.action,
                before=item.before,
                after=item.action.status if item.counted else None,
            )
            for item in listed
            if item.moved
        ],
        before_counts=then_counts,
        after_counts=summary.total.counts,
        since=since,
        as_at=as_at,
    )
    completeness = []
    if workstream is not None:
        completeness = _completeness(expected, names, updates, as_at)
    return Dashboard(
        plan=plan,
        as_at=as_at,
        since=since,
        workstream=workstream,
        summary=summary,
        movement=moved,
        exceptions=exceptions,
        overdue=overdue,
        stale=stale,
        outlook=outlook(
            plan=plan,
            as_at=as_at,
            visits=dates.visits,
            meetings=dates.meetings,
            revisits=dates.revisits,
        ),
        series=kept.series,
        workstreams=list(plan.workstreams.order_by("number")),
        meeting_dates=dates.meetings,
        completeness=completeness,
        weaknesses=weaknesses,
    )


def _completeness(
    expected: list[ActionAsAt],
    names: dict[int, str],
    updates: dict[int, dt.date],
    as_at: dt.date,
) -> list[LeadCompleteness]:
    by_lead: dict[str, list[ActionAsAt]] = defaultdict(list)
    for row in expected:
        by_lead[lead_label(row, names)].append(row)
    return [
        LeadCompleteness(
            lead=lead,
            expected=len(rows),
            updated=sum(
                1
                for row in rows
                if rules.updated_this_month(last_update=updates.get(row.id), today=as_at)
            ),
        )
        for lead, rows in sorted(by_lead.items())
    ]


def action_lines(
    *, plan: Plan, as_at: dt.date, workstream: Workstream | None = None
) -> list[ActionLine]:
    """Every action as at the end of `as_at`, in reference order, with lead and theme."""
    rows = in_workstream(actions_as_at(plan=plan, as_at=as_at), workstream)
    themes = {weakness.pk: str(weakness.number) for weakness in plan.weaknesses()}
    names = people_names(row.lead_id for row in rows)
    return [
        ActionLine(
            action=row,
            lead=lead_label(row, names),
            theme=themes.get(row.weakness_id, ""),
            as_at=as_at,
        )
        for row in _by_reference(rows)
    ]


def _by_reference(rows: Iterable[ActionAsAt]) -> list[ActionAsAt]:
    return sorted(rows, key=lambda row: rules.reference_key(row.reference))
