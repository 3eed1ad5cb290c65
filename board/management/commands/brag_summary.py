"""Print the Board table (BRAG counts per theme) of an area's current plan as CSV."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions.selectors import current_plan
from board.exports import summary_csv
from board.selectors.summary import brag_summary
from inspections.models import LocalArea


class Command(BaseCommand):
    help = (
        "Print the BRAG summary (theme,green,amber,red,blue,white,total) of an area's current "
        "plan as CSV, as at the end of a day (default today). The same file as the dashboard's "
        "summary.csv download."
    )

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="The local area's slug, e.g. sutton.")
        parser.add_argument("--as-at", help="YYYY-MM-DD; default today.")

    def handle(self, *args, area: str, as_at: str | None, **options):
        try:
            local_area = LocalArea.objects.get(slug=area)
        except LocalArea.DoesNotExist:
            raise CommandError(f"No local area with the slug {area!r}.") from None
        plan = current_plan(local_area)
        if plan is None:
            raise CommandError(f"{local_area} has no plan yet.")
        today = timezone.localdate()
        day = today
        if as_at:
            try:
                day = dt.date.fromisoformat(as_at)
            except ValueError:
                raise CommandError(
                    f"--as-at {as_at!r} is not a date; use YYYY-MM-DD, e.g. 2018-09-30."
                ) from None
            if day > today:
                raise CommandError("--as-at must be today or in the past.")
        self.stdout.write(summary_csv(brag_summary(plan=plan, as_at=day)), ending="")
