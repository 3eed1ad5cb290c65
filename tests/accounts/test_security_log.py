"""Each security event is one JSON line on the wsoa.security logger."""

import json
import logging

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.urls import reverse

from actions import services
from actions.models import Membership
from inspections.models import LocalArea
from tests.factories import (
    AreaOfWeaknessFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
)
from tests.spreadsheets.plan_files import import_rows, new_row

Role = Membership.Role


def test_a_line_is_one_json_object_even_when_the_username_holds_a_newline(
    client, db, security_log, caplog
):
    client.post("/accounts/login/", {"username": "x\ny", "password": "wrong"})
    [record] = [r for r in caplog.records if r.name == "wsoa.security"]
    assert "\n" not in record.getMessage()
    assert json.loads(record.getMessage())["username"] == "x\ny"


def test_security_lines_are_logged_whatever_the_log_level(settings):
    assert logging.getLogger("wsoa.security").getEffectiveLevel() == logging.INFO


def test_a_sign_in_is_logged_with_who_and_from_where(client, olu, security_log):
    client.post(
        "/accounts/login/", {"username": "olu", "password": "password"}, REMOTE_ADDR="192.0.2.1"
    )
    [line] = security_log("sign_in")
    assert line == {"event": "sign_in", "user": "olu", "user_id": olu.pk, "ip": "192.0.2.1"}


def test_a_failed_sign_in_is_logged_without_the_password(client, olu, security_log):
    client.post("/accounts/login/", {"username": "olu", "password": "hunter2-secret"})
    [line] = security_log("sign_in_failed")
    assert line["username"] == "olu"
    assert "hunter2" not in json.dumps(security_log())


def test_signing_out_is_logged(client, olu, security_log):
    client.force_login(olu)
    client.post("/accounts/logout/")
    assert security_log("sign_out")[0]["user"] == "olu"


def test_the_address_comes_from_the_proxy_header_when_one_is_named(
    client, olu, security_log, settings
):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    client.post(
        "/accounts/login/",
        {"username": "olu", "password": "password"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
    )
    assert security_log("sign_in")[0]["ip"] == "198.51.100.7"


# --- roles -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_granting_changing_and_removing_a_role_are_logged(olu, security_log):
    area = LocalAreaFactory(slug="sutton")
    membership = MembershipFactory(user=olu, local_area=area, role=Role.OFFICER)
    membership.role = Role.PROGRAMME_MANAGER
    membership.save()
    membership.save()
    membership.delete()
    assert [line["event"] for line in security_log()] == [
        "role_granted",
        "role_changed",
        "role_removed",
    ]
    changed = security_log("role_changed")[0]
    assert changed["role_before"] == "officer" and changed["role"] == "programme_manager"
    assert changed["account"] == "olu" and changed["area"] == "sutton"


@pytest.mark.django_db
def test_a_role_given_in_the_admin_names_who_gave_it(admin_client, admin_user, olu, security_log):
    area = LocalAreaFactory(slug="sutton")
    response = admin_client.post(
        reverse("admin:actions_membership_add"),
        {
            "user": olu.pk,
            "local_area": area.pk,
            "role": Role.BOARD_MEMBER,
            "change_reason": "Appointed to the Board",
        },
    )
    assert response.status_code == 302
    [line] = security_log("role_granted")
    assert line["user"] == admin_user.username
    assert line["account"] == "olu" and line["role"] == "board_member"


@pytest.mark.django_db
def test_making_somebody_a_superuser_is_logged(olu, security_log):
    olu.is_superuser = True
    olu.is_staff = True
    olu.save()
    [line] = security_log("account_changed")
    assert line == {
        "event": "account_changed",
        "account": "olu",
        "is_staff": True,
        "is_superuser": True,
    }


# --- downloads, imports, the admin -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["plan_export_csv", "plan_export_xlsx", "summary_csv"])
def test_every_download_is_logged(client, olu, security_log, name):
    area = LocalAreaFactory(slug="sutton")
    PlanFactory(local_area=area)
    MembershipFactory(user=olu, local_area=area, role=Role.BOARD_MEMBER)
    client.force_login(olu)
    response = client.get(reverse(name, kwargs={"area_slug": "sutton"}))
    assert response.status_code == 200
    [line] = security_log("download")
    assert line["user"] == "olu"
    assert line["path"] == reverse(name, kwargs={"area_slug": "sutton"})
    assert line["file"].startswith("sutton")


@pytest.mark.django_db
def test_a_public_download_by_a_visitor_is_not_a_security_event(client, security_log):
    area = LocalAreaFactory(slug="sutton")
    PlanFactory(local_area=area, is_published=True)
    client.get(reverse("progress:actions_csv", kwargs={"area_slug": "sutton"}))
    assert security_log("download") == []


@pytest.mark.django_db
def test_a_saved_import_is_logged_and_a_dry_run_is_not(olu, security_log):
    plan = PlanFactory()
    AreaOfWeaknessFactory(inspection=plan.inspection, number=1)
    import_rows(plan, [new_row("1.1.1")], actor=olu, file_name="plan.csv", dry_run=True)
    assert security_log("plan_imported") == []
    import_rows(plan, [new_row("1.1.1")], actor=olu, file_name="plan.csv")
    [line] = security_log("plan_imported")
    assert line == {
        "event": "plan_imported",
        "user": "olu",
        "user_id": olu.pk,
        "plan_id": plan.pk,
        "file": "plan.csv",
        "created": 1,
        "updated": 0,
    }


@pytest.mark.django_db
def test_a_change_in_the_admin_is_logged(admin_client, admin_user, security_log):
    response = admin_client.post(
        reverse("admin:inspections_localarea_add"),
        {
            "name": "Kingston",
            "slug": "kingston",
            "council_name": "Royal Borough of Kingston",
            "health_partner_name": "South West London ICB",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    [line] = security_log("admin_change")
    area = LocalArea.objects.get(slug="kingston")
    assert line["user"] == admin_user.username
    assert line["change"] == "added"
    assert line["model"] == "inspections.localarea"
    assert line["object_id"] == str(area.pk)


@pytest.mark.django_db
def test_an_admin_log_entry_is_logged_however_it_is_written(olu, security_log):
    LogEntry.objects.log_actions(olu.pk, [olu], ADDITION, single_object=True)
    assert security_log("admin_change")[0]["model"] == "auth.user"


@pytest.mark.django_db
def test_an_admin_action_on_many_rows_is_logged(admin_client, security_log):
    people = [UserFactory(username=f"p{n}") for n in range(3)]
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [p.pk for p in people],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    [line] = security_log("admin_bulk_action")
    assert line["action"] == "delete_selected" and line["selected"] == 3


@pytest.mark.django_db
def test_ending_and_reopening_a_membership_through_the_services_is_logged_once_each(
    olu, security_log
):
    area = LocalAreaFactory(slug="sutton")
    manager = UserFactory(username="pm")
    MembershipFactory(user=manager, local_area=area, role=Role.PROGRAMME_MANAGER)
    membership = services.membership_create(
        user=olu, local_area=area, role=Role.OFFICER, actor=manager, reason="Joined"
    )
    services.membership_change_role(
        membership=membership, actor=manager, role=Role.BOARD_MEMBER, reason="Board"
    )
    services.membership_end(membership=membership, actor=manager, reason="Left")
    services.membership_create(
        user=olu, local_area=area, role=Role.OFFICER, actor=manager, reason="Back"
    )
    lines = [line for line in security_log() if line.get("account") == "olu"]
    assert [(line["event"], line.get("role")) for line in lines] == [
        ("role_granted", "officer"),
        ("role_changed", "board_member"),
        ("role_removed", None),
        ("role_granted", "officer"),
    ]
    assert lines[2]["role_before"] == "board_member"
