"""The measures' history tables refuse UPDATE, DELETE and TRUNCATE, whoever asks (PostgreSQL
only); see docs/audit-trail.md."""

from django.db import migrations

from wsoa.lib.audit import RunSQLOnPostgreSQL, append_only_sql, drop_append_only_sql

FUNCTION = "measures_audit_trail_is_append_only"
TABLES = [
    "measures_historicalmeasure",
    "measures_historicalmeasure_findings",
    "measures_historicalmeasure_owners",
    "measures_historicalmeasurevalue",
    "measures_historicalmilestone",
]


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0001_measures_baselines_targets_values"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql=append_only_sql(FUNCTION, TABLES),
            reverse_sql=drop_append_only_sql(FUNCTION, TABLES),
        ),
    ]
