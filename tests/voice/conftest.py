from tests.actions.conftest import Cast, cast  # noqa: F401
