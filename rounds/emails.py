"""The round's e-mail: one per person per day, plain text and HTML, with links on SITE_URL."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from actions.models import Action, Plan
from rounds.rules import Kind
from rounds.selectors import Chase

HEADINGS: dict[str, str] = {
    Kind.REMINDER: "Actions you lead with no update yet",
    Kind.TO_WORKSTREAM_LEAD: "Escalated to you: actions in your workstream with no update",
    Kind.TO_PROGRAMME_MANAGER: "Escalated to you: actions still without an update",
    Kind.NO_ACCOUNT: "Actions whose lead has no account: please chase them",
}


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _line(action: Action, area_slug: str) -> dict:
    kwargs = {"area_slug": area_slug, "reference": action.reference}
    return {
        "action": action,
        "url": absolute(reverse("action_detail", kwargs=kwargs)),
        "update_url": absolute(reverse("action_update", kwargs=kwargs)),
    }


def subject(chase: Chase, *, plan: Plan, month: dt.date) -> str:
    count = len({action.pk for action in chase.actions})
    actions = f"{count} action{'s' if count != 1 else ''}"
    if chase.actions == chase.reminders:
        verb = "needs" if count == 1 else "need"
        return f"{plan.title}: {actions} {verb} a progress update for {month:%B %Y}"
    return f"{plan.title}: {actions} to chase in the {month:%B %Y} update round"


def round_message(chase: Chase, *, plan: Plan, today: dt.date) -> EmailMultiAlternatives:
    area_slug = plan.local_area.slug
    context = {
        "recipient": chase.recipient,
        "plan": plan,
        "month": today,
        "sections": [
            {
                "kind": kind,
                "heading": HEADINGS[kind],
                "lines": [_line(a, area_slug) for a in actions],
            }
            for kind, actions in chase.by_kind().items()
            if actions
        ],
        "round_url": absolute(reverse("update_round", kwargs={"area_slug": area_slug})),
    }
    message = EmailMultiAlternatives(
        subject=subject(chase, plan=plan, month=today),
        body=render_to_string("rounds/email/round.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[chase.recipient.email],
    )
    message.attach_alternative(render_to_string("rounds/email/round.html", context), "text/html")
    return message
