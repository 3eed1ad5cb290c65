import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from board.dates import previous_month_end
from tests.factories import ActionFactory, PlanFactory, ProgressUpdateFactory, UserFactory


@pytest.fixture
def plan(db):
    return PlanFactory(local_area__slug="sutton", title="Sutton WSoA")


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_update_reminders", "--area", "sutton", *args, stdout=out)
    return out.getvalue()


def action_of(plan, lead, reference, **fields):
    return ActionFactory(plan=plan, lead=lead, reference=reference, **fields)


def test_a_lead_is_reminded_of_started_open_actions_without_an_update_this_month(plan):
    today = timezone.localdate()
    lead = UserFactory(username="ana", email="ana@example.org")
    stale = action_of(plan, lead, "1.1", green=True)
    updated = action_of(plan, lead, "1.2")
    last_month = action_of(plan, lead, "1.3", amber=True)
    ProgressUpdateFactory(action=updated, date=today)
    ProgressUpdateFactory(action=last_month, date=previous_month_end(today))
    run()
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "1.1 " + stale.title in message.body
    assert "1.3 " + last_month.title in message.body
    assert "1.2 " not in message.body
    assert "2 actions need a progress update" in message.subject


def test_only_leads_with_something_missing_and_an_address_are_reminded(plan):
    today = timezone.localdate()
    done = UserFactory(username="bea", email="bea@example.org")
    ProgressUpdateFactory(action=action_of(plan, done, "2.1"), date=today)
    action_of(plan, UserFactory(username="cal", email=""), "2.2")
    action_of(plan, UserFactory(username="dee", email="dee@example.org", is_active=False), "2.3")
    action_of(plan, UserFactory(username="eve", email="eve@example.org"), "2.4", blue=True)
    action_of(
        plan,
        UserFactory(username="fay", email="fay@example.org"),
        "2.5",
        start_date=today + dt.timedelta(days=40),
        due_date=today + dt.timedelta(days=400),
    )
    action_of(plan, None, "2.6")
    ActionFactory(lead=UserFactory(username="gil", email="gil@example.org"))  # another area
    wanted = UserFactory(username="hal", email="hal@example.org")
    action_of(plan, wanted, "2.7")
    run()
    assert [message.to for message in mail.outbox] == [["hal@example.org"]]


def test_each_lead_gets_one_email_listing_all_their_actions(plan):
    ana = UserFactory(username="ana", email="ana@example.org")
    ben = UserFactory(username="ben", email="ben@example.org")
    for reference in ("1.10", "1.2", "1.1"):
        action_of(plan, ana, reference)
    action_of(plan, ben, "3.1")
    run()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
    ]
    body = next(m.body for m in mail.outbox if m.to == ["ana@example.org"])
    assert body.index("1.1 ") < body.index("1.2 ") < body.index("1.10 ")


def test_the_email_links_to_each_action_on_the_sites_address(plan, settings):
    settings.SITE_URL = "https://wsoa.example.org/"
    action_of(plan, UserFactory(username="ana", email="ana@example.org"), "1.1")
    run()
    assert "https://wsoa.example.org/areas/sutton/actions/1.1/" in mail.outbox[0].body


def test_a_dry_run_lists_who_would_be_reminded_and_sends_nothing(plan):
    action_of(plan, UserFactory(username="ana", email="ana@example.org"), "1.1")
    output = run("--dry-run")
    assert mail.outbox == []
    assert "Would remind ana@example.org: 1.1" in output
    assert "dry run: nothing sent" in output
