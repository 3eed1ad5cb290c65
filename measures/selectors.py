"""Reads of measures for the dashboards, the measure pages and the public pages. Nothing here
writes.

Values are read "as at" the end of a day from their history, so a dashboard as at a past date
shows what was recorded by then (a later correction does not rewrite an old Board report).
Each function issues a fixed number of queries, whatever the number of measures and values.

Two shapes: `PublicMeasure`, what may be published (no notes, no owners), and
`MeasureStatus`, the internal view with the measure itself, its owners and value notes.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from actions.models import BRAG, Plan
from actions.selectors import end_of_day
from inspections.models import AreaOfWeakness
from measures.models import Direction, Measure, MeasureValue
from measures.ratings import Point, Rating, Result, rate, with_unit

# Delivery looks good when at least this share of a finding's actions is Blue or Green.
GOOD_DELIVERY_PERCENT = 75


@dataclass(frozen=True)
class ValuePoint(Point):
    """A recorded value (as at the date asked)."""

    note: str = ""


@dataclass(frozen=True)
class PublicMeasure:
    """What the public pages may show of a published measure: no notes, no owners."""

    number: int
    name: str
    definition: str
    source: str
    unit: str
    direction: str
    baseline: Point | None
    target: Point | None
    benchmark: Point | None
    benchmark_label: str
    milestones: list[Point]
    values: list[Point]
    result: Result
    finding_numbers: list[int]
    is_illustrative: bool
    as_at: dt.date

    @property
    def reference(self) -> str:
        return f"M{self.number}"

    @property
    def latest(self) -> Point | None:
        return self.values[-1] if self.values else None

    @property
    def rating(self) -> Rating:
        return self.result.rating

    @property
    def direction_label(self) -> str:
        return Direction(self.direction).label

    def show(self, value) -> str:
        """A value with the measure's unit: 14.2% or 21 days."""
        return with_unit(value, self.unit)

    @property
    def latest_text(self) -> str:
        return self.show(self.latest.value) if self.latest else ""

    @property
    def baseline_text(self) -> str:
        """For example "14.2% (July 2023)"."""
        if self.baseline is None:
            return ""
        return f"{self.show(self.baseline.value)} ({self.baseline.day:%B %Y})"

    @property
    def target_text(self) -> str:
        """For example "8% by March 2026"."""
        if self.target is None:
            return ""
        return f"{self.show(self.target.value)} by {self.target.day:%B %Y}"

    @property
    def milestone_texts(self) -> list[str]:
        return [f"{self.show(p.value)} by {p.day:%B %Y}" for p in self.milestones]

    @property
    def benchmark_text(self) -> str:
        """For example "England average 9.1% (July 2023)"."""
        if self.benchmark is None:
            return ""
        return (
            f"{self.benchmark_label} {self.show(self.benchmark.value)} ({self.benchmark.day:%B %Y})"
        )

    @property
    def rows(self) -> list[dict]:
        """Every dated figure, by date, for the table beside the chart."""
        rows: list[dict[str, Any]] = []
        if self.baseline:
            rows.append({"day": self.baseline.day, "kind": "Baseline", "value": self.baseline})
        rows += [{"day": p.day, "kind": "Milestone", "value": p} for p in self.milestones]
        if self.target:
            rows.append({"day": self.target.day, "kind": "Target", "value": self.target})
        rows += [{"day": p.day, "kind": "Actual", "value": p} for p in self.values]
        order = {"Baseline": 0, "Actual": 1, "Milestone": 2, "Target": 3}
        rows.sort(key=lambda row: (row["day"], order[row["kind"]]))
        for row in rows:
            row["text"] = self.show(row["value"].value)
            row["note"] = getattr(row["value"], "note", "")
        return rows


@dataclass(frozen=True)
class MeasureStatus(PublicMeasure):
    """The internal view: the measure, its owners' names, its notes and the values' notes."""

    measure: Measure | None = None
    owners: list[str] = field(default_factory=list)
    notes: str = ""
    is_published: bool = False


def _point(value, day) -> Point | None:
    return Point(day, value) if value is not None and day is not None else None


def values_as_at(measure_ids: Iterable[int], as_at: dt.date) -> dict[int, list[ValuePoint]]:
    """Each measure's values for periods ending by `as_at`, as recorded by the end of that day."""
    rows = (
        MeasureValue.history.model.objects.filter(
            measure_id__in=list(measure_ids), history_date__lt=end_of_day(as_at)
        )
        .order_by("history_date", "history_id")
        .values_list("id", "measure_id", "period_end", "value", "note", "history_type")
    )
    latest: dict[int, tuple] = {}
    for row in rows:
        latest[row[0]] = row
    values: dict[int, list[ValuePoint]] = defaultdict(list)
    for _, measure_id, period_end, value, note, kind in latest.values():
        if kind != "-" and period_end <= as_at:
            values[measure_id].append(ValuePoint(period_end, value, note))
    for points in values.values():
        points.sort(key=lambda point: point.day)
    return values


def _measures(plan: Plan, as_at: dt.date, *, published: bool, internal: bool) -> list[Any]:
    queryset = Measure.objects.filter(plan=plan).exclude(withdrawn_date__lte=as_at)
    if published:
        queryset = queryset.filter(is_published=True, plan__is_published=True)
    prefetches: list = [
        Prefetch("findings", queryset=AreaOfWeakness.objects.order_by("number")),
        "milestones",
    ]
    if internal:
        prefetches.append("owners")
    measures = list(queryset.order_by("number").prefetch_related(*prefetches))
    values = values_as_at((m.pk for m in measures), as_at)
    built: list[Any] = []
    for measure in measures:
        milestones = [Point(m.date, m.value) for m in measure.milestones.all()]
        target = _point(measure.target_value, measure.target_date)
        points = values.get(measure.pk, [])
        latest = points[-1] if points else None
        result = rate(
            latest=latest,
            milestones=milestones,
            target=target,
            direction=measure.direction,
            unit=measure.unit,
            as_at=as_at,
        )
        common: dict[str, Any] = {
            "number": measure.number,
            "name": measure.name,
            "definition": measure.definition,
            "source": measure.source,
            "unit": measure.unit,
            "direction": measure.direction,
            "baseline": _point(measure.baseline_value, measure.baseline_date),
            "target": target,
            "benchmark": _point(measure.benchmark_value, measure.benchmark_date),
            "benchmark_label": measure.benchmark_label,
            "milestones": milestones,
            "result": result,
            "finding_numbers": [finding.number for finding in measure.findings.all()],
            "is_illustrative": measure.is_illustrative,
            "as_at": as_at,
        }
        if internal:
            built.append(
                MeasureStatus(
                    **common,
                    values=list(points),
                    measure=measure,
                    owners=sorted(
                        owner.get_full_name() or owner.get_username()
                        for owner in measure.owners.all()
                    ),
                    notes=measure.notes,
                    is_published=measure.is_published,
                )
            )
        else:
            built.append(PublicMeasure(**common, values=[Point(p.day, p.value) for p in points]))
    return built


def plan_measures(*, plan: Plan, as_at: dt.date) -> list[MeasureStatus]:
    """Every measure of the plan in force at `as_at`, with its values and rating as at then."""
    return _measures(plan, as_at, published=False, internal=True)


def measures_by_finding(*, plan: Plan, as_at: dt.date) -> dict[int, list[MeasureStatus]]:
    """The plan's measures (as at `as_at`) under each finding's number; a measure for two
    findings is under both."""
    grouped: dict[int, list[MeasureStatus]] = defaultdict(list)
    for status in plan_measures(plan=plan, as_at=as_at):
        for number in status.finding_numbers:
            grouped[number].append(status)
    return dict(grouped)


def finding_measures(
    *, finding: AreaOfWeakness, as_at: dt.date, plan: Plan | None = None
) -> list[MeasureStatus]:
    """The measures of one finding, each with its latest value and rating as at `as_at`
    (internal: with owners and notes). `plan` defaults to the plan of the finding's inspection
    that has measures for it."""
    if plan is None:
        plan = Plan.objects.filter(measures__findings=finding).distinct().first()
        if plan is None:
            return []
    return [
        status
        for status in plan_measures(plan=plan, as_at=as_at)
        if finding.number in status.finding_numbers
    ]


def public_measures(
    *, plan: Plan, as_at: dt.date | None = None, finding: AreaOfWeakness | None = None
) -> list[PublicMeasure]:
    """The published measures of a published plan (of one finding when given), with their
    values and ratings as at `as_at` (default today). Never notes or owners; nothing for an
    unpublished plan."""
    if not plan.is_published:
        return []
    measures = _measures(plan, as_at or timezone.localdate(), published=True, internal=False)
    if finding is not None:
        measures = [m for m in measures if finding.number in m.finding_numbers]
    return measures


# --- delivery against impact -----------------------------------------------------------------


@dataclass(frozen=True)
class FindingImpact:
    """One finding: how its actions are delivered and how its measures move."""

    finding: AreaOfWeakness
    actions: int
    blue_or_green: int
    measures: list[MeasureStatus]

    @property
    def delivery_percent(self) -> int | None:
        return round(100 * self.blue_or_green / self.actions) if self.actions else None

    def count(self, rating: Rating) -> int:
        return sum(1 for m in self.measures if m.rating == rating)

    @property
    def on_track(self) -> int:
        return self.count(Rating.ON_TRACK)

    @property
    def off_track(self) -> int:
        return self.count(Rating.OFF_TRACK)

    @property
    def no_data(self) -> int:
        return self.count(Rating.NO_DATA)

    @property
    def delivery_looks_good(self) -> bool:
        percent = self.delivery_percent
        return percent is not None and percent >= GOOD_DELIVERY_PERCENT

    @property
    def impact_looks_poor(self) -> bool:
        return self.off_track > 0 and self.off_track >= self.on_track

    @property
    def flagged(self) -> bool:
        """Delivery looks good and impact does not: actions done, measures not moving."""
        return self.delivery_looks_good and self.impact_looks_poor


def delivery_against_impact(
    *,
    plan: Plan,
    as_at: dt.date,
    delivery: Mapping[int, Mapping[BRAG, int]],
    measures: Mapping[int, list[MeasureStatus]] | None = None,
) -> list[FindingImpact]:
    """For each finding of the plan: its actions' BRAG counts (`delivery`, by finding id, as
    the Board summary gives them) beside its measures on and off track as at `as_at`."""
    if measures is None:
        measures = measures_by_finding(plan=plan, as_at=as_at)
    rows = []
    for finding in plan.weaknesses():
        counts = delivery.get(finding.pk, {})
        rows.append(
            FindingImpact(
                finding=finding,
                actions=sum(counts.values()),
                blue_or_green=counts.get(BRAG.BLUE, 0) + counts.get(BRAG.GREEN, 0),
                measures=list(measures.get(finding.number, [])),
            )
        )
    return rows
