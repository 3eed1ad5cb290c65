import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from actions import services
from actions.history import action_history_rows
from actions.models import BRAG

DONE_ON = dt.date(2019, 2, 28)


def update_url(action):
    return reverse("action_update", kwargs={"area_slug": "sutton", "reference": action.reference})


def sign_off_url(action):
    return reverse("action_sign_off", kwargs={"area_slug": "sutton", "reference": action.reference})


def propose(cast):
    return services.action_propose_completion(
        action=cast.action,
        actor=cast.officer,
        completed_date=DONE_ON,
        evidence="Audit of 20 plans, March panel minutes",
        narrative="All new plans are quality assured at panel.",
    )


def blue_form(action, **overrides):
    data = {
        "status": BRAG.BLUE,
        "narrative": "All new plans are quality assured at panel.",
        "remedial_action": "",
        "completed_date_day": "28",
        "completed_date_month": "2",
        "completed_date_year": "2019",
        "evidence": "Audit of 20 plans, March panel minutes",
        "version": action.version,
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_officer_cannot_set_blue_directly(cast):
    with pytest.raises(PermissionDenied):
        services.action_change_status(
            action=cast.action,
            actor=cast.officer,
            status=BRAG.BLUE,
            reason="Done",
            completed_date=DONE_ON,
            evidence="Minutes",
        )
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.GREEN


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["lead", "manager"])
def test_workstream_lead_and_programme_manager_may_set_blue_directly(cast, who):
    services.action_change_status(
        action=cast.action,
        actor=getattr(cast, who),
        status=BRAG.BLUE,
        reason="Done",
        completed_date=DONE_ON,
        evidence="Minutes",
    )
    cast.action.refresh_from_db()
    assert (cast.action.status, cast.action.completed_date) == (BRAG.BLUE, DONE_ON)


@pytest.mark.django_db
def test_lead_of_another_workstream_cannot_set_blue(cast):
    with pytest.raises(PermissionDenied):
        services.action_change_status(
            action=cast.action,
            actor=cast.other_lead,
            status=BRAG.BLUE,
            reason="Done",
            completed_date=DONE_ON,
            evidence="Minutes",
        )


@pytest.mark.django_db
def test_a_proposal_keeps_the_status_and_records_who_proposed(cast):
    propose(cast)
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.GREEN
    assert cast.action.completion_proposed
    assert cast.action.completion_proposed_by == cast.officer
    assert cast.action.proposed_completed_date == DONE_ON
    newest = action_history_rows(cast.action)[0]
    assert newest.who == "Olivia Officer"
    assert newest.reason.startswith("Completion proposed:")


@pytest.mark.django_db
def test_a_proposal_needs_a_completed_date_and_evidence(cast):
    with pytest.raises(ValidationError) as refused:
        services.action_propose_completion(
            action=cast.action,
            actor=cast.officer,
            completed_date=None,
            evidence=" ",
            narrative="Done",
        )
    assert set(refused.value.message_dict) == {"completed_date", "evidence"}
    cast.action.refresh_from_db()
    assert not cast.action.completion_proposed


@pytest.mark.django_db
def test_confirming_makes_the_action_blue_and_the_history_names_both_people(cast):
    propose(cast)
    services.action_confirm_completion(action=cast.action, actor=cast.lead)
    cast.action.refresh_from_db()
    assert (cast.action.status, cast.action.completed_date) == (BRAG.BLUE, DONE_ON)
    assert not cast.action.completion_proposed
    newest = action_history_rows(cast.action)[0]
    assert newest.who == "Leah Lead"
    assert "proposed by Olivia Officer" in newest.reason
    assert "confirmed by Leah Lead" in newest.reason
    assert ("Status", "Green", "Blue") in [(c.label, c.old, c.new) for c in newest.changes]


@pytest.mark.django_db
def test_an_officer_cannot_confirm_a_proposal(cast):
    propose(cast)
    with pytest.raises(PermissionDenied):
        services.action_confirm_completion(action=cast.action, actor=cast.colleague)
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.GREEN


@pytest.mark.django_db
def test_returning_needs_a_reason_and_clears_the_proposal(cast):
    propose(cast)
    with pytest.raises(ValidationError):
        services.action_return_completion(action=cast.action, actor=cast.lead, reason="")
    services.action_return_completion(
        action=cast.action, actor=cast.lead, reason="The audit covers only 5 plans"
    )
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.GREEN
    assert not cast.action.completion_proposed
    newest = action_history_rows(cast.action)[0]
    assert newest.who == "Leah Lead"
    assert newest.reason == "Completion returned to Olivia Officer: The audit covers only 5 plans"
    assert cast.action.progress_updates.first().narrative.endswith("only 5 plans")


@pytest.mark.django_db
def test_nothing_to_confirm_without_a_proposal(cast):
    with pytest.raises(ValidationError):
        services.action_confirm_completion(action=cast.action, actor=cast.lead)


@pytest.mark.django_db
def test_sign_off_end_to_end_through_the_screens(client, cast):
    action = cast.action
    client.force_login(cast.officer)
    response = client.post(update_url(action), blue_form(action))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == BRAG.GREEN and action.completion_proposed

    detail = client.get(action.get_absolute_url())
    assert "Completion proposed" in detail.content.decode()
    assert "Sign off completion" not in detail.content.decode()

    client.force_login(cast.lead)
    queue = client.get(reverse("my_actions")).content.decode()
    assert "Waiting for your sign-off" in queue
    assert sign_off_url(action) in queue
    page = client.get(sign_off_url(action))
    assert "Audit of 20 plans" in page.content.decode()

    response = client.post(
        sign_off_url(action), {"decision": "confirm", "note": "", "version": action.version}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == BRAG.BLUE
    detail = client.get(action.get_absolute_url()).content.decode()
    assert "Completion proposed by Olivia Officer" in detail
    assert "confirmed by Leah Lead" in detail
    assert "Waiting for your sign-off" not in client.get(reverse("my_actions")).content.decode()


@pytest.mark.django_db
def test_a_returned_proposal_goes_back_with_the_leads_reason(client, cast):
    propose(cast)
    action = cast.action
    action.refresh_from_db()
    client.force_login(cast.lead)
    missing_reason = client.post(
        sign_off_url(action), {"decision": "return", "note": "", "version": action.version}
    )
    assert missing_reason.status_code == 200
    assert "Say why the action is not complete yet" in missing_reason.content.decode()
    client.post(
        sign_off_url(action),
        {"decision": "return", "note": "Attach the audit", "version": action.version},
    )
    action.refresh_from_db()
    assert not action.completion_proposed and action.status == BRAG.GREEN
    client.force_login(cast.officer)
    detail = client.get(action.get_absolute_url()).content.decode()
    assert "Completion returned to Olivia Officer: Attach the audit" in detail


@pytest.mark.django_db
def test_a_lead_choosing_blue_in_the_update_form_completes_the_action(client, cast):
    client.force_login(cast.lead)
    response = client.post(update_url(cast.action), blue_form(cast.action))
    assert response.status_code == 302
    cast.action.refresh_from_db()
    assert cast.action.status == BRAG.BLUE and not cast.action.completion_proposed


@pytest.mark.django_db
def test_the_sign_off_page_without_a_proposal_goes_back_to_the_action(client, cast):
    client.force_login(cast.lead)
    response = client.get(sign_off_url(cast.action), follow=True)
    assert response.redirect_chain[-1][0] == cast.action.get_absolute_url()
    assert "No completion of 2.1.1 is waiting for sign-off." in response.content.decode()


@pytest.mark.django_db
def test_an_officer_is_told_their_completion_awaits_the_lead(client, cast):
    client.force_login(cast.officer)
    response = client.post(update_url(cast.action), blue_form(cast.action), follow=True)
    assert "Completion of 2.1.1 proposed." in response.content.decode()
