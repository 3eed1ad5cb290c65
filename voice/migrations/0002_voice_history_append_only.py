"""The history of the forum's views, "You said, we did" entries and easy-read summaries
refuses UPDATE, DELETE and TRUNCATE, like every audit table."""

from django.db import migrations

from wsoa.lib.audit import (
    RunSQLOnPostgreSQL,
    append_only_triggers_sql,
    drop_append_only_triggers_sql,
)

# Installed by actions 0005_append_only_audit_trail.
FUNCTION = "actions_audit_trail_is_append_only"
TABLES = [
    "voice_historicalforumview",
    "voice_historicalyousaidwedid",
    "voice_historicaleasyreadsummary",
]


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0005_append_only_audit_trail"),
        ("voice", "0001_forum_views_you_said_we_did_easy_read"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql=append_only_triggers_sql(FUNCTION, TABLES),
            reverse_sql=drop_append_only_triggers_sql(TABLES),
        ),
    ]
