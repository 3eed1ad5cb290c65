"""The update round's e-mails: one per person per day, escalation after working days, leads
without an account handed to the programme manager."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from actions.models import Membership
from board.dates import previous_month_end
from rounds.models import RoundNotice
from rounds.services import round_settings_update
from tests.factories import (
    ActionFactory,
    MembershipFactory,
    PlanFactory,
    ProgressUpdateFactory,
    UserFactory,
    WorkstreamFactory,
)


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
    assert "Would e-mail ana@example.org (reminder): 1.1" in output
    assert "dry run: nothing sent" in output


# --- the round's rules, on fixed days -------------------------------------------------------

# May 2026: Friday 1 May, then the early May bank holiday on Monday 4 May.
MAY_1 = dt.date(2026, 5, 1)


def run_on(day: dt.date, *args) -> str:
    return run("--date", day.isoformat(), *args)


def manager_of(plan, username="pam"):
    user = UserFactory(username=username, email=f"{username}@example.org")
    MembershipFactory(user=user, local_area=plan.local_area, role=Membership.Role.PROGRAMME_MANAGER)
    return user


def workstream_lead_of(plan, workstream, username="wil"):
    user = UserFactory(username=username, email=f"{username}@example.org")
    MembershipFactory(
        user=user,
        local_area=plan.local_area,
        role=Membership.Role.WORKSTREAM_LEAD,
        workstreams=[workstream],
    )
    return user


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_a_lead_is_emailed_once_a_day_however_often_the_command_runs(plan):
    ana = UserFactory(username="ana", email="ana@example.org")
    action_of(plan, ana, "1.1")
    action_of(plan, ana, "1.2")
    run_on(MAY_1)
    run_on(MAY_1)
    output = run_on(MAY_1)
    assert len(sent_to("ana@example.org")) == 1
    assert "ana@example.org was already e-mailed today" in output
    assert RoundNotice.objects.filter(kind=RoundNotice.Kind.REMINDER).count() == 2
    run_on(MAY_1 + dt.timedelta(days=1))
    assert len(sent_to("ana@example.org")) == 2


def test_the_email_has_a_plain_text_and_an_html_part_with_links_on_the_sites_address(
    plan, settings
):
    settings.SITE_URL = "https://wsoa.example.org"
    action_of(plan, UserFactory(username="ana", email="ana@example.org"), "1.1")
    run_on(MAY_1)
    [message] = mail.outbox
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert 'href="https://wsoa.example.org/areas/sutton/actions/1.1/update/"' in html
    assert "https://wsoa.example.org/areas/sutton/update-round/" in message.body


def test_nobody_is_reminded_before_the_round_opens(plan):
    admin = UserFactory(username="root", is_superuser=True)
    round_settings_update(
        local_area=plan.local_area,
        actor=admin,
        opening_day=5,
        escalation_working_days=3,
        reason="Board meets on the 20th",
    )
    action_of(plan, UserFactory(username="ana", email="ana@example.org"), "1.1")
    output = run_on(dt.date(2026, 5, 4))
    assert mail.outbox == []
    assert "the round opens on 5 May 2026" in output
    run_on(dt.date(2026, 5, 5))
    assert len(mail.outbox) == 1


def test_an_updated_action_drops_out_of_the_round(plan):
    ana = UserFactory(username="ana", email="ana@example.org")
    done = action_of(plan, ana, "1.1")
    action_of(plan, ana, "1.2")
    ProgressUpdateFactory(action=done, date=MAY_1)
    run_on(MAY_1 + dt.timedelta(days=1))
    [message] = mail.outbox
    assert "1.2 " in message.body and "1.1 " not in message.body


def test_escalation_waits_n_working_days_across_a_bank_holiday(plan):
    """Opening Friday 1 May with 2 working days: Monday 4 May is a bank holiday, so the
    escalation goes on Wednesday 6 May, not on Tuesday 5 May."""
    admin = UserFactory(username="root", is_superuser=True)
    round_settings_update(
        local_area=plan.local_area,
        actor=admin,
        opening_day=1,
        escalation_working_days=2,
        reason="Two working days",
    )
    officer = UserFactory(username="ana", email="ana@example.org")
    workstream = WorkstreamFactory(plan=plan)
    action = ActionFactory(plan=plan, lead=officer, reference="1.1", workstream=workstream)
    lead = workstream_lead_of(plan, workstream)
    manager_of(plan)
    run_on(dt.date(2026, 5, 5))
    assert sent_to(lead.email) == []
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    run_on(dt.date(2026, 5, 6))
    [escalation] = sent_to(lead.email)
    assert "Escalated to you: actions in your workstream with no update" in escalation.body
    assert "1.1 " in escalation.body
    assert "to chase in the May 2026 update round" in escalation.subject
    assert sent_to("pam@example.org") == []
    # Once only to the workstream lead; 2 x 2 working days after opening (8 May), on to the
    # programme manager.
    run_on(dt.date(2026, 5, 7))
    assert len(sent_to(lead.email)) == 1
    run_on(dt.date(2026, 5, 8))
    [to_manager] = sent_to("pam@example.org")
    assert "Escalated to you: actions still without an update" in to_manager.body
    kinds = set(RoundNotice.objects.filter(action=action).values_list("kind", flat=True).distinct())
    assert kinds == {"reminder", "workstream_lead", "programme_manager"}


def test_a_workstream_without_another_lead_escalates_to_the_programme_manager(plan):
    officer = UserFactory(username="ana", email="ana@example.org")
    ActionFactory(plan=plan, lead=officer, reference="1.1")
    manager_of(plan)
    run_on(dt.date(2026, 5, 11))  # 5 working days after 1 May (4 May a bank holiday): 8 May
    [message] = sent_to("pam@example.org")
    assert "Escalated to you: actions still without an update" in message.body
    assert "in your workstream" not in message.body
    run_on(dt.date(2026, 5, 18))  # 2 x 5 working days: already with the programme manager
    assert len(sent_to("pam@example.org")) == 1


def test_actions_whose_lead_has_no_account_go_to_the_programme_manager_once(plan):
    action_of(plan, None, "1.2.1", red=True, lead_role="Designated Clinical Officer")
    action_of(plan, UserFactory(username="gone", email="gone@example.org", is_active=False), "1.3")
    manager_of(plan)
    output = run_on(MAY_1)
    [message] = sent_to("pam@example.org")
    assert "Actions whose lead has no account: please chase them" in message.body
    assert "1.2.1 " in message.body and "Designated Clinical Officer" in message.body
    assert "1.3 " in message.body
    assert "leads without an account: 1.2.1, 1.3" in output
    run_on(MAY_1 + dt.timedelta(days=1))
    assert len(sent_to("pam@example.org")) == 1


def test_every_area_is_run_without_area(plan):
    other = PlanFactory(local_area__slug="merton", title="Merton WSoA")
    action_of(plan, UserFactory(username="ana", email="ana@example.org"), "1.1")
    action_of(other, UserFactory(username="ben", email="ben@example.org"), "1.1")
    call_command("send_update_reminders", "--date", MAY_1.isoformat(), stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]


def test_the_round_records_are_append_only(plan):
    action_of(plan, UserFactory(username="ana", email="ana@example.org"), "1.1")
    run_on(MAY_1)
    notice = RoundNotice.objects.get()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        RoundNotice.objects.filter(pk=notice.pk).update(sent_on=MAY_1 + dt.timedelta(days=9))
