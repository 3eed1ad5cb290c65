"""E-mails reminding leads to post this month's progress update on their actions."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string

from actions.models import Plan
from board.links import absolute, action_url
from board.selectors.reminders import Reminder, update_reminders


def reminder_message(reminder: Reminder, *, plan: Plan, today: dt.date) -> EmailMessage:
    area = plan.local_area
    count = len(reminder.actions)
    context = {
        "lead": reminder.lead,
        "plan": plan,
        "month": today,
        "lines": [
            {"action": action, "url": absolute(action_url(area.slug, action.reference))}
            for action in reminder.actions
        ],
    }
    return EmailMessage(
        subject=f"{plan.title}: {count} action{'s' if count != 1 else ''} "
        f"need{'s' if count == 1 else ''} a progress update for {today:%B %Y}",
        body=render_to_string("board/email/update_reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reminder.lead.email],
    )


def update_reminders_send(*, plan: Plan, today: dt.date, dry_run: bool = False) -> list[Reminder]:
    """E-mail every lead whose started, open actions have no update this month.

    Returns who was (or, with `dry_run`, would be) reminded. Sends nothing with `dry_run`.
    """
    reminders = update_reminders(plan=plan, today=today)
    if not dry_run and reminders:
        messages = [reminder_message(r, plan=plan, today=today) for r in reminders]
        with get_connection() as connection:
            connection.send_messages(messages)
    return reminders
