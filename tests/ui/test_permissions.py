"""Every permission predicate, for every kind of person."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from actions import permissions
from actions.selectors import current_plan
from tests.factories import (
    ActionFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
    WorkstreamFactory,
)
from tests.ui.conftest import Role

AREA_TABLE = {
    # person: (can_view_area, can_view_dashboard, can_manage_plan)
    "anonymous": (False, False, False),
    "officer": (True, True, False),
    "lead": (True, True, False),
    "board": (True, True, False),
    "manager": (True, True, True),
    "outsider": (False, False, False),
    "superuser": (True, True, True),
}

ACTIONS = ("officers", "in_leads_workstream", "led_by_lead_elsewhere", "someone_elses")
ALL, NONE = set(ACTIONS), set()

# person: (may view, may update, may set Blue directly / confirm completion)
ACTION_TABLE = {
    "anonymous": (NONE, NONE, NONE),
    "officer": (ALL, {"officers"}, NONE),
    "lead": (
        ALL,
        {"in_leads_workstream", "led_by_lead_elsewhere"},
        {"in_leads_workstream"},
    ),
    "board": (ALL, NONE, NONE),
    "manager": (ALL, ALL, ALL),
    "outsider": (NONE, NONE, NONE),
    "superuser": (ALL, ALL, ALL),
}


@pytest.mark.django_db
@pytest.mark.parametrize("person", AREA_TABLE)
def test_area_permissions_follow_the_role_in_that_area(person, people, area):
    user = people[person]
    view, dashboard, manage = AREA_TABLE[person]
    assert permissions.can_view_area(user, area) is view
    assert permissions.can_view_dashboard(user, area) is dashboard
    assert permissions.can_manage_plan(user, area) is manage


@pytest.mark.django_db
@pytest.mark.parametrize("person", ACTION_TABLE)
@pytest.mark.parametrize("action_key", ACTIONS)
def test_action_permissions_follow_the_role_and_what_the_person_leads(
    person, action_key, people, plan_actions
):
    user = people[person]
    action = plan_actions[action_key]
    view, update, blue = ACTION_TABLE[person]
    assert permissions.can_view_action(user, action) is (action_key in view)
    assert permissions.can_update_action(user, action) is (action_key in update)
    assert permissions.can_set_blue_directly(user, action) is (action_key in blue)
    assert permissions.can_confirm_completion(user, action) is (action_key in blue)


@pytest.mark.django_db
@pytest.mark.parametrize("person", ACTION_TABLE)
def test_actions_updatable_by_matches_can_update_action(person, people, plan_actions):
    user = people[person]
    keys = {
        key
        for key, action in plan_actions.items()
        if action in permissions.actions_updatable_by(user)
    }
    assert keys == ACTION_TABLE[person][1]


@pytest.mark.django_db
def test_actions_updatable_by_costs_the_same_queries_however_many_actions(
    people, plan_actions, django_assert_max_num_queries
):
    lead = people["lead"]
    workstream = plan_actions["in_leads_workstream"].workstream
    ActionFactory.create_batch(20, plan=workstream.plan, workstream=workstream)
    permissions.forget_access(lead)
    # Memberships, led workstreams, the actions, and the plan's area once.
    with django_assert_max_num_queries(4):
        actions = list(permissions.actions_updatable_by(lead))
        for action in actions:
            permissions.can_update_action(lead, action)
    assert len(actions) == 22


@pytest.mark.django_db
def test_a_workstream_named_as_led_by_someone_counts_as_theirs(area, people):
    plan = PlanFactory(local_area=area)
    lead = UserFactory(username="wendy")
    MembershipFactory(user=lead, local_area=area, role=Role.WORKSTREAM_LEAD)
    action = ActionFactory(plan=plan, workstream=WorkstreamFactory(plan=plan, lead=lead))
    assert permissions.can_update_action(lead, action)
    assert permissions.can_set_blue_directly(lead, action)


@pytest.mark.django_db
def test_an_officer_named_as_workstream_lead_gets_no_lead_powers(area, people):
    plan = PlanFactory(local_area=area)
    officer = people["officer"]
    action = ActionFactory(plan=plan, workstream=WorkstreamFactory(plan=plan, lead=officer))
    assert not permissions.can_update_action(officer, action)


@pytest.mark.django_db
def test_a_board_member_cannot_update_an_action_they_are_named_lead_of(area, people):
    plan = PlanFactory(local_area=area)
    action = ActionFactory(plan=plan, lead=people["board"])
    assert not permissions.can_update_action(people["board"], action)


@pytest.mark.django_db
def test_an_inactive_superuser_has_no_powers(area, plan_actions):
    retired = UserFactory(username="retired", is_superuser=True, is_active=False)
    assert not permissions.can_view_area(retired, area)
    assert not permissions.can_update_action(retired, plan_actions["officers"])


@pytest.mark.django_db
def test_areas_for_lists_only_the_persons_areas(people, area):
    assert list(permissions.areas_for(people["officer"])) == [area]
    assert area not in permissions.areas_for(people["outsider"])
    assert list(permissions.areas_for(people["anonymous"])) == []
    assert area in permissions.areas_for(people["superuser"])


@pytest.mark.django_db
def test_role_in_gives_the_membership_role_or_none(people, area):
    assert permissions.role_in(people["board"], area) == Role.BOARD_MEMBER
    assert permissions.role_in(people["outsider"], area) is None
    assert permissions.role_in(people["anonymous"], area) is None


# --- view helpers ------------------------------------------------------------------------


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_get_area_for_user_gives_members_their_area(people, area):
    assert permissions.get_area_for_user(_request(people["board"]), "sutton") == area


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["sutton", "no-such-area"])
def test_get_area_for_user_answers_not_found_to_outsiders_and_unknown_areas(people, slug):
    with pytest.raises(Http404):
        permissions.get_area_for_user(_request(people["outsider"]), slug)


@pytest.mark.django_db
def test_get_action_for_user_lets_any_member_read(people, plan_actions):
    action = plan_actions["officers"]
    found = permissions.get_action_for_user(_request(people["board"]), "sutton", action.reference)
    assert found == action


@pytest.mark.django_db
def test_get_action_for_user_refuses_writes_to_read_only_members(people, plan_actions):
    action = plan_actions["officers"]
    with pytest.raises(PermissionDenied):
        permissions.get_action_for_user(
            _request(people["board"]), "sutton", action.reference, write=True
        )


@pytest.mark.django_db
def test_get_action_for_user_gives_the_lead_their_action_to_change(people, plan_actions):
    action = plan_actions["officers"]
    found = permissions.get_action_for_user(
        _request(people["officer"]), "sutton", action.reference, write=True
    )
    assert found == action


@pytest.mark.django_db
def test_get_action_for_user_answers_not_found_to_outsiders(people, plan_actions):
    action = plan_actions["officers"]
    with pytest.raises(Http404):
        permissions.get_action_for_user(_request(people["outsider"]), "sutton", action.reference)


@pytest.mark.django_db
def test_get_action_for_user_answers_not_found_for_an_unknown_reference(people, plan_actions):
    with pytest.raises(Http404):
        permissions.get_action_for_user(_request(people["manager"]), "sutton", "99.99")


@pytest.mark.django_db
def test_get_action_for_user_looks_in_the_current_plan_only(people, plan_actions, area):
    old = plan_actions["officers"]
    newer = PlanFactory(local_area=area, submitted_date=old.plan.submitted_date.replace(year=2024))
    with pytest.raises(Http404):
        permissions.get_action_for_user(_request(people["manager"]), "sutton", old.reference)
    assert current_plan(area) == newer


@pytest.mark.django_db
def test_current_plan_prefers_a_submitted_plan_to_a_draft(area):
    submitted = PlanFactory(local_area=area)
    PlanFactory(local_area=area, submitted_date=None, status="draft")
    assert current_plan(area) == submitted


@pytest.mark.django_db
def test_current_plan_of_an_area_without_plans_is_none():
    assert current_plan(LocalAreaFactory()) is None
