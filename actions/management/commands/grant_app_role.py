"""Grant a PostgreSQL role what the running service needs, and no more.

Run it as the role that owns the tables (the one that runs `migrate`), after every `migrate`:

    manage.py grant_app_role wsoa_app

The role may read and write the ordinary tables but only read and add to the audit trail
(history tables and progress updates). Not owning any table, it can neither change a history
row nor disable, drop or replace the triggers that guard them. See docs/audit-trail.md.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from wsoa.lib.audit import audit_trail_tables

# Read by Django to list applied migrations; only `migrate`, run as the owner, writes it.
READ_ONLY_TABLES = {"django_migrations"}


def grant_statements(role: str) -> list[str]:
    quote = connection.ops.quote_name
    audit = set(audit_trail_tables())
    tables = connection.introspection.table_names()
    ordinary = [t for t in tables if t not in audit and t not in READ_ONLY_TABLES]
    read_only = [t for t in tables if t in READ_ONLY_TABLES]
    appended = [t for t in tables if t in audit]
    missing = audit - set(tables)
    if missing:
        raise CommandError(f"Run migrate first: no table {', '.join(sorted(missing))}.")

    def listed(names: list[str]) -> str:
        return ", ".join(quote(name) for name in names)

    role = quote(role)
    statements = ["GRANT USAGE ON SCHEMA public TO " + role]
    # Start from nothing, so a privilege granted by hand earlier does not linger.
    statements.append(f"REVOKE ALL ON {listed(tables)} FROM {role}")
    statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {listed(ordinary)} TO {role}")
    statements.append(f"GRANT SELECT, INSERT ON {listed(appended)} TO {role}")
    if read_only:
        statements.append(f"GRANT SELECT ON {listed(read_only)} TO {role}")
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    return statements


class Command(BaseCommand):
    help = (
        "Grant a PostgreSQL role what the web service needs: read and write the ordinary "
        "tables, only read and add to the audit trail. Run as the tables' owner after migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="The role the web service connects as, e.g. wsoa_app.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the SQL and change nothing."
        )

    def handle(self, *args, role: str, dry_run: bool = False, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Roles and grants are PostgreSQL's; this database has none.")
        statements = grant_statements(role)
        if dry_run:
            for statement in statements:
                self.stdout.write(statement + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(
            f"Granted {role} what the service needs; the audit trail read and add only."
        )
