"""Import a local area's action plan from a CSV file or an Excel workbook.

    python manage.py import_plan sutton-wsoa.xlsx --area sutton --dry-run
    python manage.py import_plan sutton-wsoa.xlsx --area sutton --as manager
    python manage.py import_plan sutton-wsoa.xlsx --area sutton --as manager --overwrite 1.1.2
    python manage.py import_plan plan.csv --area new-town --create-area "New Town" --as manager

The file is in the format described in docs/import-format.md. Actions are matched to the
area's current plan by reference: new ones are created, changed ones updated (with the
history reason "Imported from <file name>"), the rest left alone. Every problem is listed as
"row N, column C: message" and, if there is any, nothing at all is saved. --dry-run shows
what would happen and saves nothing. Anything that writes needs --as, the person the history
names as the importer.

A file never silently undoes a change made in the product since it was exported: a row as
exported leaves that change alone (and is listed), and a row changed in the file as well is a
conflict. Conflicts stop the import unless --overwrite names the rows whose file values win;
--in-step-on gives, for a council's own sheet without versions, the day it last matched the
product.

--create-area starts a new local area with that name (and the slug given by --area), an
inspection and an empty draft Written Statement of Action to import into; the inspection's
dates and the health partner are placeholders to correct afterwards in the admin.
"""

import argparse
import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actions import services
from actions.models import Plan
from actions.selectors import current_plan
from inspections.models import LocalArea
from spreadsheets.importer import ImportResult, import_reason, plan_import
from spreadsheets.reader import SpreadsheetError, read_spreadsheet


class Command(BaseCommand):
    help = (
        "Import an action plan from a CSV or XLSX file (docs/import-format.md) into a local "
        "area's current plan. Lists every problem as 'row N, column C: message' and saves "
        "nothing unless every row is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file or Excel workbook (.xlsx) to import")
        parser.add_argument("--area", required=True, help="slug of the local area, e.g. sutton")
        parser.add_argument(
            "--create-area",
            metavar="NAME",
            help="create the local area with this name (and a draft plan) if it does not exist",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; save nothing"
        )
        parser.add_argument(
            "--as",
            "--user",
            dest="username",
            metavar="USERNAME",
            help="the person importing, named in the audit history; required unless --dry-run",
        )
        parser.add_argument(
            "--overwrite",
            metavar="REF,...",
            default="",
            help="references of conflicting rows where the file's values replace the product's",
        )
        parser.add_argument(
            "--in-step-on",
            metavar="YYYY-MM-DD",
            type=_date,
            help="for a file without versions: the day it was last in step with the product",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            with path.open("rb") as file:
                sheet = read_spreadsheet(file, file_name=path.name, size=path.stat().st_size)
        except SpreadsheetError as error:
            raise CommandError(f"{path.name}: {error}") from None

        if not options["dry_run"] and not options["username"]:
            raise CommandError(
                "Say who is importing with --as USERNAME (or preview with --dry-run); the "
                "history names the person behind every change."
            )
        actor = self._actor(options["username"])
        overwrite = {ref.strip() for ref in options["overwrite"].split(",") if ref.strip()}

        with transaction.atomic():
            plan = self._plan(options["area"], options["create_area"], actor, path.name)
            result = plan_import(
                plan=plan,
                rows=sheet.rows,
                actor=actor,
                file_name=path.name,
                dry_run=options["dry_run"],
                overwrite=overwrite,
                stop_on_conflict=True,
                in_step_on=options["in_step_on"],
            )
            if not result.saved:
                # Also undoes a local area created for this import.
                transaction.set_rollback(True)
        self._report(plan, result, sheet.ignored_columns)
        if result.errors:
            raise CommandError(
                f"{len(result.errors)} problem{'s' if len(result.errors) != 1 else ''} "
                f"in {path.name}; nothing was imported."
            )
        unknown = overwrite - {conflict.reference for conflict in result.conflicts}
        if unknown:
            self.stderr.write(
                f"Not conflicts, so --overwrite does nothing to them: {', '.join(sorted(unknown))}"
            )
        if result.stopped:
            raise CommandError(
                f"{len(result.unresolved_conflicts)} row(s) of {path.name} conflict with changes "
                "made in the product since; nothing was imported. Keep the product's values by "
                "taking those rows out of the file, or give --overwrite "
                f"{','.join(result.unresolved_conflicts)} to use the file's."
            )

    def _actor(self, username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user {username}.") from None

    def _plan(self, slug: str, create_name: str | None, actor, file_name: str) -> Plan:
        area = LocalArea.objects.filter(slug=slug).first()
        if area is None:
            if not create_name:
                raise CommandError(
                    f'There is no local area "{slug}". Give --create-area "Name" to create it.'
                )
            try:
                return services.plan_create_for_new_area(
                    area_name=create_name,
                    area_slug=slug,
                    actor=actor,
                    reason=import_reason(file_name),
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        plan = current_plan(area)
        if plan is None:
            raise CommandError(f"{area} has no open plan to import into; add one in the admin.")
        return plan

    def _report(self, plan: Plan, result: ImportResult, ignored_columns: list[str]) -> None:
        out = self.stdout.write
        if ignored_columns:
            out(f"Columns not in the import format, ignored: {', '.join(ignored_columns)}")
        for problem in result.warnings:
            out(f"Warning: {problem}")
        for problem in result.errors:
            self.stderr.write(str(problem))
        if result.errors:
            return
        if result.exported_at:
            out(f"The file was exported at {result.exported_at:%-d %B %Y %H:%M}.")
        if result.kept:
            out(
                f"Changed in the product since this file was exported, left as the product has "
                f"them ({len(result.kept)}):"
            )
            for entry in result.kept:
                out(f"  {entry.reference} (row {entry.row}): {entry}")
        if result.conflicts:
            out(f"Changed both in the file and in the product ({len(result.conflicts)}):")
            for entry in result.conflicts:
                choice = "the file's value will be used" if entry.overwrite else "not imported"
                out(f"  {entry.reference} (row {entry.row}): {entry}; {choice}")
                for column, in_file, in_product in entry.differences:
                    out(f"    {column}: file {in_file!r}, product {in_product!r}")
        created = len(result.created)
        if result.dry_run:
            verb = "would be"
        else:
            verb = "was" if created == 1 else "were"
        out(
            f"{plan}: {_actions(created)} {verb} created, {len(result.updated)} updated and "
            f"{len(result.unchanged)} left unchanged."
        )
        for label, items in (
            ("areas of weakness", result.new_weaknesses),
            ("commitments", result.new_commitments),
            ("workstreams", result.new_workstreams),
        ):
            if items:
                out(f"New {label} ({len(items)}):")
                for item in items:
                    out(f"  {item}")
        if result.not_in_file:
            out(f"Not in the file, left as they are: {_actions(result.not_in_file)} of the plan.")
        if result.dry_run:
            out("Dry run: nothing was saved.")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value} is not a date; use YYYY-MM-DD.") from None


def _actions(count: int) -> str:
    return f"{count} action{'' if count == 1 else 's'}"
