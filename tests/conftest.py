import pytest

from tests.factories import ActionFactory, PlanFactory, UserFactory


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # The test client speaks plain HTTP, which production redirects to HTTPS; the defaults
    # themselves are checked in tests/wsoa/test_security_settings.py.
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def plan(db):
    return PlanFactory()


@pytest.fixture
def officer(db):
    return UserFactory(username="officer")


@pytest.fixture
def action(plan, officer):
    return ActionFactory(plan=plan, lead=officer)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Tests create many users; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
