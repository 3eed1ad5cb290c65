"""Writes of the update round: an area's round settings, and running the day's round."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from actions.models import Plan
from actions.rules import update_month_start
from inspections.models import LocalArea
from rounds.emails import round_message
from rounds.models import RoundNotice, RoundSettings
from rounds.rules import Rules, rules_for
from rounds.selectors import ChaseList, chase_list
from wsoa.lib.audit import required_reason, save_with_history

logger = logging.getLogger(__name__)


@transaction.atomic
def round_settings_update(
    *,
    local_area: LocalArea,
    actor: User,
    opening_day: int,
    escalation_working_days: int,
    reason: str,
) -> RoundSettings:
    """Set the day the area's round opens and the working days before escalation."""
    reason = required_reason(reason)
    row = RoundSettings.objects.select_for_update().filter(
        local_area=local_area
    ).first() or RoundSettings(local_area=local_area)
    row.opening_day = opening_day
    row.escalation_working_days = escalation_working_days
    row.full_clean()
    save_with_history(row, actor=actor, reason=reason)
    return row


@dataclass(frozen=True)
class RoundRun:
    plan: Plan
    rules: Rules
    today: dt.date
    chases: ChaseList

    @property
    def is_open(self) -> bool:
        return self.rules.is_open(self.today)


def update_round_run(*, plan: Plan, today: dt.date, dry_run: bool = False) -> RoundRun:
    """Send today's round e-mails of one plan and record each action put to each person.

    Safe to run any number of times a day: the plan is locked while it runs, a person
    e-mailed today is not e-mailed again, and an escalation goes to each person once. Each
    e-mail is recorded only after it has gone, so one that fails goes on the next run.
    """
    rules = rules_for(plan.local_area_id)
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        chases = chase_list(plan=plan, rules=rules, today=today)
        if not dry_run and chases.chases:
            month = update_month_start(today)
            with get_connection() as connection:
                for chase in chases.chases:
                    message = round_message(chase, plan=plan, today=today)
                    message.connection = connection
                    try:
                        message.send()
                    except OSError:
                        # Not recorded, so the next run tries again; the others still go.
                        logger.exception("The round e-mail to %s failed.", chase.recipient.email)
                        continue
                    sent_at = timezone.now()
                    RoundNotice.objects.bulk_create(
                        RoundNotice(
                            plan=plan,
                            action=action,
                            recipient=chase.recipient,
                            email=chase.recipient.email,
                            kind=kind,
                            month=month,
                            sent_on=today,
                            sent_at=sent_at,
                        )
                        for kind, actions in chase.by_kind().items()
                        for action in actions
                    )
    return RoundRun(plan=plan, rules=rules, today=today, chases=chases)
