"""A locked Board paper and what was done with it are evidence: their tables refuse UPDATE,
DELETE and TRUNCATE, like the audit history."""

from django.db import migrations

from wsoa.lib.audit import (
    RunSQLOnPostgreSQL,
    append_only_triggers_sql,
    drop_append_only_triggers_sql,
)

# Installed by actions 0005_append_only_audit_trail.
FUNCTION = "actions_audit_trail_is_append_only"
TABLES = ["papers_boardpaper", "papers_paperdecision"]


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0005_append_only_audit_trail"),
        ("papers", "0001_board_papers"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql=append_only_triggers_sql(FUNCTION, TABLES),
            reverse_sql=drop_append_only_triggers_sql(TABLES),
        ),
    ]
