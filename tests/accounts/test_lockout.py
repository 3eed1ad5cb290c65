"""Repeated failed sign-ins pause signing in, for the username from that address and for the
address, and a GOV.UK page says until when."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests.factories import UserFactory

HOME = "192.0.2.10"
OFFICE = "192.0.2.20"


def sign_in(client, username, password, address=HOME):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(client, times, username="olu", address=HOME):
    return [sign_in(client, username, "wrong", address).status_code for _ in range(times)]


def test_ten_wrong_passwords_in_a_row_lock_the_account_from_that_address(client, olu):
    answers = fail(client, 10)
    assert answers[:9] == [200] * 9
    assert answers[9] == 429
    response = sign_in(client, "olu", "password")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_says_plainly_when_to_try_again(client, olu, settings):
    fail(client, 9)
    before = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    response = sign_in(client, "olu", "wrong")
    html = response.content.decode()
    assert response.status_code == 429
    assert "<title>Sign-in is paused – WSoA tracker</title>" in html
    assert '<h1 class="govuk-heading-l">Sign-in is paused</h1>' in html
    assert "There have been 10 attempts in a row" in html
    until = f"{before:%-I:%M}".lower()
    assert f"You can try again after <strong>{until}" in html
    assert "govuk-template__body" in html
    assert "Account locked" not in html


def test_fifty_wrong_passwords_are_not_all_answered(client, olu):
    answers = fail(client, 50)
    assert answers.count(200) == 9
    assert set(answers[9:]) == {429}


def test_the_same_username_from_another_address_can_still_sign_in(client, olu):
    fail(client, 10, address=HOME)
    response = sign_in(client, "olu", "password", address=OFFICE)
    assert response.status_code == 302


def test_ten_failures_from_one_address_lock_that_address_for_everybody(client, olu):
    for number in range(10):
        sign_in(client, f"guess{number}", "wrong")
    assert sign_in(client, "olu", "password").status_code == 429
    assert sign_in(client, "olu", "password", address=OFFICE).status_code == 302


def test_sign_in_works_again_after_the_cool_off(client, olu, settings):
    fail(client, 10)
    earlier = timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=earlier)
    assert sign_in(client, "olu", "password").status_code == 302


def test_a_successful_sign_in_starts_the_count_again(client, olu):
    fail(client, 9)
    assert sign_in(client, "olu", "password").status_code == 302
    client.logout()
    assert fail(client, 9) == [200] * 9


def test_the_failure_limit_comes_from_settings(client, olu, settings):
    settings.AXES_FAILURE_LIMIT = 3
    assert fail(client, 3) == [200, 200, 429]


@pytest.mark.django_db
def test_the_admin_sign_in_is_locked_out_too(client):
    UserFactory(username="sue", is_staff=True, is_superuser=True)
    for _ in range(10):
        client.post("/admin/login/", {"username": "sue", "password": "wrong"}, REMOTE_ADDR=HOME)
    response = client.post(
        "/admin/login/", {"username": "sue", "password": "password"}, REMOTE_ADDR=HOME
    )
    assert response.status_code == 429


def test_a_lockout_is_logged(client, olu, security_log):
    fail(client, 10)
    failures = security_log("sign_in_failed")
    assert len(failures) == 10
    assert failures[0] == {"event": "sign_in_failed", "ip": HOME, "username": "olu"}
    [locked] = security_log("sign_in_locked_out")
    assert locked == {"event": "sign_in_locked_out", "ip": HOME, "username": "olu"}
    assert "wrong" not in str(security_log())
