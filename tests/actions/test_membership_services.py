"""Roles decide who may do what, so every change to them is in the audit history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions import permissions, services
from actions.models import Membership
from tests.factories import (
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
    WorkstreamFactory,
)

Role = Membership.Role


@pytest.fixture
def plan(db):
    return PlanFactory()


@pytest.fixture
def manager(plan):
    # Only the area's programme manager manages its people.
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, local_area=plan.local_area, role=Role.PROGRAMME_MANAGER)
    return manager


@pytest.mark.django_db
def test_giving_someone_a_role_records_who_and_why(manager, plan):
    officer = UserFactory(username="olivia")
    membership = services.membership_create(
        user=officer,
        local_area=plan.local_area,
        role=Role.OFFICER,
        actor=manager,
        reason="Joined the SEND team",
    )
    row = membership.history.get()
    assert (row.history_type, row.role, row.history_user, row.history_change_reason) == (
        "+",
        Role.OFFICER,
        manager,
        "Joined the SEND team",
    )
    assert permissions.role_in(officer, plan.local_area) == Role.OFFICER


@pytest.mark.django_db
def test_a_role_change_is_one_history_row_with_from_to_who_and_why(manager, plan):
    workstream = WorkstreamFactory(plan=plan)
    membership = MembershipFactory(local_area=plan.local_area, role=Role.OFFICER)
    services.membership_change_role(
        membership=membership,
        actor=manager,
        role=Role.WORKSTREAM_LEAD,
        workstreams=[workstream],
        reason="Leads EHC planning from May",
    )
    newest, previous = membership.history.order_by("-history_date", "-history_id")[:2]
    assert (previous.role, newest.role) == (Role.OFFICER, Role.WORKSTREAM_LEAD)
    assert newest.history_user == manager
    assert newest.history_change_reason == "Leads EHC planning from May"
    assert [w.workstream for w in newest.workstreams.all()] == [workstream]
    assert membership.history.count() == 2
    assert permissions.role_in(membership.user, plan.local_area) == Role.WORKSTREAM_LEAD


@pytest.mark.django_db
def test_a_role_change_needs_a_reason(manager, plan):
    membership = MembershipFactory(local_area=plan.local_area, role=Role.OFFICER)
    with pytest.raises(ValidationError, match="Say why"):
        services.membership_change_role(
            membership=membership, actor=manager, role=Role.PROGRAMME_MANAGER, reason="  "
        )
    membership.refresh_from_db()
    assert membership.role == Role.OFFICER
    assert membership.history.count() == 1


@pytest.mark.django_db
def test_saving_the_same_role_records_nothing(manager, plan):
    membership = MembershipFactory(local_area=plan.local_area, role=Role.BOARD_MEMBER)
    services.membership_change_role(
        membership=membership, actor=manager, role=Role.BOARD_MEMBER, reason="Checked"
    )
    assert membership.history.count() == 1


@pytest.mark.django_db
def test_a_lead_cannot_be_given_another_areas_workstream(manager, plan):
    membership = MembershipFactory(local_area=plan.local_area, role=Role.OFFICER)
    elsewhere = WorkstreamFactory(plan=PlanFactory(local_area=LocalAreaFactory()))
    with pytest.raises(ValidationError, match="same local area"):
        services.membership_change_role(
            membership=membership,
            actor=manager,
            role=Role.WORKSTREAM_LEAD,
            workstreams=[elsewhere],
            reason="Typo",
        )
    assert list(membership.workstreams.all()) == []


@pytest.mark.django_db
def test_taking_someone_out_of_an_area_keeps_their_role_on_record(manager, plan):
    membership = MembershipFactory(local_area=plan.local_area, role=Role.PROGRAMME_MANAGER)
    user, membership_id = membership.user, membership.pk
    services.membership_end(membership=membership, actor=manager, reason="Left the council")
    ended = Membership.objects.get(pk=membership_id)
    assert ended.ended_at is not None and not ended.is_current
    row = Membership.history.filter(id=membership_id).latest()
    assert (row.history_type, row.role, row.history_user, row.history_change_reason) == (
        "~",
        Role.PROGRAMME_MANAGER,
        manager,
        "Left the council",
    )
    assert row.ended_at == ended.ended_at
    assert permissions.role_in(user, plan.local_area) is None


# --- the admin goes through the services --------------------------------------------------


@pytest.fixture
def admin_client(client, db):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    return client


@pytest.mark.django_db
def test_the_admin_needs_a_reason_to_change_a_role(admin_client, plan):
    membership = MembershipFactory(local_area=plan.local_area, role=Role.OFFICER)
    url = reverse("admin:actions_membership_change", args=[membership.pk])
    response = admin_client.post(url, {"role": Role.PROGRAMME_MANAGER, "change_reason": ""})
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == Role.OFFICER


@pytest.mark.django_db
def test_a_role_changed_in_the_admin_is_recorded_with_the_user_and_reason(admin_client, plan):
    workstream = WorkstreamFactory(plan=plan)
    membership = MembershipFactory(local_area=plan.local_area, role=Role.OFFICER)
    url = reverse("admin:actions_membership_change", args=[membership.pk])
    response = admin_client.post(
        url,
        {
            "role": Role.WORKSTREAM_LEAD,
            "workstreams": [workstream.pk],
            "change_reason": "Board minute 12",
        },
    )
    assert response.status_code == 302
    newest = membership.history.latest()
    assert (newest.role, newest.history_user.username, newest.history_change_reason) == (
        Role.WORKSTREAM_LEAD,
        "root",
        "Board minute 12",
    )
    assert list(membership.workstreams.all()) == [workstream]


@pytest.mark.django_db
def test_a_membership_added_in_the_admin_is_on_record_and_not_deleted_there(admin_client, plan):
    person = UserFactory(username="new")
    response = admin_client.post(
        reverse("admin:actions_membership_add"),
        {
            "user": person.pk,
            "local_area": plan.local_area.pk,
            "role": Role.BOARD_MEMBER,
            "change_reason": "Appointed to the Board",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=person)
    # Removing ends a membership, on the area's People page; the admin deletes nothing.
    response = admin_client.post(
        reverse("admin:actions_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.is_current
    rows = Membership.history.filter(id=membership.pk).order_by("history_id")
    assert [(r.history_type, r.history_user.username) for r in rows] == [("+", "root")]
    assert rows[0].history_change_reason == "Appointed to the Board"
