import pytest
from django.urls import reverse

from actions.models import Action, Membership, Plan
from actions.services import action_update
from tests.factories import ActionFactory, LocalAreaFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("progress:publishing", kwargs={"area_slug": "sutton"})


@pytest.fixture
def manager(sutton):
    user = UserFactory(username="manager")
    MembershipFactory(user=user, local_area=sutton["area"], role=Membership.Role.PROGRAMME_MANAGER)
    return user


def form_data(sutton, **changes):
    """The form as the page shows it, with `changes` keyed by action reference."""
    data = {"plan-is_published": "on"} if sutton["plan"].is_published else {}
    for action in Action.objects.filter(plan=sutton["plan"]):
        prefix = f"action-{action.pk}"
        row = {"published": action.published, "public_summary": action.public_summary}
        row.update(changes.get(action.reference, {}))
        data[f"{prefix}-version"] = action.version
        data[f"{prefix}-public_summary"] = row["public_summary"]
        if row["published"]:
            data[f"{prefix}-published"] = "on"
    return data


def test_anonymous_visitor_is_sent_to_sign_in(client, sutton):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_outsider_gets_not_found(client, sutton):
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, local_area=LocalAreaFactory(slug="kingston"))
    client.force_login(outsider)

    assert client.get(URL).status_code == 404


@pytest.mark.parametrize(
    "role", [Membership.Role.OFFICER, Membership.Role.BOARD_MEMBER, Membership.Role.WORKSTREAM_LEAD]
)
def test_member_who_does_not_manage_the_plan_is_refused(client, sutton, role):
    user = UserFactory(username="member")
    MembershipFactory(user=user, local_area=sutton["area"], role=role)
    client.force_login(user)

    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(sutton)).status_code == 403


def test_programme_manager_sees_the_plan_switch_and_every_action(client, sutton, manager):
    ActionFactory(
        plan=sutton["plan"],
        weakness=sutton["weaknesses"][1],
        workstream=sutton["workstream"],
        reference="2.2.2",
        title="Not yet public",
    )
    client.force_login(manager)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Publish this plan&#x27;s progress pages" in response.text
    for reference in ("1.1.1", "1.1.2", "2.1.1", "2.2.2"):
        assert f"Publish action {reference}" in response.text
    assert "Not yet public" in response.text


def test_programme_manager_publishes_an_action_with_its_summary(client, sutton, manager):
    draft = ActionFactory(
        plan=sutton["plan"],
        weakness=sutton["weaknesses"][1],
        workstream=sutton["workstream"],
        reference="2.2.2",
    )
    client.force_login(manager)

    response = client.post(
        URL,
        form_data(sutton, **{"2.2.2": {"published": True, "public_summary": "Now for parents"}}),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.published and draft.public_summary == "Now for parents"
    latest = draft.history.latest()
    assert latest.history_user == manager
    assert latest.history_change_reason == "Published on the progress pages"
    page = client.get(reverse("progress:area", kwargs={"area_slug": "sutton"}))
    assert "Now for parents" in page.text


def test_programme_manager_withdraws_the_whole_plan(client, sutton, manager):
    client.force_login(manager)
    data = form_data(sutton)
    del data["plan-is_published"]

    client.post(URL, data)

    plan = Plan.objects.get(pk=sutton["plan"].pk)
    assert not plan.is_published
    assert plan.history.latest().history_change_reason == "Withdrawn from the progress pages"
    client.logout()
    assert client.get(reverse("progress:area", kwargs={"area_slug": "sutton"})).status_code == 404


def test_publishing_without_a_summary_is_refused_and_nothing_is_saved(client, sutton, manager):
    draft = ActionFactory(
        plan=sutton["plan"],
        weakness=sutton["weaknesses"][1],
        workstream=sutton["workstream"],
        reference="2.2.2",
    )
    client.force_login(manager)

    response = client.post(
        URL,
        form_data(
            sutton,
            **{
                "1.1.1": {"public_summary": "A better summary"},
                "2.2.2": {"published": True, "public_summary": "  "},
            },
        ),
    )

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Action 2.2.2: Write a public summary before publishing this action." in response.text
    draft.refresh_from_db()
    assert not draft.published
    staffing = Action.objects.get(pk=sutton["actions"][0].pk)
    assert staffing.public_summary == "The advice service now has more staff."


def test_an_action_changed_by_someone_else_meanwhile_is_reported_on_its_row(
    client, sutton, manager
):
    client.force_login(manager)
    data = form_data(sutton, **{"1.1.1": {"public_summary": "Mine"}})
    staffing = sutton["actions"][0]
    action_update(action=staffing, actor=manager, reason="Edited elsewhere", title="Changed")

    response = client.post(URL, data)

    assert response.status_code == 200
    assert "Somebody else updated this action" in response.text
    staffing.refresh_from_db()
    assert staffing.public_summary == "The advice service now has more staff."


def test_an_action_published_without_a_summary_does_not_block_other_changes(
    client, sutton, manager
):
    ActionFactory(
        plan=sutton["plan"],
        weakness=sutton["weaknesses"][1],
        workstream=sutton["workstream"],
        reference="2.2.2",
        published=True,
        public_summary="",
    )
    client.force_login(manager)

    response = client.post(URL, form_data(sutton, **{"1.1.1": {"public_summary": "Shorter"}}))

    assert response.status_code == 302
    assert Action.objects.get(reference="1.1.1").public_summary == "Shorter"


def test_the_page_title_starts_with_error_when_a_choice_is_refused(client, sutton, manager):
    client.force_login(manager)
    assert "<title>Publishing:" in client.get(URL).text

    response = client.post(
        URL, form_data(sutton, **{"1.1.1": {"published": True, "public_summary": ""}})
    )

    assert "<title>Error: Publishing: Sutton" in response.text
