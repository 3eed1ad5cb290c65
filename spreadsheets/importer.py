"""Import an action plan from a spreadsheet (format: docs/import-format.md).

Every row is checked by the models' own rules (`full_clean`) and every problem collected as
"row N, column C: message"; only when no row has a problem is the whole file saved, in one
transaction, through the services in `actions/services/` (which run `full_clean` again and
write the audit history). New areas of weakness, commitments and workstreams are created as
the rows are checked, so later rows can use them; a dry run, or any problem, rolls them back.
"""

import copy
from collections import defaultdict
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction

from accounts.events import plan_imported_event
from actions import services
from actions.models import Action, Commitment, Plan
from inspections.models import AreaOfWeakness
from inspections.services import area_of_weakness_create
from spreadsheets.cells import (
    CellError,
    clean_text,
    format_numbered,
    parse_commitment,
    parse_date,
    parse_numbered,
    parse_published,
    parse_status,
    text,
)
from spreadsheets.reader import SheetRow

# Model field -> spreadsheet column, where the names differ.
FIELD_COLUMNS = {"weakness": "area_of_weakness", "lead": "lead_email"}
COLUMN_FIELDS = {column: name for name, column in FIELD_COLUMNS.items()}

TEXT_COLUMNS = (
    "title",
    "description",
    "lead_role",
    "lead_organisation",
    "success_measure",
    "evidence",
    "remedial_action",
    "public_summary",
)
DATE_COLUMNS = ("start_date", "due_date", "completed_date")
RELATED_FIELDS = ("weakness", "commitment", "workstream", "lead")
# Rules in Action.clean() that depend on the status; moot while the status cell is unreadable.
STATUS_DEPENDENT = {"completed_date", "evidence", "remedial_action"}

_FAILED = object()


def import_reason(file_name: str) -> str:
    return f"Imported from {file_name}"


@dataclass(frozen=True)
class RowProblem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return f"row {self.row}: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass
class ImportResult:
    file_name: str
    dry_run: bool
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    new_weaknesses: list[str] = field(default_factory=list)
    new_commitments: list[str] = field(default_factory=list)
    new_workstreams: list[str] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    # Actions already in the plan that the file does not mention; an import never deletes.
    not_in_file: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> bool:
        return self.is_valid and not self.dry_run

    @property
    def has_changes(self) -> bool:
        return bool(
            self.created
            or self.updated
            or self.new_weaknesses
            or self.new_commitments
            or self.new_workstreams
        )


class _RowProblems:
    def __init__(self, row: int | None) -> None:
        self.row = row
        self.items: list[RowProblem] = []
        self.columns: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, column: str | None, message: str) -> None:
        self.items.append(RowProblem(self.row, column, message))
        if column:
            self.columns.add(column)

    def read(self, column: str, parse: Callable[[Any], Any], value: Any) -> Any:
        try:
            return parse(value)
        except CellError as error:
            self.add(column, str(error))
            return _FAILED

    def add_validation_error(self, error: ValidationError, *, skip: Set[str] = frozenset()) -> None:
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add(None, message)
            return
        for name, messages in error.message_dict.items():
            if name in skip:
                continue
            column = None if name == NON_FIELD_ERRORS else FIELD_COLUMNS.get(name, name)
            for message in messages:
                self.add(column, message)


class _PlanImport:
    def __init__(self, *, plan: Plan, actor: User | None, file_name: str, dry_run: bool) -> None:
        self.plan = plan
        self.actor = actor
        self.reason = import_reason(file_name)
        self.result = ImportResult(file_name=file_name, dry_run=dry_run)
        self.weaknesses = {weakness.number: weakness for weakness in plan.weaknesses()}
        self.commitments = {
            (commitment.weakness.number, commitment.number): commitment
            for commitment in Commitment.objects.filter(
                weakness__inspection_id=plan.inspection_id
            ).select_related("weakness")
        }
        self.workstreams = {workstream.number: workstream for workstream in plan.workstreams.all()}
        self.actions = {
            action.reference: action
            for action in plan.actions.select_related(
                "lead", "weakness", "commitment", "workstream"
            )
        }
        self.existing_references = set(self.actions)
        self.members: dict[str, list] = defaultdict(list)
        members = get_user_model().objects.filter(memberships__local_area_id=plan.local_area_id)
        for user in members.exclude(email=""):
            self.members[user.email.lower()].append(user)
        self.seen: dict[str, int | None] = {}
        self.writes: list[_Write] = []
        # Creations that failed, so each later row naming the same one gets the same message.
        self.failed: dict[tuple[str, Any], list[str]] = {}

    def check_row(self, row: SheetRow) -> None:
        """Read and check one row; a row without problems is queued for `save`."""
        problems = _RowProblems(row.number)
        cells = row.cells
        reference = self._reference(cells, problems)
        existing = self.actions.get(reference) if reference else None

        values: dict[str, Any] = {column: text(cells[column]) for column in TEXT_COLUMNS}
        for column in DATE_COLUMNS:
            values[column] = problems.read(column, parse_date, cells[column])
        values["status"] = problems.read("status", parse_status, cells["status"])
        values["published"] = problems.read("published", parse_published, cells["published"])
        values["weakness"] = self._weakness(cells, problems)
        values["commitment"] = self._commitment(cells, values["weakness"], problems)
        values["workstream"] = self._workstream(cells, problems)
        values["lead"] = self._lead(cells, existing, problems)
        fields = {name: value for name, value in values.items() if value is not _FAILED}
        if existing is not None:
            fields = {
                name: value for name, value in fields.items() if _differs(existing, name, value)
            }

        self._check(existing, reference, fields, problems)
        if problems:
            self.result.errors.extend(problems.items)
        elif existing is None:
            self.writes.append(_Write(row.number, reference, None, fields))
            self.result.created.append(reference)
        elif fields:
            self.writes.append(_Write(row.number, reference, existing, fields))
            self.result.updated.append(reference)
        else:
            self.result.unchanged.append(reference)

    def finish(self) -> None:
        self.result.not_in_file = len(self.existing_references - set(self.seen))

    # Identifying the action

    def _reference(self, cells: dict, problems: _RowProblems) -> str:
        reference = text(cells["reference"])
        if not reference:
            problems.add("reference", "Every action needs a reference, e.g. 1.2.3.")
            return ""
        if reference in self.seen:
            problems.add(
                "reference",
                f"Reference {reference} is also used on row {self.seen[reference]}; "
                "each action needs its own reference.",
            )
            return ""
        self.seen[reference] = problems.row
        return reference

    # What the action belongs to: found by number, created when the row names a new one

    def _weakness(self, cells: dict, problems: _RowProblems) -> Any:
        column = "area_of_weakness"
        parsed = problems.read(
            column,
            lambda value: parse_numbered(
                value, what="an area of weakness", example="1 - Joint working"
            ),
            cells[column],
        )
        if parsed is _FAILED:
            return _FAILED
        if parsed is None:
            problems.add(
                column,
                'Give the number of the area of weakness this action answers, e.g. 1 or "1 - Joint working".',
            )
            return _FAILED
        number, name = parsed
        if number in self.weaknesses:
            return self.weaknesses[number]
        if not name:
            problems.add(
                column,
                f"This plan has no area of weakness {number}. To add it, give its number and "
                f'name, e.g. "{number} - Joint working".',
            )
            return _FAILED
        short_title_length = AreaOfWeakness._meta.get_field("short_title").max_length or 0
        weakness = self._create_related(
            (column, number),
            problems,
            column,
            lambda: area_of_weakness_create(
                inspection=self.plan.inspection,
                actor=self.actor,
                number=number,
                finding=name,
                short_title=name if len(name) <= short_title_length else "",
                reason=self.reason,
            ),
        )
        if weakness is not _FAILED:
            self.weaknesses[number] = weakness
            self.result.new_weaknesses.append(format_numbered(number, weakness.label))
        return weakness

    def _commitment(self, cells: dict, weakness: Any, problems: _RowProblems) -> Any:
        parsed = problems.read("commitment", parse_commitment, cells["commitment"])
        if parsed is _FAILED or parsed is None or weakness is _FAILED:
            return parsed if parsed is None else _FAILED
        weakness_number, number, words = parsed
        if weakness_number is not None and weakness_number != weakness.number:
            problems.add(
                "commitment",
                f"Commitment {weakness_number}.{number} belongs to area of weakness "
                f"{weakness_number}, but this row's area of weakness is {weakness.number}.",
            )
            return _FAILED
        key = (weakness.number, number)
        if key in self.commitments:
            return self.commitments[key]
        if not words:
            problems.add(
                "commitment",
                f"Area of weakness {weakness.number} has no commitment {number}. To add it, give "
                f'its number and text, e.g. "{weakness.number}.{number} - We will ...".',
            )
            return _FAILED
        commitment = self._create_related(
            ("commitment", key),
            problems,
            "commitment",
            lambda: services.commitment_create(
                weakness=weakness, actor=self.actor, number=number, text=words, reason=self.reason
            ),
        )
        if commitment is not _FAILED:
            self.commitments[key] = commitment
            self.result.new_commitments.append(f"{commitment.reference} - {commitment.text}")
        return commitment

    def _workstream(self, cells: dict, problems: _RowProblems) -> Any:
        parsed = problems.read(
            "workstream",
            lambda value: parse_numbered(value, what="a workstream", example="2 - EHC Planning"),
            cells["workstream"],
        )
        if parsed is _FAILED or parsed is None:
            return parsed
        number, name = parsed
        if number in self.workstreams:
            return self.workstreams[number]
        if not name:
            problems.add(
                "workstream",
                f"This plan has no workstream {number}. To add it, give its number and name, "
                f'e.g. "{number} - EHC Planning".',
            )
            return _FAILED
        workstream = self._create_related(
            ("workstream", number),
            problems,
            "workstream",
            lambda: services.workstream_create(
                plan=self.plan, actor=self.actor, number=number, name=name, reason=self.reason
            ),
        )
        if workstream is not _FAILED:
            self.workstreams[number] = workstream
            self.result.new_workstreams.append(format_numbered(number, workstream.name))
        return workstream

    def _create_related(
        self, key: tuple, problems: _RowProblems, column: str, create: Callable[[], Any]
    ) -> Any:
        if key not in self.failed:
            try:
                return create()
            except ValidationError as error:
                self.failed[key] = error.messages
        for message in self.failed[key]:
            problems.add(column, message)
        return _FAILED

    def _lead(self, cells: dict, existing: Action | None, problems: _RowProblems) -> Any:
        email = text(cells["lead_email"])
        if not email:
            return None
        try:
            validate_email(email)
        except ValidationError:
            problems.add("lead_email", f'"{email}" is not an e-mail address.')
            return _FAILED
        if existing and existing.lead and existing.lead.email.lower() == email.lower():
            return existing.lead
        matches = self.members.get(email.lower(), [])
        if len(matches) == 1:
            return matches[0]
        area = self.plan.local_area
        self.result.warnings.append(
            RowProblem(
                problems.row,
                "lead_email",
                (
                    f"More than one member of {area} has the e-mail address {email}"
                    if matches
                    else f"No member of {area} has the e-mail address {email}"
                )
                + ", so the action will have no named lead; its lead role and organisation are kept.",
            )
        )
        return None

    def _check(
        self, existing: Action | None, reference: str, fields: dict, problems: _RowProblems
    ) -> None:
        """The model's own rules (clean_fields and clean) on the action as the row leaves it.

        Uniqueness of references and the existence of related objects are already settled
        (they were looked up in this transaction), so those checks, which would cost queries
        per row, are left to the full_clean of the services when the rows are saved.
        """
        action = copy.copy(existing) if existing else Action(plan=self.plan)
        if reference:
            action.reference = reference
        for name, value in fields.items():
            setattr(action, name, value)
        skip = {COLUMN_FIELDS.get(column, column) for column in problems.columns}
        if "status" in skip:
            skip |= STATUS_DEPENDENT
        resolved = {"plan", *(name for name in RELATED_FIELDS if getattr(action, f"{name}_id"))}
        try:
            action.full_clean(
                exclude=skip | resolved, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            problems.add_validation_error(error, skip=skip)

    def save(self) -> None:
        """Save the checked rows through the services, so history gets the reason and user."""
        creates = [write for write in self.writes if write.existing is None]
        updates = [write for write in self.writes if write.existing is not None]
        for writes, save in (
            (
                creates,
                lambda: services.action_bulk_create(
                    plan=self.plan,
                    actor=self.actor,
                    reason=self.reason,
                    rows=[{"reference": write.reference, **write.fields} for write in creates],
                ),
            ),
            (
                updates,
                lambda: services.action_bulk_update(
                    plan=self.plan,
                    actor=self.actor,
                    reason=self.reason,
                    changes=[
                        (write.existing, write.fields)
                        for write in updates
                        if write.existing is not None
                    ],
                ),
            ),
        ):
            if not writes:
                continue
            try:
                save()
            except services.ActionsInvalid as invalid:
                for position, error in sorted(invalid.errors.items()):
                    problems = _RowProblems(writes[position].row)
                    problems.add_validation_error(error)
                    self.result.errors.extend(problems.items)
            except ValidationError as error:
                problems = _RowProblems(None)
                problems.add_validation_error(error)
                self.result.errors.extend(problems.items)
            except PermissionDenied as error:
                # A rule about who may make this change (e.g. who may mark an action complete).
                self.result.errors.append(RowProblem(None, None, str(error)))


@dataclass(frozen=True)
class _Write:
    row: int
    reference: str
    existing: Action | None
    fields: dict[str, Any]


def _differs(action: Action, name: str, value: Any) -> bool:
    if name in RELATED_FIELDS:
        return getattr(action, f"{name}_id") != (value.pk if value is not None else None)
    current = getattr(action, name)
    if isinstance(current, str):
        return clean_text(current) != value
    return current != value


def plan_import(
    *,
    plan: Plan,
    rows: Iterable[SheetRow],
    actor: User | None,
    file_name: str,
    dry_run: bool = False,
) -> ImportResult:
    """Create and update `plan`'s actions from spreadsheet rows, all or nothing.

    Actions are matched by reference. Unknown areas of weakness, commitments and workstreams
    that a row names are created. Each created or changed action gets a history row with the
    reason "Imported from <file_name>" and `actor` as its user; unchanged actions get none.
    Nothing is saved when any row has a problem or when `dry_run` is set.
    """
    with transaction.atomic():
        # One import at a time per plan: a second waits rather than interleaving its rows.
        locked = (
            Plan.objects.select_for_update(of=("self",))
            .select_related("local_area", "inspection")
            .get(pk=plan.pk)
        )
        importer = _PlanImport(plan=locked, actor=actor, file_name=file_name, dry_run=dry_run)
        for row in rows:
            importer.check_row(row)
        importer.finish()
        if not importer.result.errors and not dry_run:
            importer.save()
        if importer.result.errors or dry_run:
            transaction.set_rollback(True)
    if importer.result.saved:
        plan_imported_event(plan=plan, actor=actor, result=importer.result)
    return importer.result
