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

from django.contrib.auth import get_user_model
from django.db.models import (
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    F,
    IntegerField,
    Q,
    TextField,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from actions.models import BRAG, Plan
from actions.selectors import end_of_day
from inspections.models import AreaOfWeakness
from measures.models import Direction, Measure, MeasureValue, Milestone
from measures.ratings import Point, Rating, Result, rate, with_unit
from wsoa.lib.people import person_name

# Delivery looks good when at least this share of a finding's actions is Blue or Green.
GOOD_DELIVERY_PERCENT = 75

User = get_user_model()


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


def _values_from(rows: Iterable[tuple], as_at: dt.date) -> dict[int, list[ValuePoint]]:
    """The values as at `as_at` from history rows (id, measure, period end, value, note,
    history type) in the order they were written: each value's newest row wins."""
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


# The columns of the one query that reads the measures' findings, owners, milestones and
# values together (a UNION ALL of four narrow reads, told apart by `kind`).
_PARTS = tuple(
    f"part_{name}"
    for name in (
        "kind",
        "measure",
        "row",
        "number",
        "day",
        "amount",
        "text1",
        "text2",
        "text3",
        "at",
    )
)


def _part(queryset, kind: str, **columns) -> Any:
    """One kind of row of `_relations`: its own columns (`part_<name>=...`), blanks for the rest."""
    blanks: dict[str, Any] = {
        "part_row": Cast(Value(None), IntegerField()),
        "part_number": Cast(Value(None), IntegerField()),
        "part_day": Cast(Value(None), DateField()),
        "part_amount": Cast(Value(None), DecimalField(max_digits=12, decimal_places=3)),
        "part_text1": Value("", output_field=TextField()),
        "part_text2": Value("", output_field=TextField()),
        "part_text3": Value("", output_field=TextField()),
        "part_at": Cast(Value(None), DateTimeField()),
    }
    annotations = {"part_kind": Value(kind, output_field=CharField()), **blanks, **columns}
    return queryset.order_by().annotate(**annotations).values_list(*_PARTS)


def _relations(measure_ids: list[int], as_at: dt.date) -> Any:
    """One query: the measures' findings, owners (with their names), milestones and value
    history as recorded by the end of `as_at`."""
    findings = Measure.findings.through.objects.filter(measure_id__in=measure_ids)
    owners = Measure.owners.through.objects.filter(measure_id__in=measure_ids)
    values = MeasureValue.history.model.objects.filter(
        measure_id__in=measure_ids, history_date__lt=end_of_day(as_at)
    )
    return _part(
        findings, "finding", part_measure=F("measure_id"), part_row=F("areaofweakness_id")
    ).union(
        _part(
            owners,
            "owner",
            part_measure=F("measure_id"),
            part_row=F("user_id"),
            part_text1=F("user__username"),
            part_text2=F("user__first_name"),
            part_text3=F("user__last_name"),
        ),
        _part(
            Milestone.objects.filter(measure_id__in=measure_ids),
            "milestone",
            part_measure=F("measure_id"),
            part_row=F("id"),
            part_day=F("date"),
            part_amount=F("value"),
        ),
        _part(
            values,
            "value",
            part_measure=F("measure_id"),
            part_row=F("id"),
            part_number=F("history_id"),
            part_day=F("period_end"),
            part_amount=F("value"),
            part_text1=F("note"),
            part_text2=F("history_type"),
            part_at=F("history_date"),
        ),
        all=True,
    )


def _prefetched(measure: Measure, name: str, objects: list) -> None:
    """Fill `measure.<name>.all()` with objects already read, as prefetch_related would."""
    queryset = getattr(measure, name).all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    measure.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _read_measures(
    queryset, as_at: dt.date, findings: Iterable[AreaOfWeakness]
) -> tuple[list[Measure], dict[int, list[ValuePoint]]]:
    """The measures with their findings (out of `findings`, the plan's), owners and
    milestones as prefetched relations, and their values as at `as_at`: two queries, and
    one more when `findings` is a queryset not yet read (nothing more when no measures)."""
    measures = list(queryset.order_by("number"))
    if not measures:
        return [], {}
    by_pk = {finding.pk: finding for finding in findings}
    found: dict[int, list[AreaOfWeakness]] = defaultdict(list)
    owners: dict[int, list[Any]] = defaultdict(list)
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    history: list[tuple] = []
    db = queryset.db
    for kind, measure_id, row, number, day, amount, text1, text2, text3, at in _relations(
        [measure.pk for measure in measures], as_at
    ):
        if kind == "finding":
            if row in by_pk:
                found[measure_id].append(by_pk[row])
        elif kind == "owner":
            owners[measure_id].append(
                User.from_db(
                    db,
                    ["id", "username", "first_name", "last_name"],
                    [row, text1, text2, text3],
                )
            )
        elif kind == "milestone":
            milestones[measure_id].append(
                Milestone.from_db(
                    db, ["id", "measure_id", "date", "value"], [row, measure_id, day, amount]
                )
            )
        else:
            history.append((at, number, (row, measure_id, day, amount, text1, text2)))
    history.sort(key=lambda item: (item[0], item[1]))
    for measure in measures:
        _prefetched(measure, "findings", sorted(found[measure.pk], key=lambda f: f.number))
        _prefetched(measure, "owners", owners[measure.pk])
        _prefetched(measure, "milestones", sorted(milestones[measure.pk], key=lambda m: m.date))
    return measures, _values_from((row for _, _, row in history), as_at)


def _measures(
    plan: Plan,
    as_at: dt.date,
    *,
    published: bool,
    internal: bool,
    findings: Iterable[AreaOfWeakness] | None = None,
    only: Q | None = None,
) -> list[Any]:
    """The plan's measures in force at `as_at` (those matching `only`, when given), each
    with its values and rating."""
    queryset = Measure.objects.filter(plan=plan).exclude(withdrawn_date__lte=as_at)
    if only is not None:
        queryset = queryset.filter(only)
    if published:
        queryset = queryset.filter(is_published=True, plan__is_published=True)
    measures, values = _read_measures(
        queryset, as_at, plan.weaknesses() if findings is None else findings
    )
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
                    owners=sorted(person_name(owner) for owner in measure.owners.all()),
                    notes=measure.notes,
                    is_published=measure.is_published,
                )
            )
        else:
            built.append(PublicMeasure(**common, values=[Point(p.day, p.value) for p in points]))
    return built


def plan_measures(
    *, plan: Plan, as_at: dt.date, findings: Iterable[AreaOfWeakness] | None = None
) -> list[MeasureStatus]:
    """Every measure of the plan in force at `as_at`, with its values and rating as at then.
    `findings`, the plan's findings when already read, saves reading them again."""
    return _measures(plan, as_at, published=False, internal=True, findings=findings)


def measure_status(*, plan: Plan, measure: Measure, as_at: dt.date) -> MeasureStatus | None:
    """One measure with its values and rating as at `as_at`; None if withdrawn by then."""
    found = _measures(plan, as_at, published=False, internal=True, only=Q(pk=measure.pk))
    return found[0] if found else None


def measures_by_finding(
    *, plan: Plan, as_at: dt.date, findings: Iterable[AreaOfWeakness] | None = None
) -> dict[int, list[MeasureStatus]]:
    """The plan's measures (as at `as_at`) under each finding's number; a measure for two
    findings is under both."""
    grouped: dict[int, list[MeasureStatus]] = defaultdict(list)
    for status in plan_measures(plan=plan, as_at=as_at, findings=findings):
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
    return _measures(plan, as_at, published=False, internal=True, only=Q(findings=finding))


def public_measures(*, plan: Plan, as_at: dt.date | None = None) -> list[PublicMeasure]:
    """The published measures of a published plan, with their values and ratings as at
    `as_at` (default today). Never notes or owners; nothing for an unpublished plan."""
    if not plan.is_published:
        return []
    return _measures(plan, as_at or timezone.localdate(), published=True, internal=False)


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
    findings: Iterable[AreaOfWeakness] | None = None,
) -> list[FindingImpact]:
    """For each finding of the plan: its actions' BRAG counts (`delivery`, by finding id, as
    the Board summary gives them) beside its measures on and off track as at `as_at`.
    `findings`, the plan's findings in number order when already read, saves reading them."""
    findings = list(plan.weaknesses() if findings is None else findings)
    if measures is None:
        measures = measures_by_finding(plan=plan, as_at=as_at, findings=findings)
    rows = []
    for finding in findings:
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
