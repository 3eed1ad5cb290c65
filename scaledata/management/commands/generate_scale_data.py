"""Build many areas' plans with months of history, for the benchmark (bench/)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspections.models import LocalArea
from scaledata.generator import Sizes, generate


class Command(BaseCommand):
    help = (
        "Build N areas, each with a published plan of N actions and N months of monthly "
        "updates, through the real tables with their history. Refuses to run with DEBUG off "
        "unless --force: it adds many users with a shared, published password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--areas", type=int, default=150)
        parser.add_argument("--actions", type=int, default=300)
        parser.add_argument("--months", type=int, default=24)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--prefix", default="scale", help="Start of the areas' slugs and the users' names."
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (never live)."
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: refusing to add test users with a published password. "
                "Pass --force if this really is a benchmark installation."
            )
        for name in ("areas", "actions", "months"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        prefix = options["prefix"]
        taken = LocalArea.objects.filter(slug__startswith=f"{prefix}-").count()
        started = time.monotonic()
        generate(
            Sizes(
                areas=options["areas"],
                actions=options["actions"],
                months=options["months"],
                seed=options["seed"],
                first_area=taken + 1,
                prefix=prefix,
            ),
            progress=lambda line: self.stdout.write(line) if options["verbosity"] > 1 else None,
        )
        self.stdout.write(
            f"Built {options['areas']} areas of {options['actions']} actions over "
            f"{options['months']} months in {time.monotonic() - started:.0f} s."
        )
