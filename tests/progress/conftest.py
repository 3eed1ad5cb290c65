import pytest

from tests.scenarios import build_sutton


@pytest.fixture
def sutton(db):
    """A published plan with two weaknesses, a revisit, commitments, objectives and visits."""
    return build_sutton()
