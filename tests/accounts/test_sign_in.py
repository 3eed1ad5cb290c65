import pytest
from django.contrib.auth.views import redirect_to_login
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture
def olu(db):
    return UserFactory(username="olu", first_name="Olu", last_name="Adeyemi")


@pytest.mark.django_db
def test_sign_in_page_is_a_govuk_form(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<h1 class="govuk-heading-l">Sign in</h1>' in html
    assert '<label class="govuk-label" for="id_username">Username</label>' in html
    assert 'class="govuk-input' in html
    assert 'autocomplete="current-password"' in html


def test_sign_in_signs_the_person_in_and_goes_home(client, olu):
    response = client.post("/accounts/login/", {"username": "olu", "password": "password"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(olu.pk)


def test_sign_in_goes_back_to_the_page_asked_for(client, olu):
    response = client.post(
        "/accounts/login/?next=/accessibility/",
        {"username": "olu", "password": "password", "next": "/accessibility/"},
    )
    assert response["Location"] == "/accessibility/"


def test_sign_in_ignores_a_next_address_on_another_site(client, olu):
    response = client.post(
        "/accounts/login/",
        {"username": "olu", "password": "password", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_the_page_asked_for_is_carried_through_the_sign_in_form(client, olu):
    html = client.get("/accounts/login/?next=/accessibility/").content.decode()
    assert '<input type="hidden" name="next" value="/accessibility/">' in html


def test_wrong_password_shows_an_error_summary_and_keeps_the_username(client, olu):
    response = client.post("/accounts/login/", {"username": "olu", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Sign in – WSoA tracker</title>" in html
    assert 'class="govuk-error-summary"' in html
    assert "There is a problem" in html
    assert '<a href="#id_username">Enter a correct username and password.' in html
    assert 'value="olu"' in html
    assert "_auth_user_id" not in client.session


def test_empty_sign_in_says_what_is_missing_beside_each_field(client, db):
    html = client.post("/accounts/login/", {"username": "", "password": ""}).content.decode()
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    assert (
        '<p id="id_username-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> Enter your username</p>'
    ) in html
    assert 'aria-describedby="id_username-error"' in html
    assert "govuk-form-group--error" in html
    assert "govuk-input--error" in html


@pytest.mark.django_db
def test_pages_that_need_sign_in_send_people_to_the_sign_in_page(client, settings):
    assert settings.LOGIN_URL == "login"
    response = redirect_to_login("/my-actions/")
    assert response["Location"] == "/accounts/login/?next=/my-actions/"


def test_an_expired_sign_in_form_explains_nothing_was_saved(olu):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "olu", "password": "password"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your page has expired" in html
    assert "govuk-template__body" in html
