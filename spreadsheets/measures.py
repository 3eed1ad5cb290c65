"""Import and export of a plan's measures: one row per value (docs/measures-format.md).

A measure's details (name, findings, direction, baseline, target, benchmark, milestones) are
repeated on each of its rows; the first row of a measure gives them and later rows must agree.
A row with no period_end and no value is a measure with no values yet. The import creates the
measures the plan does not have, changes the details that differ, sets the milestones given and
records each value (a value for a period already recorded corrects it, with the history kept).
It never deletes a measure, milestone or value. Owners and internal notes are managed on the
measure screens, not in the file.

Every problem is reported at once as "row N, column C: message", and nothing is saved unless
the whole file is good. The preview runs the import and rolls it back.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from actions.models import Plan
from measures import services
from measures.models import Direction, Measure
from measures.ratings import number as plain_number
from spreadsheets import writer
from spreadsheets.cells import CellError, format_published, parse_date, parse_published, text
from spreadsheets.exporters import ExportFile
from spreadsheets.importer import RowProblem, import_reason
from spreadsheets.reader import Layout, SheetRow

COLUMNS = (
    "measure",
    "name",
    "findings",
    "direction",
    "unit",
    "definition",
    "source",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "benchmark",
    "benchmark_label",
    "benchmark_date",
    "milestones",
    "published",
    "illustrative",
    "period_end",
    "value",
    "note",
)
REQUIRED = ("measure", "name", "findings", "direction", "period_end", "value")
LAYOUT = Layout(
    columns=COLUMNS,
    required=REQUIRED,
    what="a list of measures in the measures format (docs/measures-format.md)",
    rows_are="measures",
)

# The service's name for a value -> the column that holds it.
FIELD_COLUMNS = {
    "baseline_value": "baseline",
    "target_value": "target",
    "benchmark_value": "benchmark",
    "is_published": "published",
    "is_illustrative": "illustrative",
    "period_end": "period_end",
}
DIRECTION_WORDS = {
    "higher": Direction.HIGHER,
    "higher is better": Direction.HIGHER,
    "up": Direction.HIGHER,
    "lower": Direction.LOWER,
    "lower is better": Direction.LOWER,
    "down": Direction.LOWER,
}
_MEASURE = re.compile(r"^m?\s*(\d+)$", re.IGNORECASE)
_MILESTONE = re.compile(r"^(.+?)\s*[:=]\s*(.+)$")


# --- reading cells ---------------------------------------------------------------------------


def parse_value(value: Any) -> Decimal | None:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    raw = text(value).replace(",", "").rstrip("%").strip()
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError(f'"{text(value)}" is not a number, for example 14.2.') from None
    if not number.is_finite():
        raise CellError(f'"{text(value)}" is not a number, for example 14.2.')
    return number


def parse_measure_number(value: Any) -> int:
    raw = text(value)
    match = _MEASURE.match(raw)
    if not match or int(match.group(1)) < 1:
        raise CellError(
            f'"{raw}" is not a measure number; use 1 or M1.'
            if raw
            else "Give the measure's number, for example M1."
        )
    return int(match.group(1))


def parse_findings(value: Any) -> list[int]:
    raw = text(value)
    if not raw:
        raise CellError("Give the numbers of the findings this measure shows, for example 1; 3.")
    numbers = []
    for part in re.split(r"[;,]", raw):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise CellError(f'"{part}" is not a finding number; list them as 1; 3.')
        numbers.append(int(part))
    return sorted(set(numbers))


def parse_direction(value: Any) -> str:
    raw = text(value).lower()
    if raw in DIRECTION_WORDS:
        return DIRECTION_WORDS[raw]
    raise CellError(
        f'"{text(value)}" is not a direction; write higher or lower (which way is better).'
        if raw
        else "Say which way is better: higher or lower."
    )


def parse_milestones(value: Any) -> list[tuple[dt.date, Decimal]]:
    """`2025-03-31: 12; 2026-03-31: 10` into dated values."""
    raw = text(value)
    milestones = []
    for part in (p.strip() for p in raw.split(";")):
        if not part:
            continue
        match = _MILESTONE.match(part)
        if not match:
            raise CellError(
                f'"{part}" is not a milestone; write date: value, for example 2025-03-31: 12.'
            )
        day = parse_date(match.group(1))
        amount = parse_value(match.group(2))
        if day is None or amount is None:
            raise CellError(
                f'"{part}" is not a milestone; write date: value, for example 2025-03-31: 12.'
            )
        milestones.append((day, amount))
    return milestones


def format_milestones(milestones: Iterable[tuple[dt.date, Decimal]]) -> str:
    return "; ".join(
        f"{day.isoformat()}: {plain_number(value).replace(',', '')}" for day, value in milestones
    )


# --- the import ------------------------------------------------------------------------------


@dataclass
class MeasuresImportResult:
    file_name: str
    dry_run: bool
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    milestones: int = 0
    values: int = 0
    errors: list[RowProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> bool:
        return self.is_valid and not self.dry_run

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.updated or self.milestones or self.values)


_DETAILS = (
    ("name", "name", text),
    ("direction", "direction", parse_direction),
    ("unit", "unit", text),
    ("definition", "definition", text),
    ("source", "source", text),
    ("baseline_value", "baseline", parse_value),
    ("baseline_date", "baseline_date", parse_date),
    ("target_value", "target", parse_value),
    ("target_date", "target_date", parse_date),
    ("benchmark_value", "benchmark", parse_value),
    ("benchmark_label", "benchmark_label", text),
    ("benchmark_date", "benchmark_date", parse_date),
    ("is_published", "published", parse_published),
    ("is_illustrative", "illustrative", parse_published),
)


class _Problems:
    def __init__(self, result: MeasuresImportResult, row: int) -> None:
        self.result = result
        self.row = row
        self.count = 0
        self.columns: set[str] = set()

    def add(self, column: str | None, message: str) -> None:
        self.result.errors.append(RowProblem(self.row, column, message))
        self.count += 1
        if column:
            self.columns.add(column)

    def add_validation_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add(None, message)
            return
        for name, messages in error.message_dict.items():
            column = None if name == NON_FIELD_ERRORS else FIELD_COLUMNS.get(name, name)
            if column not in COLUMNS:
                column = None
            for message in messages:
                self.add(column, message)


def _read(cells: dict, column: str, parse, problems: _Problems) -> Any:
    try:
        return parse(cells.get(column))
    except CellError as error:
        problems.add(column, str(error))
        return None


def measures_import(
    *, plan: Plan, rows: list[SheetRow], actor, file_name: str, dry_run: bool = False
) -> MeasuresImportResult:
    """Import `rows` into the plan's measures: all of them, or (on any problem) none."""
    result = MeasuresImportResult(file_name=file_name, dry_run=dry_run)
    reason = import_reason(file_name)
    findings = {finding.number: finding for finding in plan.weaknesses()}
    existing = {
        m.number: m
        for m in Measure.objects.filter(plan=plan).prefetch_related(
            "findings", "milestones", "values"
        )
    }
    seen: dict[int, tuple[int, dict, list[int], list]] = {}
    with transaction.atomic():
        for row in rows:
            _import_row(row, plan, actor, reason, findings, existing, seen, result)
        if result.errors or dry_run:
            transaction.set_rollback(True)
    return result


def _import_row(row, plan, actor, reason, findings, existing, seen, result) -> None:
    problems = _Problems(result, row.number)
    cells = row.cells
    number = _read(cells, "measure", parse_measure_number, problems)
    details = {name: _read(cells, column, parse, problems) for name, column, parse in _DETAILS}
    for name in ("name", "unit", "definition", "source", "benchmark_label"):
        details[name] = details[name] or ""
    for name in ("is_published", "is_illustrative"):
        details[name] = bool(details[name])
    finding_numbers = _read(cells, "findings", parse_findings, problems) or []
    unknown = [n for n in finding_numbers if n not in findings]
    if unknown:
        problems.add(
            "findings",
            f"The inspection has no finding {', '.join(str(n) for n in unknown)}; add it on Manage the plan first.",
        )
    milestones = _read(cells, "milestones", parse_milestones, problems) or []
    period_end = _read(cells, "period_end", parse_date, problems)
    value = _read(cells, "value", parse_value, problems)
    note = text(cells.get("note"))
    if (period_end is None) != (value is None) and not {"period_end", "value"} & problems.columns:
        if period_end is None:
            problems.add("period_end", "Give the end of the period the value is for.")
        else:
            problems.add("value", "Give the value for the period, or leave period_end empty too.")
    if number is None or problems.count:
        return
    if number in seen:
        first_row, first_details, first_findings, first_milestones = seen[number]
        for name, column, _ in _DETAILS:
            if (
                cells.get(column) is not None
                and text(cells.get(column)) != ""
                and details[name] != first_details[name]
            ):
                problems.add(
                    column,
                    f"M{number} has a different {column} on row {first_row}; a measure's details must agree on every row.",
                )
        if finding_numbers and finding_numbers != first_findings:
            problems.add("findings", f"M{number} has different findings on row {first_row}.")
        if problems.count:
            return
        measure = existing.get(number)
    else:
        seen[number] = (row.number, details, finding_numbers, milestones)
        measure = _save_measure(
            plan,
            actor,
            reason,
            number,
            details,
            [findings[n] for n in finding_numbers],
            existing,
            result,
            problems,
        )
        if measure is None:
            return
        for day, amount in milestones:
            current = {m.date: m.value for m in measure.milestones.all()}
            if current.get(day) == amount:
                continue
            if _attempt(
                problems,
                lambda day=day, amount=amount: services.milestone_set(
                    measure=measure, actor=actor, date=day, value=amount, reason=reason
                ),
            ):
                result.milestones += 1
    if measure is None or period_end is None or value is None:
        return
    recorded = {v.period_end: (v.value, v.note) for v in measure.values.all()} if measure.pk else {}
    if recorded.get(period_end) == (value, note):
        return
    if _attempt(
        problems,
        lambda: services.measure_value_record(
            measure=measure,
            actor=actor,
            period_end=period_end,
            value=value,
            note=note,
            reason=reason,
        ),
    ):
        result.values += 1


def _attempt(problems: _Problems, call) -> bool:
    try:
        with transaction.atomic():
            call()
    except ValidationError as error:
        problems.add_validation_error(error)
        return False
    return True


def _save_measure(plan, actor, reason, number, details, chosen, existing, result, problems):
    measure = existing.get(number)
    if measure is None:
        saved = []

        def create() -> None:
            saved.append(
                services.measure_create(
                    plan=plan, actor=actor, reason=reason, number=number, findings=chosen, **details
                )
            )

        if not _attempt(problems, create):
            return None
        result.created.append(f"M{number}")
        existing[number] = saved[0]
        return saved[0]
    changes = {name: value for name, value in details.items() if getattr(measure, name) != value}
    same_findings = {f.pk for f in measure.findings.all()} == {f.pk for f in chosen}
    if not changes and same_findings:
        return measure
    updated = []

    def update() -> None:
        updated.append(
            services.measure_update(
                measure=measure,
                actor=actor,
                reason=reason,
                findings=None if same_findings else chosen,
                **changes,
            )
        )

    if not _attempt(problems, update):
        return None
    result.updated.append(f"M{number}")
    return measure


# --- the export ------------------------------------------------------------------------------


def _measure_cells(measure: Measure) -> list[Any]:
    return [
        measure.reference,
        measure.name,
        "; ".join(str(f.number) for f in sorted(measure.findings.all(), key=lambda f: f.number)),
        measure.direction,
        measure.unit,
        measure.definition,
        measure.source,
        measure.baseline_value,
        measure.baseline_date,
        measure.target_value,
        measure.target_date,
        measure.benchmark_value,
        measure.benchmark_label,
        measure.benchmark_date,
        format_milestones((m.date, m.value) for m in measure.milestones.all()),
        format_published(measure.is_published),
        format_published(measure.is_illustrative),
    ]


def export_rows(plan: Plan) -> list[list[Any]]:
    """One row per value of every measure in force (a measure with none: one row without)."""
    rows = []
    measures = (
        Measure.objects.filter(plan=plan, withdrawn_date__isnull=True)
        .order_by("number")
        .prefetch_related("findings", "milestones", "values")
    )
    for measure in measures:
        details = _measure_cells(measure)
        values = list(measure.values.all())
        if not values:
            rows.append([*details, None, None, ""])
        for value in values:
            rows.append([*details, value.period_end, value.value, value.note])
    return rows


def measures_export(*, plan: Plan, fmt: str) -> ExportFile:
    content = writer.write(fmt, COLUMNS, export_rows(plan), title="Measures")
    return ExportFile(
        content=content,
        content_type=writer.CONTENT_TYPES[fmt],
        file_name=f"{plan.local_area.slug}-measures.{fmt}",
    )
