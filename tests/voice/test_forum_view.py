"""The parent carer forum's view is the forum's own: it records it, nobody else changes it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from voice.models import ForumRating, ForumView, quarter_start
from voice.services import (
    easy_read_summary_set,
    forum_view_record,
    you_said_we_did_save,
    you_said_we_did_withdraw,
)

pytestmark = pytest.mark.django_db

THIS_QUARTER = quarter_start(timezone.localdate())


def record(cast, actor, **overrides):
    values = {
        "actor": actor,
        "weakness": cast.action.weakness,
        "quarter": THIS_QUARTER,
        "rating": ForumRating.SOME_CHANGE,
        "words": "Some parents now get a call back within a week.",
        "published": False,
        "reason": "Forum steering group, March",
    } | overrides
    return forum_view_record(**values)


def test_the_forum_records_its_view_with_who_and_why(cast):
    view = record(cast, cast.forum)

    row = view.history.get()
    assert row.history_user == cast.forum
    assert row.history_change_reason == "Forum steering group, March"
    assert view.quarter_start == THIS_QUARTER


@pytest.mark.parametrize("who", ["officer", "lead", "board", "manager", "outsider"])
def test_nobody_but_the_forum_records_or_changes_its_view(cast, who):
    view = record(cast, cast.forum)

    with pytest.raises(PermissionDenied):
        record(cast, getattr(cast, who), words="Officers think it is fine")

    view.refresh_from_db()
    assert view.words == "Some parents now get a call back within a week."
    assert view.history.count() == 1


def test_a_second_view_for_the_same_quarter_changes_it_and_keeps_the_first_in_history(cast):
    record(cast, cast.forum)
    record(cast, cast.forum, rating=ForumRating.NO_CHANGE, words="No change yet.", reason="Fix")

    view = ForumView.objects.get()
    assert view.rating == ForumRating.NO_CHANGE
    assert [h.words for h in view.history.order_by("history_date")] == [
        "Some parents now get a call back within a week.",
        "No change yet.",
    ]


def test_a_view_needs_words_a_reason_and_a_quarter_not_in_the_future(cast):
    with pytest.raises(ValidationError) as error:
        record(cast, cast.forum, words="  ")
    assert "words" in error.value.message_dict
    with pytest.raises(ValidationError):
        record(cast, cast.forum, reason="")
    with pytest.raises(ValidationError) as error:
        record(cast, cast.forum, quarter=THIS_QUARTER + dt.timedelta(days=200))
    assert "quarter_start" in error.value.message_dict


def test_the_forum_writes_nothing_else(cast):
    with pytest.raises(PermissionDenied):
        easy_read_summary_set(
            actor=cast.forum, weakness=cast.action.weakness, text="x", published=True, reason="r"
        )
    with pytest.raises(PermissionDenied):
        you_said_we_did_save(
            actor=cast.forum,
            local_area=cast.area,
            weakness=None,
            date=dt.date(2024, 1, 1),
            you_said="a",
            we_did="b",
            evidence="",
            published=True,
            reason="r",
        )


def test_the_forum_member_cannot_update_an_action(client, cast):
    client.force_login(cast.forum)
    url = reverse("action_update", kwargs={"area_slug": "sutton", "reference": "2.1.1"})
    assert client.get(url).status_code == 403
    assert client.get(reverse("dashboard", kwargs={"area_slug": "sutton"})).status_code == 200


def test_the_forum_records_its_view_on_its_screen_and_the_dashboard_shows_it(client, cast):
    client.force_login(cast.forum)
    response = client.post(
        reverse("forum_view_record", kwargs={"area_slug": "sutton"}),
        {
            "finding": str(cast.action.weakness.number),
            "quarter": THIS_QUARTER.isoformat(),
            "rating": "worse",
            "words": "Waiting lists for assessments are longer.",
            "reason": "Survey of 120 families",
        },
    )
    assert response.status_code == 302

    dashboard = client.get(reverse("dashboard", kwargs={"area_slug": "sutton"}))
    assert "Waiting lists for assessments are longer." in dashboard.text
    assert "Getting worse" in dashboard.text
    assert "The forum&#x27;s view" in dashboard.text or "The forum's view" in dashboard.text


def test_the_record_screen_lists_every_problem_at_once(client, cast):
    client.force_login(cast.forum)
    response = client.post(reverse("forum_view_record", kwargs={"area_slug": "sutton"}), {})
    assert response.status_code == 200
    for message in (
        "Choose the finding",
        "Choose how families see progress",
        "Say how families see progress",
        "Say why you are making this change",
    ):
        assert message in response.text
    assert ForumView.objects.count() == 0


def test_a_withdrawn_entry_keeps_its_row_and_history(cast):
    entry = you_said_we_did_save(
        actor=cast.manager,
        local_area=cast.area,
        weakness=cast.action.weakness,
        date=dt.date(2024, 1, 1),
        you_said="Nobody answers the phone",
        we_did="A duty line, staffed every weekday",
        evidence="",
        published=True,
        reason="From the forum",
    )
    you_said_we_did_withdraw(actor=cast.manager, entry=entry, reason="Duplicate")

    entry.refresh_from_db()
    assert entry.withdrawn_at is not None and not entry.published
    assert entry.history.count() == 2
