"""The audit trail is evidence: once written, nobody short of a superuser can change it."""

import datetime as dt
import importlib
import io
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ProtectedError
from django.utils import timezone

from actions import services
from actions.models import BRAG, Action, Membership, ProgressUpdate
from inspections.models import AreaOfWeakness
from tests.factories import (
    ActionFactory,
    AreaOfWeaknessFactory,
    MembershipFactory,
    UserFactory,
    WorkstreamFactory,
)
from wsoa.lib.audit import (
    ROW_TRIGGER,
    TRUNCATE_TRIGGER,
    TrackedQuerySet,
    UnauditedWriteError,
    audit_trail_tables,
    bulk_writes_with_history,
    tracked_bulk_create,
    tracked_bulk_update,
)

# Roles belong to the whole server: a name of this run's own, created and dropped inside the
# test's transaction.
OWNER = f"audit_test_owner_{os.getpid()}"
APP = f"audit_test_app_{os.getpid()}"


def run(sql: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def scalar(sql: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@contextmanager
def refused(error=IntegrityError, match="append-only"):
    """The statement fails, and the test's transaction carries on after it."""
    with pytest.raises(error, match=match), transaction.atomic():
        yield


@pytest.fixture
def recorded(db):
    """An action changed by an officer, with its history rows and a progress update."""
    officer = UserFactory(username="officer")
    action = ActionFactory(lead=officer)
    services.action_change_status(
        action=action,
        actor=officer,
        status=BRAG.AMBER,
        reason="Recruitment slipped",
        narrative="Two posts still vacant",
        remedial_action="Agency cover agreed",
    )
    MembershipFactory(user=officer, local_area=action.plan.local_area)
    return action


@pytest.fixture
def as_owner(recorded):
    """Statements run as a plain role (no superuser) that owns every table, as the role of a
    one-role deployment does."""
    run(f"CREATE ROLE {OWNER} NOSUPERUSER NOLOGIN")
    # Foreign keys are checked at commit; ALTER TABLE needs no such check pending.
    run("SET CONSTRAINTS ALL IMMEDIATE")
    for table in connection.introspection.table_names():
        run(f'ALTER TABLE "{table}" OWNER TO {OWNER}')
    run(f"SET LOCAL ROLE {OWNER}")
    yield
    run("RESET ROLE")


AUDIT_STATEMENTS = [
    "UPDATE actions_historicalaction SET status = 'green'",
    "UPDATE actions_historicalaction SET history_change_reason = 'Nothing happened'",
    "DELETE FROM actions_historicalaction",
    "TRUNCATE actions_historicalaction",
    "TRUNCATE actions_historicalaction CASCADE",
    "UPDATE actions_progressupdate SET narrative = 'Rewritten'",
    "DELETE FROM actions_progressupdate",
    "TRUNCATE actions_progressupdate CASCADE",
    "UPDATE actions_historicalmembership SET role = 'programme_manager'",
    "DELETE FROM actions_historicalmembership",
    "UPDATE inspections_historicalareaofweakness SET finding = 'Rewritten'",
    "DELETE FROM inspections_historicalinspection",
    "TRUNCATE inspections_historicalinspection",
]


@pytest.mark.parametrize("statement", AUDIT_STATEMENTS)
def test_the_table_owner_cannot_change_or_remove_the_audit_trail(as_owner, statement):
    assert scalar("SELECT current_user") == OWNER
    before = scalar("SELECT count(*) FROM actions_historicalaction")
    with refused():
        run(statement)
    assert scalar("SELECT count(*) FROM actions_historicalaction") == before


def test_the_table_owner_cannot_switch_the_triggers_off_for_a_session(as_owner):
    with refused(ProgrammingError, match="permission denied"):
        run("SET session_replication_role = replica")


def test_the_table_owner_still_adds_to_the_audit_trail_and_changes_ordinary_tables(as_owner):
    run("UPDATE actions_action SET title = 'Retitled'")
    run(
        "INSERT INTO actions_progressupdate (action_id, date, narrative, status, created_at) "
        "SELECT id, current_date, 'Added', status, now() FROM actions_action"
    )


def test_every_audit_table_has_both_triggers_switched_on(db):
    rows = set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname IN (%s, %s) AND t.tgenabled = 'O'",
            [ROW_TRIGGER, TRUNCATE_TRIGGER],
        )
        rows = set(cursor.fetchall())
    expected = {
        (t, trigger) for t in audit_trail_tables() for trigger in (ROW_TRIGGER, TRUNCATE_TRIGGER)
    }
    assert rows == expected


def test_the_migrations_guard_every_history_table_and_progress_updates():
    guarded = set()
    # Every migration that installs append-only triggers names its tables in TABLES.
    for app in ("actions", "inspections", "rounds", "measures", "papers", "voice"):
        directory = Path(importlib.import_module(f"{app}.migrations").__file__).parent
        for path in sorted(directory.glob("[0-9]*.py")):
            module = importlib.import_module(f"{app}.migrations.{path.stem}")
            guarded |= set(getattr(module, "TABLES", ()))
    tables = set(audit_trail_tables())
    assert {"actions_progressupdate", "actions_historicalmembership"} <= tables
    assert guarded == tables


@pytest.mark.django_db(transaction=True)
def test_the_documented_superuser_procedure_corrects_a_history_row(recorded):
    assert scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    row = recorded.history.latest()
    # docs/audit-trail.md: one transaction, triggers off for it alone.
    with transaction.atomic():
        run("SET LOCAL session_replication_role = replica")
        run(
            "UPDATE actions_historicalaction SET history_change_reason = %s WHERE history_id = %s",
            ["Recruitment slipped (corrected)", row.history_id],
        )
    assert recorded.history.latest().history_change_reason == "Recruitment slipped (corrected)"
    assert scalar("SHOW session_replication_role") == "origin"
    with refused():
        run("DELETE FROM actions_historicalaction WHERE history_id = %s", [row.history_id])


# --- the running service's role -----------------------------------------------------------


@pytest.fixture
def as_app(recorded):
    run(f"CREATE ROLE {APP} NOSUPERUSER NOLOGIN")
    call_command("grant_app_role", APP, stdout=io.StringIO())
    run(f"SET LOCAL ROLE {APP}")
    yield
    run("RESET ROLE")


def test_the_app_role_does_what_the_service_does(as_app, recorded):
    officer = recorded.lead
    services.action_change_status(
        action=recorded,
        actor=officer,
        status=BRAG.GREEN,
        reason="Posts filled",
        narrative="Both posts filled",
    )
    assert recorded.history.latest().history_change_reason == "Posts filled"
    assert ProgressUpdate.objects.filter(action=recorded).count() == 2


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE actions_historicalaction SET status = 'green'",
        "DELETE FROM actions_progressupdate",
        "TRUNCATE actions_historicalmembership",
        "ALTER TABLE actions_historicalaction DISABLE TRIGGER " + ROW_TRIGGER,
        "DROP TRIGGER " + ROW_TRIGGER + " ON actions_historicalaction",
        "INSERT INTO django_migrations (app, name, applied) VALUES ('actions', 'x', now())",
    ],
)
def test_the_app_role_cannot_touch_the_audit_trail_or_its_triggers(as_app, statement):
    with refused(ProgrammingError, match="permission denied|must be owner"):
        run(statement)


# --- bulk writes --------------------------------------------------------------------------


def test_update_of_a_tracked_field_outside_the_services_is_refused(recorded):
    with pytest.raises(UnauditedWriteError, match="status"):
        Action.objects.filter(pk=recorded.pk).update(status=BRAG.RED)
    recorded.refresh_from_db()
    assert recorded.status == BRAG.AMBER


def test_bulk_update_of_a_tracked_field_is_refused(recorded):
    recorded.status = BRAG.RED
    with pytest.raises(UnauditedWriteError):
        Action.objects.bulk_update([recorded], ["status"])
    assert Action.objects.get(pk=recorded.pk).status == BRAG.AMBER


def test_bulk_create_of_a_tracked_model_is_refused(recorded):
    copy = Action(
        plan=recorded.plan,
        weakness=recorded.weakness,
        reference="9.9.99",
        title="Made in bulk",
    )
    with pytest.raises(UnauditedWriteError):
        Action.objects.bulk_create([copy])
    assert not Action.objects.filter(reference="9.9.99").exists()


def test_related_managers_refuse_bulk_writes_too(recorded):
    with pytest.raises(UnauditedWriteError):
        recorded.plan.actions.update(status=BRAG.GREEN)
    with pytest.raises(UnauditedWriteError):
        AreaOfWeakness.objects.update(judgement=AreaOfWeakness.Judgement.SUFFICIENT)
    with pytest.raises(UnauditedWriteError):
        Membership.objects.update(role=Membership.Role.PROGRAMME_MANAGER)


def test_a_field_the_history_leaves_out_may_be_updated_in_bulk(recorded):
    moment = timezone.now()
    Action.objects.filter(pk=recorded.pk).update(updated_at=moment)
    assert Action.objects.get(pk=recorded.pk).updated_at == moment


def test_code_that_writes_its_own_history_rows_may_write_in_bulk(recorded):
    with bulk_writes_with_history():
        Action.objects.filter(pk=recorded.pk).update(title="Retitled")
    assert Action.objects.get(pk=recorded.pk).title == "Retitled"
    with pytest.raises(UnauditedWriteError):
        Action.objects.filter(pk=recorded.pk).update(title="Again")


def test_a_bulk_update_through_the_helper_writes_a_history_row_per_object(recorded):
    manager = UserFactory(username="manager")
    actions = [recorded, ActionFactory(plan=recorded.plan)]
    for action in actions:
        action.due_date = dt.date(2019, 6, 30)
    tracked_bulk_update(Action, actions, ["due_date"], actor=manager, reason="Board extended")
    for action in actions:
        newest = action.history.latest()
        assert newest.due_date == dt.date(2019, 6, 30)
        assert (newest.history_user, newest.history_change_reason) == (manager, "Board extended")


def test_a_bulk_create_through_the_helper_writes_a_history_row_per_object(recorded):
    manager = UserFactory(username="manager")
    new = [
        Action(plan=recorded.plan, weakness=recorded.weakness, reference=f"7.{n}", title="New")
        for n in (1, 2)
    ]
    created = tracked_bulk_create(Action, new, actor=manager, reason="Agreed at the Board")
    for action in created:
        row = action.history.get()
        assert (row.history_type, row.history_user, row.history_change_reason) == (
            "+",
            manager,
            "Agreed at the Board",
        )


def test_the_bulk_helpers_need_a_reason_and_apply_the_rules(recorded):
    with pytest.raises(ValidationError, match="Say why"):
        tracked_bulk_update(Action, [recorded], ["title"], actor=None, reason="")
    recorded.status = BRAG.RED
    recorded.remedial_action = ""
    with pytest.raises(ValidationError, match="needs the issue"):
        tracked_bulk_update(Action, [recorded], ["status"], actor=None, reason="Late")
    assert Action.objects.get(pk=recorded.pk).status == BRAG.AMBER


def test_every_tracked_model_uses_the_tracked_queryset():
    tracked = [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
    ]
    assert {model.__name__ for model in tracked} >= {
        "Action",
        "Plan",
        "Membership",
        "Inspection",
        "AreaOfWeakness",
    }
    for model in tracked:
        assert isinstance(model._default_manager.all(), TrackedQuerySet), model


# --- what the evidence rules mean for deleting --------------------------------------------


def test_an_action_with_progress_updates_cannot_be_deleted(recorded):
    with pytest.raises(ProtectedError):
        recorded.delete()


def test_an_action_without_progress_updates_can_be_deleted_and_its_history_stays(db):
    action = ActionFactory()
    action_id = action.pk
    action.delete()
    assert [row.history_type for row in Action.history.filter(id=action_id)] == ["-", "+"]


def test_a_person_on_record_cannot_be_deleted_only_deactivated(recorded):
    officer = recorded.lead
    with refused():
        officer.delete()
    officer.is_active = False
    officer.save()


def test_deleting_a_person_who_never_acted_still_works(db):
    person = UserFactory()
    WorkstreamFactory()
    AreaOfWeaknessFactory()
    person.delete()


# --- the migrations -----------------------------------------------------------------------


def guard_count() -> int:
    return scalar(
        "SELECT count(*) FROM pg_trigger WHERE tgname IN (%s, %s)", [ROW_TRIGGER, TRUNCATE_TRIGGER]
    )


def test_the_migrations_reverse_and_apply_again(db):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    everything = 2 * len(audit_trail_tables())
    assert guard_count() == everything

    executor.migrate(
        [
            ("actions", "0004_membership_history_progress_updates_kept"),
            ("inspections", "0001_initial"),
        ]
    )
    assert guard_count() == 0
    assert (
        scalar(
            "SELECT count(*) FROM pg_proc WHERE proname LIKE %s", ["%audit_trail_is_append_only"]
        )
        == 0
    )

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
    assert guard_count() == everything
    with refused():
        run("TRUNCATE actions_historicalaction")


def test_the_migrations_run_on_sqlite_without_triggers(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DEBUG": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Applying actions.0005_append_only_audit_trail... OK" in result.stdout


def test_the_database_check_reports_a_switched_off_trigger(db):
    call_command("check", databases=["default"])
    run(f"ALTER TABLE actions_historicalaction DISABLE TRIGGER {ROW_TRIGGER}")
    with pytest.raises(SystemCheckError, match="actions_historicalaction is not append-only"):
        call_command("check", databases=["default"])
