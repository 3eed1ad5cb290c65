"""Export a local area's current action plan in the import format (docs/import-format.md).

    python manage.py export_plan --area sutton > sutton.csv
    python manage.py export_plan --area sutton --format xlsx --output sutton.xlsx

The file imports again with `import_plan` with no changes. Text cells that a spreadsheet
program would run as a formula (starting with =, +, - or @) are written with a leading '.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actions.selectors import current_plan
from inspections.models import LocalArea
from spreadsheets.exporters import plan_export
from spreadsheets.writer import FORMATS


class Command(BaseCommand):
    help = (
        "Export a local area's current plan as CSV (to standard output unless --output is "
        "given) or as an Excel workbook (--format xlsx --output FILE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="slug of the local area, e.g. sutton")
        parser.add_argument(
            "--format", choices=FORMATS, default="csv", help="csv (default) or xlsx"
        )
        parser.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")

    def handle(self, *args, **options):
        area = LocalArea.objects.filter(slug=options["area"]).first()
        if area is None:
            raise CommandError(f'There is no local area "{options["area"]}".')
        plan = current_plan(area)
        if plan is None:
            raise CommandError(f"{area} has no open plan to export.")
        fmt = options["format"]
        if fmt == "xlsx" and not options["output"]:
            raise CommandError("An Excel workbook cannot go to the screen; give --output FILE.")
        export = plan_export(plan=plan, fmt=fmt)
        if options["output"]:
            Path(options["output"]).write_bytes(export.content)
            self.stderr.write(f"Wrote {plan.actions.count()} actions to {options['output']}.")
        else:
            self.stdout.write(export.content.decode("utf-8-sig"), ending="")
