import re

import pytest
from django.urls import reverse

from actions.models import BRAG


def update_url(action):
    return reverse("action_update", kwargs={"area_slug": "sutton", "reference": action.reference})


def form_data(action, **overrides):
    data = {
        "status": BRAG.AMBER,
        "narrative": "Two panel dates moved; audit starts in April.",
        "remedial_action": "Extra panel booked for 12 April.",
        "completed_date_day": "",
        "completed_date_month": "",
        "completed_date_year": "",
        "evidence": "",
        "version": action.version,
    }
    return {**data, **overrides}


def error_beside(html: str, field_id: str) -> str:
    match = re.search(
        rf'<p id="{field_id}-error" class="govuk-error-message">(.*?)</p>', html, re.S
    )
    return re.sub(r"<[^>]+>", "", match.group(1)).replace("Error:", "").strip() if match else ""


@pytest.mark.django_db
def test_the_form_shows_every_status_as_a_word_with_its_meaning(client, cast):
    client.force_login(cast.officer)
    html = client.get(update_url(cast.action)).content.decode()
    for label in (
        "Green: on track",
        "Amber: minor issue",
        "Red: significant issue",
        "White: not started",
    ):
        assert label in html
    assert "Blue: complete (your workstream lead will be asked to confirm)" in html


@pytest.mark.django_db
def test_an_update_saves_status_progress_and_history_together(client, cast):
    client.force_login(cast.officer)
    response = client.post(update_url(cast.action), form_data(cast.action))
    assert response.status_code == 302
    assert response.url == cast.action.get_absolute_url()
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.AMBER
    assert cast.action.remedial_action == "Extra panel booked for 12 April."
    update = cast.action.progress_updates.get()
    assert (update.author, update.status) == (cast.officer, BRAG.AMBER)
    record = cast.action.history.latest()
    assert record.history_user == cast.officer
    assert record.history_change_reason == "Two panel dates moved; audit starts in April."


@pytest.mark.django_db
def test_the_progress_narrative_is_required(client, cast):
    client.force_login(cast.officer)
    response = client.post(update_url(cast.action), form_data(cast.action, narrative="  "))
    html = response.content.decode()
    assert response.status_code == 200
    assert error_beside(html, "id_narrative") == "Describe the progress made since the last update"
    assert "There is a problem" in html
    assert "<title>Error: Update action 2.1.1" in html
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.GREEN and not cast.action.progress_updates.exists()


@pytest.mark.django_db
def test_amber_without_the_issue_shows_the_rule_beside_the_field(client, cast):
    client.force_login(cast.officer)
    response = client.post(update_url(cast.action), form_data(cast.action, remedial_action=""))
    assert response.status_code == 200
    assert "needs the issue and what is being done about it" in error_beside(
        response.content.decode(), "id_remedial_action"
    )
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.GREEN


@pytest.mark.django_db
def test_an_impossible_date_is_refused_beside_the_field_and_what_was_typed_stays(client, cast):
    client.force_login(cast.lead)
    data = form_data(
        cast.action,
        status=BRAG.BLUE,
        completed_date_day="31",
        completed_date_month="2",
        completed_date_year="2019",
        evidence="Panel minutes",
    )
    response = client.post(update_url(cast.action), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert error_beside(html, "id_completed_date").startswith("Date completed must be a real date")
    assert 'name="completed_date_day" type="text" inputmode="numeric" value="31"' in html
    assert 'name="completed_date_month" type="text" inputmode="numeric" value="2"' in html
    assert "Two panel dates moved; audit starts in April." in html
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.GREEN


@pytest.mark.django_db
def test_a_date_in_the_wrong_format_is_refused_beside_the_field(client, cast):
    client.force_login(cast.lead)
    data = form_data(
        cast.action,
        status=BRAG.BLUE,
        completed_date_day="first",
        completed_date_month="March",
        completed_date_year="19",
        evidence="Panel minutes",
    )
    html = client.post(update_url(cast.action), data).content.decode()
    assert error_beside(html, "id_completed_date").startswith("Date completed must be a real date")
    assert 'value="March"' in html


@pytest.mark.django_db
def test_a_future_completed_date_is_refused(client, cast):
    client.force_login(cast.lead)
    data = form_data(
        cast.action,
        status=BRAG.BLUE,
        completed_date_day="1",
        completed_date_month="1",
        completed_date_year="2099",
        evidence="Panel minutes",
    )
    html = client.post(update_url(cast.action), data).content.decode()
    assert error_beside(html, "id_completed_date") == "The completed date cannot be in the future."


@pytest.mark.django_db
def test_a_lost_update_is_refused_and_shows_the_other_persons_change(client, cast):
    action = cast.action
    opened_at = action.version
    client.force_login(cast.lead)
    client.post(
        update_url(action),
        form_data(
            action, status=BRAG.RED, narrative="Panel cancelled twice", remedial_action="Escalated"
        ),
    )
    client.force_login(cast.officer)
    response = client.post(
        update_url(action),
        form_data(action, version=opened_at, narrative="My stale update"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Somebody else updated this action while you were editing it" in html
    assert "Leah Lead changed this action" in html
    assert "Panel cancelled twice" in html
    assert "from Green to Red" in html
    assert "My stale update" in html  # what they typed is kept
    action.refresh_from_db()
    assert action.status == BRAG.RED
    assert action.remedial_action == "Escalated"
    assert list(action.progress_updates.values_list("narrative", flat=True)) == [
        "Panel cancelled twice"
    ]


@pytest.mark.django_db
def test_after_a_lost_update_saving_again_applies_the_update(client, cast):
    action = cast.action
    opened_at = action.version
    client.force_login(cast.lead)
    client.post(update_url(action), form_data(action, status=BRAG.RED, remedial_action="Escalated"))
    client.force_login(cast.officer)
    html = client.post(update_url(action), form_data(action, version=opened_at)).content.decode()
    fresh_version = re.search(r'name="version" value="(\d+)"', html).group(1)
    response = client.post(update_url(action), form_data(action, version=fresh_version))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == BRAG.AMBER


@pytest.mark.django_db
def test_a_missing_narrative_and_a_red_without_remedial_action_show_both_errors_at_once(
    client, cast
):
    client.force_login(cast.officer)
    data = form_data(cast.action, status=BRAG.RED, narrative="", remedial_action="")
    response = client.post(update_url(cast.action), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert error_beside(html, "id_narrative") == "Describe the progress made since the last update"
    assert error_beside(html, "id_remedial_action") == (
        "A Red action needs the issue and what is being done about it."
    )
    summary = html[html.index("There is a problem") :]
    assert "Describe the progress made since the last update" in summary
    assert "A Red action needs the issue" in summary
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.GREEN and not cast.action.progress_updates.exists()


@pytest.mark.django_db
def test_a_blue_with_nothing_else_lists_every_missing_field_at_once(client, cast):
    client.force_login(cast.lead)
    data = form_data(cast.action, status=BRAG.BLUE, narrative="", remedial_action="")
    html = client.post(update_url(cast.action), data).content.decode()
    assert error_beside(html, "id_narrative")
    assert error_beside(html, "id_completed_date") == (
        "A Blue (complete) action needs the date it was completed."
    )
    assert error_beside(html, "id_evidence") == (
        "A Blue (complete) action needs evidence of what was done."
    )


@pytest.mark.django_db
def test_a_completed_date_with_amber_is_an_error_and_nothing_is_saved(client, cast):
    client.force_login(cast.lead)
    version, history = cast.action.version, cast.action.history.count()
    data = form_data(
        cast.action,
        status=BRAG.AMBER,
        completed_date_day="1",
        completed_date_month="3",
        completed_date_year="2019",
    )
    response = client.post(update_url(cast.action), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert error_beside(html, "id_completed_date") == (
        "Only a Blue (complete) action has a completed date."
    )
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.GREEN and cast.action.completed_date is None
    assert (cast.action.version, cast.action.history.count()) == (version, history)
    assert not cast.action.progress_updates.exists()


# An update reads the session, the person, the area, their role, the plan and the action, and
# what the status suggestion asks (the last update's date; a Green action's measures), then
# in its transaction locks the action (with what its rules read through relations) and writes
# the action, its history row, the month-end snapshot and the progress update. Fields the
# update leaves alone are not checked against the database again, nor the check constraints
# clean() has just checked (Action.CHECKS_IN_CLEAN).
UPDATE_POST_MAX_QUERIES = 15


@pytest.mark.django_db
def test_an_update_costs_a_fixed_number_of_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.officer)
    with django_assert_max_num_queries(UPDATE_POST_MAX_QUERIES):
        response = client.post(update_url(cast.action), form_data(cast.action))
    assert response.status_code == 302
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.AMBER


@pytest.mark.django_db
def test_a_changed_reference_is_still_checked_against_the_plan(cast):
    from django.core.exceptions import ValidationError

    from actions.services import action_update
    from tests.factories import ActionFactory

    other = ActionFactory(plan=cast.plan, workstream=cast.workstream, reference="2.1.2")
    with pytest.raises(ValidationError) as refused:
        action_update(
            action=cast.action, actor=cast.manager, reason="Renumbered", reference=other.reference
        )
    assert "already exists" in str(refused.value)
    cast.action.refresh_from_db()
    assert cast.action.reference == "2.1.1"
