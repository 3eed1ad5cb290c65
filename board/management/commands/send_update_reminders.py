"""E-mail each lead whose started, open actions have no progress update this month."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions.selectors import current_plan
from board.reminders import update_reminders_send
from inspections.models import LocalArea


class Command(BaseCommand):
    help = (
        "E-mail every lead (with an e-mail address) whose started, open actions in the area's "
        "current plan have no progress update this month, listing those actions with links. "
        "Run it once or twice in the second half of each month, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="The local area's slug, e.g. sutton.")
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be reminded; send nothing."
        )

    def handle(self, *args, area: str, dry_run: bool, **options):
        try:
            local_area = LocalArea.objects.get(slug=area)
        except LocalArea.DoesNotExist:
            raise CommandError(f"No local area with the slug {area!r}.") from None
        plan = current_plan(local_area)
        if plan is None:
            raise CommandError(f"{local_area} has no plan yet.")
        reminders = update_reminders_send(plan=plan, today=timezone.localdate(), dry_run=dry_run)
        verb = "Would remind" if dry_run else "Reminded"
        for reminder in reminders:
            references = ", ".join(action.reference for action in reminder.actions)
            self.stdout.write(f"{verb} {reminder.lead.email}: {references}")
        self.stdout.write(
            f"{verb} {len(reminders)} lead{'s' if len(reminders) != 1 else ''}"
            f"{' (dry run: nothing sent)' if dry_run else ''}."
        )
