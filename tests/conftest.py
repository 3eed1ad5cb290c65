import pytest

from tests.factories import ActionFactory, PlanFactory, UserFactory


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
