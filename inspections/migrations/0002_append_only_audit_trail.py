"""The history tables refuse UPDATE, DELETE and TRUNCATE, whoever asks (PostgreSQL only).

See docs/audit-trail.md for why, and for the deliberate superuser procedure that is the only
way round.
"""

from django.db import migrations

from wsoa.lib.audit import RunSQLOnPostgreSQL, append_only_sql, drop_append_only_sql

FUNCTION = "inspections_audit_trail_is_append_only"
TABLES = [
    "inspections_historicalareaofweakness",
    "inspections_historicalinspection",
]


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_initial"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql=append_only_sql(FUNCTION, TABLES),
            reverse_sql=drop_append_only_sql(FUNCTION, TABLES),
        ),
    ]
