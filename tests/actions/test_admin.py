import pytest
from django.contrib import admin
from django.urls import reverse

from actions.models import BRAG
from tests.factories import ActionFactory, UserFactory


@pytest.fixture
def admin_client(client, db):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    return client


@pytest.mark.django_db
def test_every_model_has_an_admin_list_that_opens(admin_client):
    ActionFactory()
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_action_history_opens_in_the_admin(admin_client):
    action = ActionFactory()
    response = admin_client.get(reverse("admin:actions_action_history", args=[action.pk]))
    assert response.status_code == 200


def _form_data(action, **changes):
    data = {
        "plan": action.plan_id,
        "reference": action.reference,
        "title": action.title,
        "description": "",
        "weakness": action.weakness_id,
        "commitment": "",
        "workstream": action.workstream_id,
        "lead": "",
        "lead_role": action.lead_role,
        "lead_organisation": action.lead_organisation,
        "start_date": action.start_date.isoformat(),
        "due_date": action.due_date.isoformat(),
        "status": action.status,
        "completed_date": "",
        "success_measure": "",
        "evidence": "",
        "remedial_action": "",
        "public_summary": "",
        "change_reason": "",
        "progress_updates-TOTAL_FORMS": "0",
        "progress_updates-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_admin_status_change_needs_a_reason(admin_client):
    action = ActionFactory()
    url = reverse("admin:actions_action_change", args=[action.pk])
    response = admin_client.post(url, _form_data(action, status=BRAG.GREEN))
    assert response.status_code == 200
    assert "Say why the status changed." in response.content.decode()
    action.refresh_from_db()
    assert action.status == BRAG.WHITE


@pytest.mark.django_db
def test_admin_status_change_with_a_reason_is_recorded_with_the_user(admin_client):
    action = ActionFactory()
    url = reverse("admin:actions_action_change", args=[action.pk])
    response = admin_client.post(
        url, _form_data(action, status=BRAG.GREEN, change_reason="Kick-off meeting held")
    )
    assert response.status_code == 302
    newest = action.history.latest()
    assert newest.status == BRAG.GREEN
    assert newest.history_change_reason == "Kick-off meeting held"
    assert newest.history_user.username == "root"


@pytest.mark.django_db
def test_admin_applies_the_brag_rules_beside_the_field(admin_client):
    action = ActionFactory()
    url = reverse("admin:actions_action_change", args=[action.pk])
    response = admin_client.post(url, _form_data(action, status=BRAG.RED, change_reason="Late"))
    assert response.status_code == 200
    assert "A Red action needs the issue and what is being done about it." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_the_admin_shows_a_completion_proposal_but_cannot_forge_one(admin_client):
    action = ActionFactory()
    url = reverse("admin:actions_action_change", args=[action.pk])
    html = admin_client.get(url).content.decode()
    assert "Completion proposed by" in html
    assert 'name="completion_proposed_by"' not in html
    proposer = UserFactory(username="forger")
    admin_client.post(url, _form_data(action, completion_proposed_by=proposer.pk))
    action.refresh_from_db()
    assert action.completion_proposed_by is None
