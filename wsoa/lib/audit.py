"""The audit trail: which tables are append-only, and the guard on bulk writes to tracked models.

Tracked models (those with a simple-history `history`) record every change as a history row
when saved one at a time. `QuerySet.update()`, `bulk_update()` and `bulk_create()` skip `save()`
and would change them with no history row, so `TrackedQuerySet` refuses them unless the caller
writes the history rows itself and says so with `bulk_writes_with_history()`, as
`tracked_bulk_create()` and `tracked_bulk_update()` do.

In PostgreSQL the audit tables themselves refuse UPDATE, DELETE and TRUNCATE (triggers
installed by the migrations through `RunSQLOnPostgreSQL` and `append_only_sql`); see
docs/audit-trail.md.
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.apps import apps
from django.core.checks import CheckMessage, Error
from django.core.exceptions import ValidationError
from django.db import connections, migrations, models, transaction
from django.db.migrations.executor import MigrationExecutor
from simple_history.models import HistoricalChanges
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

_history_written_by_caller: ContextVar[bool] = ContextVar(
    "history_written_by_caller", default=False
)


class UnauditedWriteError(RuntimeError):
    """A bulk write would change a tracked model without a history row."""


@contextmanager
def bulk_writes_with_history() -> Iterator[None]:
    """Allow update(), bulk_update() and bulk_create() on tracked models inside the block.

    Only for code that writes the matching history rows itself, with who and why.
    """
    token = _history_written_by_caller.set(True)
    try:
        yield
    finally:
        _history_written_by_caller.reset(token)


def tracked_field_names(model: type[models.Model]) -> set[str]:
    """The fields of `model` its history records."""
    # simple-history adds this attribute to the model's options, which the stubs do not know.
    manager_name = model._meta.simple_history_manager_attribute  # type: ignore[attr-defined]
    history = getattr(model, manager_name).model
    return {field.name for field in history.tracked_fields}


_M = TypeVar("_M", bound=models.Model)


class TrackedQuerySet(models.QuerySet[_M]):
    """The default queryset of every model with a history: bulk writes need an allowance."""

    def update(self, **kwargs):
        self._refuse_unaudited("update()", kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        self._refuse_unaudited("bulk_update()", fields)
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def bulk_create(self, objs, *args, **kwargs):
        self._refuse_unaudited("bulk_create()", None)
        return super().bulk_create(objs, *args, **kwargs)

    def _refuse_unaudited(self, method: str, fields: Iterable[str] | None) -> None:
        if _history_written_by_caller.get():
            return
        tracked = tracked_field_names(self.model)
        if fields is None:
            touched = tracked
        else:
            touched = {self.model._meta.get_field(name).name for name in fields} & tracked
        if touched:
            raise UnauditedWriteError(
                f"{self.model.__name__}.objects.{method} would change {', '.join(sorted(touched))} "
                "without a history row. Save through the service, or write the history rows "
                "yourself inside wsoa.lib.audit.bulk_writes_with_history()."
            )


def tracked_bulk_create(
    model: type[models.Model], objs: list, *, actor, reason: str, batch_size: int = 500
) -> list:
    """bulk_create for a tracked model, with a history row per object naming who and why."""
    reason = required_reason(reason, "Say why these are being changed.")
    with transaction.atomic(), bulk_writes_with_history():
        for obj in objs:
            obj.full_clean()
        return bulk_create_with_history(
            objs, model, batch_size=batch_size, default_user=actor, default_change_reason=reason
        )


def tracked_bulk_update(
    model: type[models.Model],
    objs: list,
    fields: list[str],
    *,
    actor,
    reason: str,
    batch_size: int = 500,
) -> int:
    """bulk_update for a tracked model, with a history row per object naming who and why.

    The history rows record the objects as given, so give them as loaded with only `fields`
    changed; the rows are locked first, as the one-at-a-time services lock theirs.
    """
    reason = required_reason(reason, "Say why these are being changed.")
    with transaction.atomic(), bulk_writes_with_history():
        list(model._default_manager.select_for_update().filter(pk__in=[o.pk for o in objs]))
        for obj in objs:
            obj.full_clean()
        return bulk_update_with_history(
            objs,
            model,
            fields,
            batch_size=batch_size,
            default_user=actor,
            default_change_reason=reason,
        )


def required_reason(reason: str, message: str = "Say why you are making this change.") -> str:
    """The reason for a change, stripped; refused with `message` when blank: the history
    must say why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


def save_with_history(
    instance: Any, *, actor: Any, reason: str, at: dt.datetime | None = None
) -> None:
    """Save `instance` with one history row naming who (`actor`) and why (`reason`), dated
    `at` when given (a backdated change), else now."""
    instance._history_user = actor
    instance._change_reason = reason
    if at is not None:
        instance._history_date = at
    try:
        instance.save()
    finally:
        del instance._change_reason
        instance.__dict__.pop("_history_date", None)


def audit_trail_models() -> list[type[models.Model]]:
    """Every model whose table is append-only: the history tables (with their many-to-many
    snapshots) and models that declare `append_only = True`."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
        or _is_m2m_history(model)
        or model.__dict__.get("append_only", False)
    ]


def _is_m2m_history(model: type[models.Model]) -> bool:
    # simple-history's many-to-many snapshot models point at their history row as `history`.
    field = next((f for f in model._meta.fields if f.name == "history"), None)
    # A loaded model's relation points at a class; the stubs also allow the unresolved "self".
    related = field.related_model if field else None
    return isinstance(related, type) and issubclass(related, HistoricalChanges)


def audit_trail_tables() -> list[str]:
    return sorted(model._meta.db_table for model in audit_trail_models())


# --- PostgreSQL triggers ---------------------------------------------------------------------

ROW_TRIGGER = "audit_trail_no_update_or_delete"
TRUNCATE_TRIGGER = "audit_trail_no_truncate"


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """RunSQL on PostgreSQL; nothing on other databases (the demo's SQLite has no triggers)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def append_only_sql(function: str, tables: Iterable[str]) -> str:
    """A trigger function refusing the change, and its triggers on each table.

    Row triggers, not statement triggers, for UPDATE and DELETE: a statement that touches no
    audit row (deleting a user who never acted sets nothing to NULL) goes through.
    """
    return "\n".join([_function_sql(function), append_only_triggers_sql(function, tables)])


def append_only_triggers_sql(function: str, tables: Iterable[str]) -> str:
    """The triggers alone, for audit tables added after `function` was installed."""
    statements = []
    for table in tables:
        statements += [
            f'CREATE TRIGGER {ROW_TRIGGER} BEFORE UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {function}();",
            f'CREATE TRIGGER {TRUNCATE_TRIGGER} BEFORE TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}();",
        ]
    return "\n".join(statements)


def drop_append_only_triggers_sql(tables: Iterable[str]) -> str:
    statements = []
    for table in tables:
        statements += [
            f'DROP TRIGGER IF EXISTS {ROW_TRIGGER} ON "{table}";',
            f'DROP TRIGGER IF EXISTS {TRUNCATE_TRIGGER} ON "{table}";',
        ]
    return "\n".join(statements)


def _function_sql(function: str) -> str:
    return f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % on % is refused.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation',
              HINT = 'History is never changed or deleted; see docs/audit-trail.md.';
END;
$$;"""


def drop_append_only_sql(function: str, tables: Iterable[str]) -> str:
    return "\n".join(
        [drop_append_only_triggers_sql(tables), f"DROP FUNCTION IF EXISTS {function}();"]
    )


def check_audit_trail_guarded(app_configs=None, databases=None, **kwargs) -> list[CheckMessage]:
    """`manage.py check --database default`: every audit table's triggers are there and on.

    Only the tables' owner or a superuser can drop or disable them; this makes it visible.
    A database with migrations still to apply is left to `migrate`, which installs them.
    """
    errors: list[CheckMessage] = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname IN (%s, %s) AND t.tgenabled IN ('O', 'A') "
                "AND c.relnamespace = to_regnamespace(current_schema())",
                [ROW_TRIGGER, TRUNCATE_TRIGGER],
            )
            guarded = set(cursor.fetchall())
        for table in audit_trail_tables():
            for trigger in (ROW_TRIGGER, TRUNCATE_TRIGGER):
                if (table, trigger) not in guarded:
                    errors.append(
                        Error(
                            f"The audit table {table} is not append-only: its trigger "
                            f"{trigger} is missing or disabled.",
                            hint="Run migrate, or ENABLE TRIGGER; see docs/audit-trail.md.",
                            id="wsoa.E001",
                        )
                    )
    return errors
