"""The demo: its November round, loaded as on Friday 27 November 2026 and run that day, and
the fictional area's external oversight."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from demo.installer import load_demo
from rounds.models import RoundNotice

NOVEMBER_27 = dt.date(2026, 11, 27)


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(today=NOVEMBER_27)


def test_the_november_round_emails_the_officer_once_and_escalates_to_the_lead(demo):
    out = io.StringIO()
    call_command(
        "send_update_reminders", "--area", "sutton", "--date", NOVEMBER_27.isoformat(), stdout=out
    )
    [to_officer] = [m for m in mail.outbox if m.to == ["officer@example.org"]]
    assert "need" in to_officer.subject and "November 2026" in to_officer.subject
    [to_lead] = [m for m in mail.outbox if m.to == ["lead@example.org"]]
    assert "Escalated to you: actions in your workstream with no update" in to_lead.body
    assert RoundNotice.objects.filter(
        recipient__username="lead", kind=RoundNotice.Kind.TO_WORKSTREAM_LEAD
    ).exists()
    # Run again the same day: nobody is e-mailed twice.
    sent = len(mail.outbox)
    call_command(
        "send_update_reminders", "--area", "sutton", "--date", NOVEMBER_27.isoformat(), stdout=out
    )
    assert len(mail.outbox) == sent


def test_the_fictional_demo_area_shows_its_external_oversight(demo, client):
    client.force_login(get_user_model().objects.get(username="outsider"))
    text = client.get(reverse("inspection", kwargs={"area_slug": "demo-borough"})).content
    assert b"External oversight" in text and b"Monitoring inspection by" in text
