"""The admin is the operator's: superusers only, saving through the services."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from actions.models import Membership
from inspections.models import Inspection, LocalArea
from tests.factories import LocalAreaFactory, MembershipFactory, UserFactory


@pytest.fixture
def operator(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.mark.django_db
def test_a_staff_member_with_every_model_permission_is_refused(client):
    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.all())
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_a_programme_manager_with_a_staff_flag_is_refused_and_sees_no_admin_link(client):
    manager = UserFactory(username="pm", is_staff=True)
    MembershipFactory(user=manager, role="programme_manager")
    client.force_login(manager)
    assert client.get("/admin/").status_code == 302
    assert 'href="/admin/"' not in client.get("/accessibility/").content.decode()


@pytest.mark.django_db
def test_a_superuser_opens_the_admin_and_sees_its_link(client, operator):
    client.force_login(operator)
    assert client.get("/admin/").status_code == 200
    assert 'href="/admin/"' in client.get("/accessibility/").content.decode()


@pytest.mark.django_db
def test_the_add_inspection_page_opens_for_a_superuser(client, operator):
    client.force_login(operator)
    assert client.get(reverse("admin:inspections_inspection_add")).status_code == 200


@pytest.mark.django_db
def test_adding_an_inspection_in_the_admin_records_who_and_why(client, operator):
    area = LocalAreaFactory(slug="sutton")
    client.force_login(operator)
    response = client.post(
        reverse("admin:inspections_inspection_add"),
        {
            "local_area": area.pk,
            "framework": Inspection.Framework.SEND_2016,
            "kind": Inspection.Kind.INITIAL,
            "start_date": "2018-01-22",
            "end_date": "2018-01-26",
            "outcome": "",
            "change_reason": "Entered from the letter",
            "weaknesses-TOTAL_FORMS": "0",
            "weaknesses-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = Inspection.objects.get().history.get()
    assert (record.history_user, record.history_change_reason) == (
        operator,
        "Entered from the letter",
    )


@pytest.mark.django_db
def test_a_bad_inspection_in_the_admin_is_refused_beside_the_field(client, operator):
    area = LocalAreaFactory(slug="sutton")
    client.force_login(operator)
    response = client.post(
        reverse("admin:inspections_inspection_add"),
        {
            "local_area": area.pk,
            "framework": Inspection.Framework.SEND_2016,
            "kind": Inspection.Kind.INITIAL,
            "start_date": "2018-01-26",
            "end_date": "2018-01-22",
            "weaknesses-TOTAL_FORMS": "0",
            "weaknesses-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert not Inspection.objects.exists()


@pytest.mark.django_db
def test_the_admin_deletes_nothing_and_reverts_no_history(client, operator):
    area = LocalAreaFactory(slug="sutton")
    client.force_login(operator)
    response = client.post(reverse("admin:inspections_localarea_delete", args=[area.pk]))
    assert response.status_code == 403
    assert LocalArea.objects.filter(pk=area.pk).exists()
    membership = MembershipFactory(local_area=area)
    assert (
        client.post(reverse("admin:actions_membership_delete", args=[membership.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("admin:actions_membership_change", args=[membership.pk])).status_code
        == 200
    )  # to read
    # A role changes only through the membership service, with a reason.
    response = client.post(
        reverse("admin:actions_membership_change", args=[membership.pk]),
        {"role": "board_member"},
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).role == Membership.Role.OFFICER
    assert membership.history.count() == 1
