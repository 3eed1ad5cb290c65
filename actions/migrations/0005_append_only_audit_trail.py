"""The history tables and progress updates refuse UPDATE, DELETE and TRUNCATE, whoever asks
(PostgreSQL only).

See docs/audit-trail.md for why, and for the deliberate superuser procedure that is the only
way round.
"""

from django.db import migrations

from wsoa.lib.audit import RunSQLOnPostgreSQL, append_only_sql, drop_append_only_sql

FUNCTION = "actions_audit_trail_is_append_only"
TABLES = [
    "actions_historicalaction",
    "actions_historicalcommitment",
    "actions_historicalkeyobjective",
    "actions_historicalmembership",
    "actions_historicalmembership_workstreams",
    "actions_historicalmonitoringvisit",
    "actions_historicalplan",
    "actions_historicalpriority",
    "actions_historicalworkstream",
    "actions_historicalworkstreammember",
    "actions_progressupdate",
]


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_membership_history_progress_updates_kept"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql=append_only_sql(FUNCTION, TABLES),
            reverse_sql=drop_append_only_sql(FUNCTION, TABLES),
        ),
    ]
