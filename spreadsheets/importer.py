"""Import an action plan from a spreadsheet (format: docs/import-format.md).

Every row is checked by the models' own rules (`full_clean`) and every problem collected as
"row N, column C: message"; only when no row has a problem is the whole file saved, in one
transaction, through the services in `actions/services/` (which run `full_clean` again and
write the audit history). The import obeys the rules of the screens: an inspection's findings
are recorded on the inspection page (the file gives them only while there are none, as for a
new area), and publishing an action needs its public summary. New commitments and workstreams
(and a new area's areas of weakness) are created as the rows are checked, so later rows can use
them; a dry run, or any problem, rolls them back.
"""

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from accounts.events import plan_imported_event
from actions import services
from actions.models import Action, Commitment, Plan
from inspections.models import AreaOfWeakness
from inspections.services import area_of_weakness_create
from spreadsheets.cells import (
    CellError,
    clean_text,
    commitment_key,
    format_numbered,
    format_published,
    format_status,
    parse_commitment,
    parse_date,
    parse_exported_at,
    parse_numbered,
    parse_published,
    parse_status,
    parse_version,
    text,
)
from spreadsheets.reader import SheetRow
from wsoa.lib.people import person_name

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
class ChangedInProduct:
    """A row the product has changed since the file was made: who changed it, and when."""

    reference: str
    row: int
    # (column, the file's value, the product's value) for each column the file changes.
    differences: list[tuple[str, str, str]] = field(default_factory=list)
    summary: str = ""
    changed_by: str = ""
    changed_at: dt.datetime | None = None
    overwrite: bool = False

    def __str__(self) -> str:
        when = f" on {timezone.localtime(self.changed_at):%-d %b %Y}" if self.changed_at else ""
        who = f" by {self.changed_by}" if self.changed_by else ""
        return f"{self.summary}{when}{who}"


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
    # Rows as they were exported, of actions changed in the product since: left as they are.
    kept: list[ChangedInProduct] = field(default_factory=list)
    # Rows changed in the file and, since the file was made, in the product: applied only
    # when the person chose the file's value (`overwrite`).
    conflicts: list[ChangedInProduct] = field(default_factory=list)
    # When the file was exported (from its exported_at column), if it says.
    exported_at: dt.datetime | None = None

    @property
    def unresolved_conflicts(self) -> list[str]:
        return [conflict.reference for conflict in self.conflicts if not conflict.overwrite]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    # Nothing saved because rows conflict and the caller asked to stop on conflicts.
    stopped: bool = False

    @property
    def saved(self) -> bool:
        return self.is_valid and not self.dry_run and not self.stopped

    @property
    def has_changes(self) -> bool:
        return bool(
            self.created
            or self.updated
            or self.new_weaknesses
            or self.new_commitments
            or self.new_workstreams
            or self.conflicts
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
    def __init__(
        self,
        *,
        plan: Plan,
        actor: User | None,
        file_name: str,
        dry_run: bool,
        rows: list[SheetRow],
        overwrite: Set[str],
        in_step_since: dt.datetime | None,
    ) -> None:
        self.plan = plan
        self.overwrite = overwrite
        self.actor = actor
        self.reason = import_reason(file_name)
        self.result = ImportResult(file_name=file_name, dry_run=dry_run)
        self.weaknesses = {weakness.number: weakness for weakness in plan.weaknesses()}
        # An inspection's findings are recorded on the inspection page, as its letter gives
        # them; only an inspection without any yet (a new area) takes them from the file.
        self.findings_recorded = bool(self.weaknesses)
        self.commitments = {
            (commitment.weakness.number, commitment.number): commitment
            for commitment in Commitment.objects.filter(
                weakness__inspection_id=plan.inspection_id
            ).select_related("weakness")
        }
        self.commitment_texts = {
            (commitment.weakness.number, commitment_key(commitment.text)): commitment
            for commitment in self.commitments.values()
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
        self.result.exported_at = _exported_at(rows)
        # Rows without a version: a change to an action the product changed after this
        # moment is a conflict.
        self.in_step_since = in_step_since or self.result.exported_at
        self.exported = self._exported_versions(rows)

    def _exported_versions(self, rows: list[SheetRow]) -> dict[tuple[int, int], Any]:
        """The history row of each action at the version the file gives, in one query."""
        wanted: dict[int, int] = {}
        for row in rows:
            action = self.actions.get(text(row.cells.get("reference")))
            try:
                version = parse_version(row.cells.get("version"))
            except CellError:
                continue
            if action is not None and version is not None:
                wanted[action.pk] = version
        if not wanted:
            return {}
        records = Action.history.filter(id__in=wanted, version__in=set(wanted.values())).order_by(
            "history_date", "history_id"
        )
        # Several rows can share a version (a save outside the services): the last one counts.
        return {
            (record.id, record.version): record
            for record in records
            if wanted.get(record.id) == record.version
        }

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
        version = problems.read("version", parse_version, cells.get("version"))
        read = {name: value for name, value in values.items() if value is not _FAILED}
        fields: dict[str, Any] | None = read
        if existing is not None:
            differing = {
                name: value for name, value in read.items() if _differs(existing, name, value)
            }
            fields = self._merge(row.number, existing, version, read, differing)

        if fields is not None:
            self._check(existing, reference, fields, problems)
            self._check_publishing(existing, fields, problems)
        if problems:
            self.result.errors.extend(problems.items)
        elif fields is None:
            pass
        elif existing is None:
            self.writes.append(_Write(row.number, reference, None, fields))
            self.result.created.append(reference)
        elif fields:
            self.writes.append(_Write(row.number, reference, existing, fields))
            self.result.updated.append(reference)
        else:
            self.result.unchanged.append(reference)

    def _merge(
        self,
        row: int,
        existing: Action,
        version: Any,
        read: dict[str, Any],
        fields: dict[str, Any],
    ) -> dict[str, Any] | None:
        """What of the row to write, or None when the product's state is kept.

        The file's edits are the columns where the row differs from the action as exported;
        the product's changes, any save since (a higher version, or an update after the date
        the file was last in step). Only one side changed: that side wins. Both: a conflict.
        """
        exported = None
        if isinstance(version, int):
            exported = self.exported.get((existing.pk, version))
        product_changes = fields
        if exported is not None:
            changed_in_product = existing.version != version
            if changed_in_product:
                fields = {
                    name: value
                    for name, value in fields.items()
                    if _differs(exported, name, read[name])
                }
        else:
            changed_in_product = bool(
                self.in_step_since and existing.updated_at >= self.in_step_since
            )
        if not changed_in_product and not existing.is_withdrawn:
            return fields
        status = read.get("status", existing.status)
        entry = ChangedInProduct(
            reference=existing.reference,
            row=row,
            summary=format_status(existing.status) if status != existing.status else "",
            differences=[
                (
                    FIELD_COLUMNS.get(name, name),
                    _shown(name, value),
                    _shown(name, _current(existing, name)),
                )
                for name, value in fields.items()
            ],
        )
        if not fields:
            if product_changes:
                self.result.kept.append(entry)
                return None
            return fields
        if existing.is_withdrawn:
            # Withdrawn actions are part of the record; nothing changes them.
            entry.summary = f"withdrawn on {existing.withdrawn_date:%-d %B %Y}"
            self.result.kept.append(entry)
            return None
        entry.overwrite = existing.reference in self.overwrite
        self.result.conflicts.append(entry)
        return fields if entry.overwrite else None

    def finish(self) -> None:
        self.result.not_in_file = len(self.existing_references - set(self.seen))
        entries = [*self.result.kept, *self.result.conflicts]
        if not entries:
            return
        ids = {self.actions[entry.reference].pk: entry for entry in entries}
        latest: dict[int, Any] = {}
        for record in (
            Action.history.filter(id__in=ids)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        ):
            latest[record.id] = record
        for pk, entry in ids.items():
            record = latest.get(pk)
            if record is None or entry.changed_at:
                continue
            entry.summary = entry.summary or record.history_change_reason or "changed"
            entry.changed_at = record.history_date
            entry.changed_by = person_name(record.history_user) if record.history_user else ""

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
        if self.findings_recorded:
            problems.add(
                column,
                f"Area of weakness {number} is not a finding of this inspection; its findings "
                f"are {_and_list(sorted(self.weaknesses))}. Add findings on the inspection page.",
            )
            return _FAILED
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
        if number is None:
            return self._commitment_by_text(weakness, words, problems)
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
        return self._create_commitment(weakness, number, words, problems)

    def _commitment_by_text(
        self, weakness: AreaOfWeakness, words: str, problems: _RowProblems
    ) -> Any:
        """A commitment given by its words alone: the finding's one with that text, or the
        next number under the finding when it has none."""
        found = self.commitment_texts.get((weakness.number, commitment_key(words)))
        if found is not None:
            return found
        number = 1 + max(
            (known for owner, known in self.commitments if owner == weakness.number), default=0
        )
        return self._create_commitment(weakness, number, words, problems)

    def _create_commitment(
        self, weakness: AreaOfWeakness, number: int, words: str, problems: _RowProblems
    ) -> Any:
        key = (weakness.number, number)
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
            self.commitment_texts.setdefault((weakness.number, commitment_key(words)), commitment)
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

    def _check_publishing(
        self, existing: Action | None, fields: dict, problems: _RowProblems
    ) -> None:
        """Parents read the public summary, so publishing needs one, as on the publishing
        screen; an action already published without one is left alone while the row keeps
        both as they are."""
        if "published" in problems.columns or "public_summary" in problems.columns:
            return
        if "published" not in fields and "public_summary" not in fields:
            return
        published = fields.get("published", existing.published if existing else False)
        summary = fields.get("public_summary", existing.public_summary if existing else "")
        if published and not summary:
            problems.add("public_summary", services.PUBLIC_SUMMARY_REQUIRED)

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


def _and_list(numbers: list[int]) -> str:
    """1, 2 and 3."""
    words = [str(number) for number in numbers]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _current(action: Action, name: str) -> Any:
    return getattr(action, name)


def _shown(name: str, value: Any) -> str:
    """A value as the file would show it, for the side-by-side view of a conflict."""
    if value is None:
        return ""
    if name == "status":
        return format_status(value)
    if name == "published":
        return format_published(value)
    if name == "lead":
        return value.email
    if name in ("weakness", "workstream"):
        return format_numbered(value.number, getattr(value, "label", None) or value.name)
    if name == "commitment":
        return f"{value.reference} - {value.text}"
    if isinstance(value, dt.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _exported_at(rows: list[SheetRow]) -> dt.datetime | None:
    for row in rows:
        try:
            moment = parse_exported_at(row.cells.get("exported_at"))
        except CellError:
            continue
        if moment is not None:
            return moment
    return None


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
    overwrite: Set[str] = frozenset(),
    in_step_on: dt.date | None = None,
    stop_on_conflict: bool = False,
) -> ImportResult:
    """Create and update `plan`'s actions from spreadsheet rows, all or nothing.

    Actions are matched by reference. Unknown commitments and workstreams that a row names
    are created, and so are areas of weakness while the inspection has none; an inspection
    that has its findings refuses a row naming another. Each created or changed action gets a history row with the
    reason "Imported from <file_name>" and `actor` as its user; unchanged actions get none.
    Nothing is saved when any row has a problem or when `dry_run` is set.

    A row never silently undoes a change made in the product since the file was made (see
    `_PlanImport._merge`): a row as exported leaves the product's change alone, and a row the
    file changes too is a conflict, applied only when its reference is in `overwrite`.
    `in_step_on` is the day a file without versions was last in step with the product.
    """
    rows = list(rows)
    in_step_since = (
        timezone.make_aware(dt.datetime.combine(in_step_on, dt.time()))
        if in_step_on is not None
        else None
    )
    with transaction.atomic():
        # One import at a time per plan: a second waits rather than interleaving its rows.
        locked = (
            Plan.objects.select_for_update(of=("self",))
            .select_related("local_area", "inspection")
            .get(pk=plan.pk)
        )
        importer = _PlanImport(
            plan=locked,
            actor=actor,
            file_name=file_name,
            dry_run=dry_run,
            rows=rows,
            overwrite=overwrite,
            in_step_since=in_step_since,
        )
        for row in rows:
            importer.check_row(row)
        importer.finish()
        importer.result.stopped = bool(
            stop_on_conflict and importer.result.unresolved_conflicts and not dry_run
        )
        if not importer.result.errors and not dry_run and not importer.result.stopped:
            importer.save()
        if not importer.result.saved:
            transaction.set_rollback(True)
    if importer.result.saved:
        plan_imported_event(plan=plan, actor=actor, result=importer.result)
    return importer.result
