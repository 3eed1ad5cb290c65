"""Lock an area's Board paper as at a day, as the programme manager would on the papers page."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions.selectors import current_plan
from board.dates import recent_month_ends
from inspections.models import LocalArea
from papers import services


class Command(BaseCommand):
    help = (
        "Lock the Board paper of an area's current plan: a frozen copy of every figure, list, "
        "narrative and remedial action as at the end of a day (default the month just ended). "
        "It acts as the person named by --as, who must be the area's programme manager."
    )

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="The local area's slug, e.g. sutton.")
        parser.add_argument("--as-at", help="YYYY-MM-DD; default the month just ended.")
        parser.add_argument(
            "--as", dest="username", required=True, help="Username of the programme manager."
        )
        parser.add_argument(
            "--approver",
            help="Username of the Board member who approves it (default: the approver of the "
            "last paper, or the area's only Board member).",
        )
        parser.add_argument("--note", default="", help="Why, or for which meeting.")

    def handle(self, *args, area, as_at, username, approver, note, **options):
        try:
            local_area = LocalArea.objects.get(slug=area)
        except LocalArea.DoesNotExist:
            raise CommandError(f"No local area with the slug {area!r}.") from None
        plan = current_plan(local_area)
        if plan is None:
            raise CommandError(f"{local_area} has no plan yet.")
        users = get_user_model().objects
        try:
            actor = users.get(username=username, is_active=True)
        except users.model.DoesNotExist:
            raise CommandError(f"No active person with the username {username!r}.") from None
        day = recent_month_ends(timezone.localdate(), count=1)[0]
        if as_at:
            try:
                day = dt.date.fromisoformat(as_at)
            except ValueError:
                raise CommandError(
                    f"--as-at {as_at!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-30."
                ) from None
        if approver:
            chosen = services.approvers_for(plan).filter(username=approver).first()
            if chosen is None:
                raise CommandError(f"{approver!r} is not a Steering Board member of {area}.")
        else:
            chosen = services.default_approver(plan)
            if chosen is None:
                raise CommandError("Name the approver with --approver <username>.")
        try:
            paper = services.paper_lock(
                plan=plan, actor=actor, as_at=day, approver=chosen, reason=note
            )
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"Locked {paper} for {local_area}; {chosen.get_username()} approves it.\n"
        )
