"""Import a local area's action plan from a CSV file or an Excel workbook.

    python manage.py import_plan sutton-wsoa.xlsx --area sutton --dry-run
    python manage.py import_plan sutton-wsoa.xlsx --area sutton --user manager
    python manage.py import_plan plan.csv --area new-town --create-area "New Town"

The file is in the format described in docs/import-format.md. Actions are matched to the
area's current plan by reference: new ones are created, changed ones updated (with the
history reason "Imported from <file name>"), the rest left alone. Every problem is listed as
"row N, column C: message" and, if there is any, nothing at all is saved. --dry-run shows
what would happen and saves nothing.

--create-area starts a new local area with that name (and the slug given by --area), an
inspection and an empty draft Written Statement of Action to import into; the inspection's
dates and the health partner are placeholders to correct afterwards in the admin.
"""

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
            "--user", help="username recorded in the audit history as the person importing"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        actor = self._actor(options["user"])
        try:
            with path.open("rb") as file:
                sheet = read_spreadsheet(file, file_name=path.name, size=path.stat().st_size)
        except SpreadsheetError as error:
            raise CommandError(f"{path.name}: {error}") from None

        with transaction.atomic():
            plan = self._plan(options["area"], options["create_area"], actor, path.name)
            result = plan_import(
                plan=plan,
                rows=sheet.rows,
                actor=actor,
                file_name=path.name,
                dry_run=options["dry_run"],
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


def _actions(count: int) -> str:
    return f"{count} action{'' if count == 1 else 's'}"
