"""Load the Sutton demo plan, a fictional second area and demo users into an empty database.

Demo users share a published password, so the command refuses to run with DEBUG off unless
told to with --force. It runs once: when the Sutton area exists it says so and changes nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import installer


class Command(BaseCommand):
    help = (
        "Load the Sutton demo plan (from its published documents, with illustrative progress), "
        "a fictional second area and demo users. Refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. Never on a live installation: it adds users "
            "with a published password.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Build the demo, print the summary, then roll everything back.",
        )

    def handle(self, *args, force: bool = False, dry_run: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: refusing to add demo users with a published password. "
                "Pass --force if this really is a demo installation."
            )
        if installer.is_loaded():
            self.stdout.write("The Sutton demo is already loaded; nothing changed.")
            return
        try:
            with transaction.atomic():
                summary = installer.load_demo()
                if dry_run:
                    transaction.set_rollback(True)
        except installer.DemoConflictError as error:
            raise CommandError(str(error)) from error
        for line in summary:
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
