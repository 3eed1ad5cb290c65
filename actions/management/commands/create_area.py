"""Start a local area and invite its first programme manager by e-mail.

    python manage.py create_area sutton "London Borough of Sutton" --manager pm@sutton.gov.uk
    python manage.py create_area sutton "London Borough of Sutton" --manager pm@sutton.gov.uk \\
        --council "London Borough of Sutton" --health-partner "South West London ICB"

The programme manager gets a link to set their password; from there they run the plan and
invite its people. With --dry-run nothing is saved and no e-mail is sent.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actions.services import area_create_with_manager
from actions.services.structure import NOT_YET_RECORDED


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Start a local area and e-mail an invitation to its first programme manager."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="short name for web addresses, e.g. sutton")
        parser.add_argument("name", help='the area name, e.g. "London Borough of Sutton"')
        parser.add_argument("--manager", required=True, metavar="EMAIL", help="their e-mail")
        parser.add_argument("--council", help="the council's name (default: the area's name)")
        parser.add_argument("--health-partner", help="the ICB or CCG (default: not yet recorded)")
        parser.add_argument("--reason", default="New local area", help="for the audit history")
        parser.add_argument("--dry-run", action="store_true", help="check, save nothing")

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                area, invitation, _token = area_create_with_manager(
                    actor=None,
                    name=options["name"],
                    slug=options["slug"],
                    council_name=options["council"] or options["name"],
                    health_partner_name=options["health_partner"] or NOT_YET_RECORDED,
                    manager_email=options["manager"],
                    reason=options["reason"],
                )
                if options["dry_run"]:
                    raise _DryRun
        except _DryRun:
            self.stdout.write(f"Dry run: {options['name']} would be created; nothing saved.")
            return
        except ValidationError as error:
            problems = [
                f"{field}: {message}"
                for field, messages in getattr(error, "message_dict", {"": error.messages}).items()
                for message in messages
            ]
            raise CommandError("\n".join(problems)) from None
        self.stdout.write(
            f"Created {area.name} ({area.slug}); invitation sent to {invitation.email}."
        )
