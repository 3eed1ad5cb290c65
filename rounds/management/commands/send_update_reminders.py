"""Run the day's update round: remind leads, escalate, hand leads without an account over."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions.selectors import current_plan
from inspections.models import LocalArea
from rounds.rules import Kind
from rounds.services import update_round_run


class Command(BaseCommand):
    help = (
        "Run today's monthly update round for every local area (or one, with --area): e-mail "
        "each lead one list of the actions they owe an update on, escalate actions still "
        "without one after the area's working days to the workstream lead and then to the "
        "programme manager, and send the programme manager the actions whose lead has no "
        "account. Safe to run daily from cron: nobody is e-mailed twice on the same day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--area", help="Only this local area's slug, e.g. sutton.")
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be e-mailed; send nothing."
        )
        parser.add_argument(
            "--date",
            type=dt.date.fromisoformat,
            help="Run the round as on this day (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, area: str | None, dry_run: bool, date: dt.date | None, **options):
        areas = LocalArea.objects.order_by("name")
        if area:
            areas = areas.filter(slug=area)
            if not areas.exists():
                raise CommandError(f"No local area with the slug {area!r}.")
        today = date or timezone.localdate()
        verb = "Would e-mail" if dry_run else "E-mailed"
        total = 0
        for local_area in areas:
            plan = current_plan(local_area)
            if plan is None:
                if area:
                    raise CommandError(f"{local_area} has no plan yet.")
                continue
            run = update_round_run(plan=plan, today=today, dry_run=dry_run)
            if not run.is_open:
                opens = run.rules.opens_on(today)
                self.stdout.write(f"{local_area}: the round opens on {opens:%-d %B %Y}.")
                continue
            for chase in run.chases.chases:
                for kind, actions in chase.by_kind().items():
                    if actions:
                        references = ", ".join(action.reference for action in actions)
                        self.stdout.write(
                            f"{verb} {chase.recipient.email} ({LABELS[kind]}): {references}"
                        )
            for user in run.chases.already_emailed_today:
                self.stdout.write(
                    f"{user.email} was already e-mailed today; the rest goes tomorrow."
                )
            if run.chases.no_account:
                references = ", ".join(action.reference for action in run.chases.no_account)
                self.stdout.write(f"{local_area}: leads without an account: {references}")
            total += len(run.chases.chases)
        self.stdout.write(
            f"{verb} {total} {'person' if total == 1 else 'people'}"
            f"{' (dry run: nothing sent)' if dry_run else ''}."
        )


LABELS: dict[str, str] = {
    Kind.REMINDER: "reminder",
    Kind.TO_WORKSTREAM_LEAD: "escalation to the workstream lead",
    Kind.TO_PROGRAMME_MANAGER: "escalation to the programme manager",
    Kind.NO_ACCOUNT: "leads without an account",
}
