"""The round's records are evidence: the round settings' history and the notices refuse
UPDATE, DELETE and TRUNCATE, like the rest of the audit trail."""

from django.db import migrations

from wsoa.lib.audit import (
    RunSQLOnPostgreSQL,
    append_only_triggers_sql,
    drop_append_only_triggers_sql,
)

# Installed by actions 0005_append_only_audit_trail.
FUNCTION = "actions_audit_trail_is_append_only"
TABLES = ["rounds_historicalroundsettings", "rounds_roundnotice"]


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0005_append_only_audit_trail"),
        ("rounds", "0001_round_settings_and_notices"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql=append_only_triggers_sql(FUNCTION, TABLES),
            reverse_sql=drop_append_only_triggers_sql(TABLES),
        ),
    ]
