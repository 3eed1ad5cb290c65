"""The update round page, its settings, and what My actions tells each person."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actions.models import BRAG
from rounds.models import RoundNotice, RoundSettings
from tests.factories import ActionFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

# Monday 16 November 2026 (a fixed clock for the round).
TODAY = dt.date(2026, 11, 16)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def round_actions(cast):
    """2.1.1 (the officer's) owes; 3.1.1 in the other workstream is updated; 1.2.1 has no
    account behind its lead."""
    updated = ActionFactory(
        plan=cast.plan, workstream=cast.other_workstream, lead=cast.colleague, reference="3.1.1"
    )
    ProgressUpdateFactory(action=updated, date=TODAY - dt.timedelta(days=2))
    orphan = ActionFactory(
        plan=cast.plan,
        workstream=cast.workstream,
        lead=None,
        lead_role="Designated Clinical Officer",
        reference="1.2.1",
        status=BRAG.RED,
        remedial_action="Escalated",
    )
    return updated, orphan


def page(client, user):
    client.force_login(user)
    return client.get(reverse("update_round", kwargs={"area_slug": "sutton"}))


def test_the_manager_sees_every_action_who_leads_it_and_whether_it_was_updated(
    client, cast, round_actions, today
):
    response = page(client, cast.manager)
    text = response.content.decode()
    assert "Update round: November 2026" in text
    for reference in ("1.2.1", "2.1.1", "3.1.1"):
        assert reference in text
    assert "Olivia Officer" in text
    assert "Yes, 14 November" in text
    assert "Still to update" in text and "2 of 3" in text
    assert "Leads without an account" in text and "Designated Clinical Officer" in text


def test_the_page_shows_reminders_and_escalations_once_the_round_has_run(
    client, cast, round_actions, today
):
    cast.officer.email = "olivia@example.org"
    cast.officer.save()
    call_command("send_update_reminders", "--area", "sutton", "--date", TODAY.isoformat())
    assert RoundNotice.objects.filter(kind=RoundNotice.Kind.REMINDER).exists()
    text = page(client, cast.manager).content.decode()
    assert "16 November" in text
    assert "Escalated to the workstream lead" in text
    assert "Escalated to the programme manager" in text


def test_a_workstream_lead_sees_only_the_workstreams_they_lead(client, cast, round_actions, today):
    text = page(client, cast.lead).content.decode()
    assert "2.1.1" in text and "1.2.1" in text
    assert "3.1.1" not in text
    assert "You see the actions of the workstreams you lead" in text


def test_officers_and_board_members_may_not_open_the_round(client, cast, today):
    assert page(client, cast.officer).status_code == 403
    assert page(client, cast.board).status_code == 403
    assert page(client, cast.outsider).status_code == 404


def test_the_manager_sets_the_opening_day_and_escalation_with_a_reason(client, cast, today):
    client.force_login(cast.manager)
    url = reverse("update_round_settings", kwargs={"area_slug": "sutton"})
    assert 'value="1"' in client.get(url).content.decode()  # the installation's default
    response = client.post(
        url, {"opening_day": "3", "escalation_working_days": "4", "reason": "Board on the 20th"}
    )
    assert response.status_code == 302
    saved = RoundSettings.objects.get(local_area=cast.area)
    assert (saved.opening_day, saved.escalation_working_days) == (3, 4)
    row = saved.history.get()
    assert (row.history_user, row.history_change_reason) == (cast.manager, "Board on the 20th")
    text = page(client, cast.manager).content.decode()
    assert "3 November 2026" in text
    assert "9 November 2026, 4 working days after the round opens" in text


def test_bad_settings_are_refused_beside_the_fields_all_at_once(client, cast, today):
    client.force_login(cast.manager)
    url = reverse("update_round_settings", kwargs={"area_slug": "sutton"})
    response = client.post(url, {"opening_day": "31", "escalation_working_days": "x"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "The day the round opens must be from 1 to 28" in text
    assert "The working days before escalation must be a whole number" in text
    assert "Say why you are making this change" in text
    assert not RoundSettings.objects.exists()


def test_my_actions_lists_what_the_person_owes_this_month(client, cast, round_actions, today):
    client.force_login(cast.officer)
    text = client.get(reverse("my_actions")).content.decode()
    assert "You owe an update for November 2026" in text
    assert reverse("action_update", kwargs={"area_slug": "sutton", "reference": "2.1.1"}) in text


def test_my_actions_says_nothing_is_owed_once_updated(client, cast, today):
    ProgressUpdateFactory(action=cast.action, date=TODAY)
    client.force_login(cast.officer)
    assert "You owe an update" not in client.get(reverse("my_actions")).content.decode()


def test_the_manager_sees_on_my_actions_what_is_overdue_for_escalation(
    client, cast, round_actions, today
):
    client.force_login(cast.manager)
    text = client.get(reverse("my_actions")).content.decode()
    assert "Overdue for escalation in Sutton" in text
    assert "2 actions still have no update for November 2026" in text
    assert reverse("update_round", kwargs={"area_slug": "sutton"}) in text
    # Before the programme manager's day, nothing is overdue.
    mail.outbox = []
    client.force_login(cast.officer)
    assert "Overdue for escalation" not in client.get(reverse("my_actions")).content.decode()


def test_nothing_is_overdue_for_escalation_early_in_the_round(
    client, cast, round_actions, monkeypatch
):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *args, **kwargs: dt.date(2026, 11, 3)
    )
    client.force_login(cast.manager)
    assert "Overdue for escalation" not in client.get(reverse("my_actions")).content.decode()


def test_the_round_page_reads_a_fixed_number_of_queries(
    client, cast, today, django_assert_max_num_queries
):
    for number in range(30):
        ActionFactory(
            plan=cast.plan, workstream=cast.workstream, lead=cast.officer, reference=f"5.{number}"
        )
    client.force_login(cast.manager)
    url = reverse("update_round", kwargs={"area_slug": "sutton"})
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_manager_runs_todays_round_from_the_page_once_a_day(client, cast, round_actions, today):
    cast.officer.email = "olivia@example.org"
    cast.officer.save()
    client.force_login(cast.manager)
    url = reverse("update_round_send", kwargs={"area_slug": "sutton"})
    response = client.post(url, follow=True)
    assert [m.to for m in mail.outbox if m.to == ["olivia@example.org"]] == [["olivia@example.org"]]
    assert "E-mailed" in response.content.decode()
    sent = len(mail.outbox)
    response = client.post(url, follow=True)
    assert len(mail.outbox) == sent
    assert "already had an e-mail today" in response.content.decode()


def test_only_the_manager_may_run_the_round(client, cast, today):
    client.force_login(cast.lead)
    url = reverse("update_round_send", kwargs={"area_slug": "sutton"})
    assert client.post(url).status_code == 403
    assert mail.outbox == []
