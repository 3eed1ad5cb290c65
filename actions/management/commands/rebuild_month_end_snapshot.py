"""Rebuild the month-end snapshot (counts per month-end and "Red since") from the history."""

from django.core.management.base import BaseCommand, CommandParser

from actions import snapshot
from actions.models import Plan


class Command(BaseCommand):
    help = (
        "Recompute the month-end figures the dashboards read from the actions' audit history. "
        "Safe at any time: the snapshot is derived data; the history is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--plan", type=int, action="append", dest="plans", help="A plan's id (repeatable)."
        )

    def handle(self, *args, plans: list[int] | None = None, **options) -> None:
        plan_ids = plans or list(Plan.objects.order_by("pk").values_list("pk", flat=True))
        total = 0
        for plan_id in plan_ids:
            total += snapshot.rebuild([plan_id])
        self.stdout.write(
            f"Rebuilt the month-end snapshot of {len(plan_ids)} plan(s) from {total} history rows."
        )
