import pytest
from django.db import transaction
from django.db.backends.postgresql.operations import DatabaseOperations

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


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test starts with nothing kept: pages cached by one test never answer another's.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(db):
    return PlanFactory()


@pytest.fixture
def officer(db):
    return UserFactory(username="officer")


@pytest.fixture
def action(plan, officer):
    return ActionFactory(plan=plan, lead=officer)


@pytest.fixture(autouse=True, scope="session")
def _flush_through_the_superuser_route():
    """After each transactional test pytest-django empties the database with TRUNCATE, which
    the audit trail's triggers refuse. The test database is a superuser's, so the flush takes
    the documented superuser route (docs/audit-trail.md): `session_replication_role = replica`,
    for the flush's own transaction only. Every test itself runs with the triggers on."""
    plain_flush = DatabaseOperations.execute_sql_flush

    def flush_past_the_triggers(self, sql_list):
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
            plain_flush(self, sql_list)

    DatabaseOperations.execute_sql_flush = flush_past_the_triggers
    yield
    DatabaseOperations.execute_sql_flush = plain_flush
