"""Sessions: a new key at sign-in, idle and absolute timeouts, ended when an account is
switched off."""

import datetime as dt
import time

import pytest
from django.contrib.sessions.models import Session

from accounts.middleware import LAST_SEEN, SIGNED_IN_AT


def signed_in(client, person):
    client.post("/accounts/login/", {"username": person.username, "password": "password"})
    assert client.session["_auth_user_id"] == str(person.pk)


def age_session(client, *, signed_in_ago: dt.timedelta, last_seen_ago: dt.timedelta):
    session = client.session
    now = time.time()
    session[SIGNED_IN_AT] = now - signed_in_ago.total_seconds()
    session[LAST_SEEN] = now - last_seen_ago.total_seconds()
    session.save()


def test_signing_in_gives_a_new_session_key(client, olu):
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    signed_in(client, olu)
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_a_session_in_use_stays_signed_in(client, olu):
    signed_in(client, olu)
    age_session(
        client, signed_in_ago=dt.timedelta(hours=11), last_seen_ago=dt.timedelta(minutes=29)
    )
    response = client.get("/accessibility/")
    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(olu.pk)


def test_half_an_hour_without_a_request_signs_the_person_out(client, olu, security_log):
    signed_in(client, olu)
    age_session(client, signed_in_ago=dt.timedelta(hours=1), last_seen_ago=dt.timedelta(minutes=31))
    response = client.get("/accessibility/?x=1")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accessibility/%3Fx%3D1"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used the service for 30 minutes." in page
    [line] = security_log("session_expired")
    assert line["reason"] == "idle" and line["user"] == "olu"


def test_twelve_hours_after_sign_in_the_session_ends_however_busy(client, olu, security_log):
    signed_in(client, olu)
    age_session(
        client, signed_in_ago=dt.timedelta(hours=12, minutes=1), last_seen_ago=dt.timedelta()
    )
    response = client.post("/accessibility/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    page = client.get("/accounts/login/").content.decode()
    assert "You were signed out because you signed in more than 12 hours ago." in page
    assert security_log("session_expired")[0]["reason"] == "absolute"


def test_the_idle_timeout_comes_from_settings(client, olu, settings):
    settings.SESSION_IDLE_TIMEOUT = dt.timedelta(minutes=5)
    signed_in(client, olu)
    age_session(
        client, signed_in_ago=dt.timedelta(minutes=6), last_seen_ago=dt.timedelta(minutes=6)
    )
    assert client.get("/accessibility/").status_code == 302


def test_the_session_cookie_lasts_no_longer_than_the_absolute_timeout(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60


@pytest.mark.django_db
def test_switching_an_account_off_ends_its_sessions(client, olu, security_log):
    signed_in(client, olu)
    other = type(client)()
    signed_in(other, olu)
    olu.is_active = False
    olu.save()
    assert client.get("/accessibility/").wsgi_request.user.is_anonymous
    assert "_auth_user_id" not in client.session
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(olu.pk)
    ]
    [line] = security_log("account_changed")
    assert line == {
        "event": "account_changed",
        "account": "olu",
        "is_active": False,
        "sessions_ended": 2,
    }


@pytest.mark.django_db
def test_switching_an_account_off_in_the_admin_ends_its_sessions(client, admin_client, olu):
    signed_in(client, olu)
    response = admin_client.post(
        f"/admin/auth/user/{olu.pk}/change/",
        {
            "username": "olu",
            "first_name": "Olu",
            "last_name": "Adeyemi",
            "email": "",
            "is_staff": "",
            "is_active": "",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "09:00:00",
            "initial-date_joined_0": "2024-01-01",
            "initial-date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    olu.refresh_from_db()
    assert not olu.is_active
    assert client.get("/accessibility/").wsgi_request.user.is_anonymous


def test_other_people_keep_their_sessions(client, olu, db):
    from tests.factories import UserFactory

    signed_in(client, olu)
    UserFactory(username="retiring").delete()
    bo = UserFactory(username="bo")
    bo.is_active = False
    bo.save()
    assert client.session["_auth_user_id"] == str(olu.pk)
    assert client.get("/accessibility/").wsgi_request.user == olu
