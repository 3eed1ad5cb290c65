"""The oversight history is evidence too: its table refuses UPDATE, DELETE and TRUNCATE."""

from django.db import migrations

from wsoa.lib.audit import (
    RunSQLOnPostgreSQL,
    append_only_triggers_sql,
    drop_append_only_triggers_sql,
)

# Installed by 0002_append_only_audit_trail.
FUNCTION = "inspections_audit_trail_is_append_only"
TABLES = ["inspections_historicaloversight"]


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0003_oversight"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql=append_only_triggers_sql(FUNCTION, TABLES),
            reverse_sql=drop_append_only_triggers_sql(TABLES),
        ),
    ]
