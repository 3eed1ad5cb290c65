"""Board meetings now keep a history: its table refuses UPDATE, DELETE and TRUNCATE too."""

from django.db import migrations

from wsoa.lib.audit import (
    RunSQLOnPostgreSQL,
    append_only_triggers_sql,
    drop_append_only_triggers_sql,
)

# Installed by 0005_append_only_audit_trail.
FUNCTION = "actions_audit_trail_is_append_only"
TABLES = ["actions_historicalboardmeeting"]


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0006_plan_management_withdrawal_rebaseline_steps"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql=append_only_triggers_sql(FUNCTION, TABLES),
            reverse_sql=drop_append_only_triggers_sql(TABLES),
        ),
    ]
