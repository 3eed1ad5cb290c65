"""One-time codes from an authenticator app: optional for everyone, required for programme
managers and superusers when the installation says so."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from actions.models import Membership
from tests.factories import LocalAreaFactory, MembershipFactory, UserFactory


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(client, person, next_url=""):
    response = client.post(
        f"/accounts/login/{'?next=' + next_url if next_url else ''}",
        {"username": person.username, "password": "password", "next": next_url},
    )
    assert client.session["_auth_user_id"] == str(person.pk)
    return response


@pytest.fixture
def manager(db):
    person = UserFactory(username="mo", first_name="Mo", last_name="Manager")
    area = LocalAreaFactory(slug="sutton")
    MembershipFactory(user=person, local_area=area, role=Membership.Role.PROGRAMME_MANAGER)
    return person


@pytest.fixture
def enrolled(olu):
    TOTPDevice.objects.create(user=olu, name="Authenticator app", confirmed=True)
    return olu


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED_FOR_MANAGERS = True


def test_by_default_nobody_is_asked_for_a_code(client, manager):
    sign_in(client, manager)
    assert client.get("/my-actions/").status_code == 200


def test_somebody_with_an_authenticator_is_asked_for_a_code_after_the_password(client, enrolled):
    response = sign_in(client, enrolled, "/my-actions/")
    assert response["Location"] == "/my-actions/"
    response = client.get("/my-actions/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/one-time-code/?next=%2Fmy-actions%2F"


def test_the_code_page_is_a_govuk_form(client, enrolled):
    sign_in(client, enrolled)
    html = client.get("/accounts/one-time-code/").content.decode()
    assert '<h1 class="govuk-heading-l">Enter your one-time code</h1>' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html


def test_the_right_code_lets_the_person_in(client, enrolled, security_log):
    sign_in(client, enrolled)
    device = enrolled.totpdevice_set.get()
    response = client.post(
        "/accounts/one-time-code/", {"code": code_for(device), "next": "/my-actions/"}
    )
    assert response["Location"] == "/my-actions/"
    assert client.get("/my-actions/").status_code == 200
    assert security_log("one_time_code_accepted")[0]["user"] == "olu"


def test_a_wrong_code_is_an_error_beside_the_field(client, enrolled, security_log):
    sign_in(client, enrolled)
    device = enrolled.totpdevice_set.get()
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/one-time-code/", {"code": wrong})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Enter your one-time code – WSoA tracker</title>" in html
    assert "The code is not correct or has expired." in html
    assert client.get("/my-actions/").status_code == 302
    assert security_log("one_time_code_refused")


@pytest.mark.parametrize("typed", ["", "12345", "abcdef", "1234567", "12\x0034"])
def test_a_code_that_is_not_six_numbers_is_an_error(client, enrolled, typed):
    sign_in(client, enrolled)
    response = client.post("/accounts/one-time-code/", {"code": typed})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_a_code_with_spaces_is_accepted(client, enrolled):
    sign_in(client, enrolled)
    code = code_for(enrolled.totpdevice_set.get())
    response = client.post("/accounts/one-time-code/", {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302


def test_the_next_address_must_be_on_this_site(client, enrolled):
    sign_in(client, enrolled)
    code = code_for(enrolled.totpdevice_set.get())
    response = client.post(
        "/accounts/one-time-code/", {"code": code, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_when_required_a_programme_manager_must_set_up_codes_first(client, manager, required):
    sign_in(client, manager)
    response = client.get("/my-actions/")
    assert response["Location"] == "/accounts/one-time-code/set-up/?next=%2Fmy-actions%2F"
    assert client.get("/admin/").status_code == 302


def test_when_required_a_superuser_must_set_up_codes_for_the_admin(client, required, db):
    UserFactory(username="sue", is_staff=True, is_superuser=True)
    client.post("/admin/login/", {"username": "sue", "password": "password"})
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/one-time-code/set-up/")


def test_when_required_an_officer_is_still_not_asked(client, olu, required):
    sign_in(client, olu)
    assert client.get("/my-actions/").status_code == 200


def test_the_set_up_page_shows_the_key_as_text(client, manager, required):
    sign_in(client, manager)
    html = client.get("/accounts/one-time-code/set-up/").content.decode()
    device = manager.totpdevice_set.get(confirmed=False)
    key = re.search(r'<p class="[^"]*app-key" id="key">([A-Z2-7 ]+)</p>', html)[1]
    assert key.replace(" ", "") and len(key.split()[0]) == 4
    assert device.config_url.replace("&", "&amp;") in html
    assert "Programme managers and administrators need a code" in html
    # Reloading shows the same key: the app the person is setting up keeps working.
    assert key in client.get("/accounts/one-time-code/set-up/").content.decode()


def test_setting_up_with_a_right_code_turns_codes_on(client, manager, required, security_log):
    sign_in(client, manager)
    client.get("/accounts/one-time-code/set-up/")
    device = manager.totpdevice_set.get()
    response = client.post(
        "/accounts/one-time-code/set-up/", {"code": code_for(device), "next": "/my-actions/"}
    )
    assert response["Location"] == "/my-actions/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/my-actions/").status_code == 200
    assert security_log("one_time_codes_set_up")[0]["user"] == "mo"


def test_setting_up_with_a_wrong_code_changes_nothing(client, manager, required):
    sign_in(client, manager)
    client.get("/accounts/one-time-code/set-up/")
    response = client.post("/accounts/one-time-code/set-up/", {"code": "000000"})
    assert response.status_code == 400
    assert "The code is not correct." in response.content.decode()
    assert not manager.totpdevice_set.filter(confirmed=True).exists()


def test_anybody_may_set_up_codes_and_then_needs_them(client, olu):
    sign_in(client, olu)
    client.get("/accounts/one-time-code/set-up/")
    device = olu.totpdevice_set.get()
    client.post("/accounts/one-time-code/set-up/", {"code": code_for(device)})
    client.post("/accounts/logout/")
    sign_in(client, olu)
    assert client.get("/my-actions/")["Location"].startswith("/accounts/one-time-code/")


def test_the_set_up_page_of_somebody_already_set_up_says_so(client, enrolled):
    sign_in(client, enrolled)
    client.post("/accounts/one-time-code/", {"code": code_for(enrolled.totpdevice_set.get())})
    html = client.get("/accounts/one-time-code/set-up/").content.decode()
    assert "One-time codes are set up" in html


@pytest.mark.parametrize("url", ["/accounts/one-time-code/", "/accounts/one-time-code/set-up/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url, db):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
