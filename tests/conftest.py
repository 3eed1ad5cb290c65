import pytest

from tests.factories import ActionFactory, PlanFactory, UserFactory


@pytest.fixture
def plan(db):
    return PlanFactory()


@pytest.fixture
def officer(db):
    return UserFactory(username="officer")


@pytest.fixture
def action(plan, officer):
    return ActionFactory(plan=plan, lead=officer)
