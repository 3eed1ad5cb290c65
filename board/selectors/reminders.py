"""Who to remind to post this month's progress update, and on which actions."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User

from actions.models import Action, Plan
from actions.rules import reference_key


@dataclass(frozen=True)
class Reminder:
    lead: User
    actions: list[Action]


def update_reminders(*, plan: Plan, today: dt.date) -> list[Reminder]:
    """Each lead with an e-mail address whose open, started actions have no update this month.

    Blue (complete) actions and actions not yet due to start need no update; leads without
    an e-mail address, or whose account is switched off, cannot be reminded. One query.
    """
    actions = (
        Action.objects.filter(plan=plan, lead__is_active=True)
        .exclude(lead__email="")
        .owing_update(today)
        .select_related("lead", "plan__local_area")
    )
    by_lead: dict[int, Reminder] = {}
    for action in actions:
        if action.lead is None:  # the query keeps only actions with an active lead
            continue
        reminder = by_lead.setdefault(action.lead.pk, Reminder(lead=action.lead, actions=[]))
        reminder.actions.append(action)
    for reminder in by_lead.values():
        reminder.actions.sort(key=lambda action: reference_key(action.reference))
    return sorted(by_lead.values(), key=lambda reminder: reminder.lead.get_username())
