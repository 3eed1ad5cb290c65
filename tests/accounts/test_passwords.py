import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory


@pytest.mark.parametrize(
    "password, why",
    [
        ("sutton2024", "at least 12 characters"),
        ("password1234", "too common"),
        ("123456789012", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(password, why):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert why in " ".join(refused.value.messages)


@pytest.mark.django_db
def test_a_password_like_the_persons_own_details_is_refused():
    person = UserFactory.build(username="oluadeyemi", first_name="Olu", last_name="Adeyemi")
    with pytest.raises(ValidationError, match="too similar"):
        validate_password("oluadeyemi12", user=person)


def test_a_long_uncommon_password_is_accepted():
    validate_password("correct horse battery staple")


@pytest.mark.django_db
def test_the_admin_refuses_a_short_password(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"username": "newperson", "password1": "sutton2024", "password2": "sutton2024"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
