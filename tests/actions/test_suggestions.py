"""Status suggestions: every rule with the words it gives, and where people meet them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions import suggestions
from actions.models import BRAG
from actions.suggestions import RULES, months_between, suggest
from board.selectors.dashboard import dashboard
from board.templatetags.board_suggestions import suggestions_on
from tests.factories import ActionFactory, ProgressUpdateFactory

TODAY = dt.date(2026, 11, 28)


def suggested(**given):
    values = {
        "status": BRAG.GREEN,
        "due_date": dt.date(2027, 3, 31),
        "start_date": dt.date(2026, 1, 1),
        "last_update": dt.date(2026, 11, 3),
        "today": TODAY,
    }
    values.update(given)
    return suggest(**values)


# --- each rule, with its reason text -----------------------------------------------------


def test_an_action_past_its_due_date_and_not_complete_is_suggested_red():
    suggestion = suggested(status=BRAG.AMBER, due_date=dt.date(2026, 9, 29))

    assert suggestion.status == BRAG.RED
    assert (
        suggestion.text == "Suggested: Red. Due 29 September 2026, 60 days ago, and not complete."
    )


def test_one_day_late_reads_one_day():
    suggestion = suggested(due_date=dt.date(2026, 11, 27))

    assert suggestion.text == "Suggested: Red. Due 27 November 2026, 1 day ago, and not complete."


def test_an_action_without_an_update_for_two_months_is_suggested_amber():
    suggestion = suggested(last_update=dt.date(2026, 9, 20))

    assert suggestion.status == BRAG.AMBER
    assert suggestion.text == "Suggested: Amber. No update for 2 months."


def test_an_update_just_under_two_months_ago_suggests_nothing():
    assert suggested(last_update=dt.date(2026, 9, 29)) is None
    assert months_between(dt.date(2026, 9, 29), TODAY) == 1
    assert months_between(dt.date(2026, 9, 28), TODAY) == 2


def test_an_action_never_updated_counts_from_its_start_date():
    suggestion = suggested(last_update=None, start_date=dt.date(2026, 8, 1))

    assert suggestion.text == (
        "Suggested: Amber. No update since it started on 1 August 2026, 3 months ago."
    )


def test_a_white_action_past_its_start_date_is_suggested_amber():
    suggestion = suggested(status=BRAG.WHITE, start_date=dt.date(2026, 11, 2))

    assert suggestion.status == BRAG.AMBER
    assert suggestion.text == (
        "Suggested: Amber. Should have started on 2 November 2026 and not started."
    )


def test_a_green_action_whose_measure_is_off_track_is_suggested_amber():
    suggestion = suggested(off_track_measures=["EHC plans issued within 20 weeks"])

    assert suggestion.status == BRAG.AMBER
    assert suggestion.text == (
        "Suggested: Amber. Green but its measure is off track: EHC plans issued within 20 weeks."
    )


def test_two_measures_off_track_are_both_named():
    suggestion = suggested(off_track_measures=["Timeliness", "Parent confidence"])

    assert suggestion.reason_texts == [
        "Green but its measures are off track: Timeliness, Parent confidence."
    ]


def test_measures_are_none_unless_the_caller_passes_them():
    assert suggested() is None


def test_the_most_serious_status_wins_and_every_reason_is_given():
    suggestion = suggested(
        due_date=dt.date(2026, 9, 29),
        last_update=dt.date(2026, 8, 1),
        off_track_measures=["Timeliness"],
    )

    assert suggestion.status == BRAG.RED
    assert suggestion.text == (
        "Suggested: Red. Due 29 September 2026, 60 days ago, and not complete. "
        "No update for 3 months. Green but its measure is off track: Timeliness."
    )


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ({"status": BRAG.RED, "due_date": dt.date(2026, 9, 29)}, "already Red"),
        ({"status": BRAG.AMBER, "last_update": dt.date(2026, 1, 1)}, "already Amber"),
        ({"status": BRAG.BLUE, "due_date": dt.date(2026, 9, 29)}, "complete"),
        ({"due_date": dt.date(2026, 9, 29), "withdrawn": True}, "withdrawn"),
        ({"due_date": None, "last_update": dt.date(2026, 11, 1)}, "no due date"),
        ({"status": BRAG.WHITE, "start_date": dt.date(2026, 12, 1)}, "not due to start"),
        ({"status": BRAG.AMBER, "off_track_measures": ["Timeliness"]}, "not Green"),
    ],
)
def test_no_suggestion_when_the_rating_already_says_as_much(given, why):
    assert suggested(**given) is None, why


def test_every_rule_is_listed_with_an_example_that_the_rule_gives():
    keys = {rule.key for rule in RULES}
    reasons = {
        reason.rule
        for reason in suggestions.reasons_for(
            status=BRAG.GREEN,
            due_date=dt.date(2026, 9, 29),
            start_date=dt.date(2026, 1, 1),
            last_update=dt.date(2026, 1, 1),
            today=TODAY,
            off_track_measures=["Timeliness"],
        )
    } | {
        reason.rule
        for reason in suggestions.reasons_for(
            status=BRAG.WHITE,
            due_date=None,
            start_date=dt.date(2026, 11, 1),
            last_update=TODAY,
            today=TODAY,
        )
    }
    assert keys == reasons
    assert RULES[0].example == (
        "Suggested: Red. Due 29 September 2026, 60 days ago, and not complete."
    )


# --- where people meet them --------------------------------------------------------------


@pytest.mark.django_db
def test_the_help_page_lists_every_rule(client, cast):
    client.force_login(cast.officer)

    page = client.get(reverse("status_suggestion_rules")).content.decode()

    for rule in RULES:
        assert rule.example in page


@pytest.fixture
def overdue(cast):
    """The officer's Green action, due 29 September, not updated since August."""
    action = cast.action
    action.due_date = dt.date(2026, 9, 29)
    action.save()
    ProgressUpdateFactory(action=action, date=dt.date(2026, 8, 20), status=BRAG.GREEN)
    return action


@pytest.mark.django_db
def test_the_update_form_and_the_action_page_show_the_suggestion(client, cast, overdue, settings):
    client.force_login(cast.officer)
    kwargs = {"area_slug": "sutton", "reference": overdue.reference}
    today = timezone.localdate()
    late = (today - dt.date(2026, 9, 29)).days

    for name in ("action_update", "action_detail"):
        page = client.get(reverse(name, kwargs=kwargs)).content.decode()

        assert "Suggested: Red." in page, name
        assert f"Due 29 September 2026, {late} days ago, and not complete." in page, name


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "followed"), [(BRAG.RED, True), (BRAG.AMBER, False)])
def test_the_update_records_the_suggestion_and_whether_it_was_followed(
    client, cast, overdue, status, followed
):
    client.force_login(cast.officer)
    url = reverse("action_update", kwargs={"area_slug": "sutton", "reference": "2.1.1"})

    response = client.post(
        url,
        {
            "status": status,
            "narrative": "Panel dates slipped",
            "remedial_action": "Extra panel booked",
            "version": overdue.version,
        },
    )

    assert response.status_code == 302
    update = overdue.progress_updates.order_by("-created_at").first()
    assert (update.status, update.suggested_status) == (status, BRAG.RED)
    assert update.suggestion_followed is followed


@pytest.mark.django_db
def test_an_update_with_nothing_suggested_records_no_suggestion(client, cast):
    action = cast.action
    action.due_date = timezone.localdate() + dt.timedelta(days=90)
    action.save()
    ProgressUpdateFactory(action=action, date=timezone.localdate(), status=BRAG.GREEN)
    client.force_login(cast.officer)
    url = reverse("action_update", kwargs={"area_slug": "sutton", "reference": "2.1.1"})

    client.post(url, {"status": BRAG.GREEN, "narrative": "On track", "version": action.version})

    update = action.progress_updates.order_by("-created_at").first()
    assert update.suggested_status == ""
    assert update.suggestion_followed is None


@pytest.mark.django_db
def test_the_board_dashboard_lists_the_disputed_statuses(client, cast, overdue):
    fine = ActionFactory(
        plan=cast.plan, reference="2.1.2", status=BRAG.GREEN, due_date=dt.date(2099, 1, 1)
    )
    ProgressUpdateFactory(action=fine, date=dt.date(2026, 11, 2), status=BRAG.GREEN)
    today = timezone.localdate()
    board = dashboard(plan=cast.plan, as_at=today)

    listed = suggestions_on(board)

    assert [(item.line.action.reference, item.suggestion.status) for item in listed] == [
        ("2.1.1", BRAG.RED)
    ]
    late = (today - dt.date(2026, 9, 29)).days
    assert listed[0].suggestion.text == (
        f"Suggested: Red. Due 29 September 2026, {late} days ago, and not complete. "
        "No update for 3 months."
    )
    client.force_login(cast.board)
    page = client.get(reverse("dashboard", kwargs={"area_slug": "sutton"})).content.decode()
    assert "Statuses the evidence disputes" in page
    assert "Suggested: Red." in page
