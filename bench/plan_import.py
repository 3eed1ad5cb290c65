"""Time a plan import from a generated spreadsheet: reading, the preview (dry run) and saving.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wsoa SECRET_KEY=bench \\
        .venv/bin/python bench/plan_import.py [--rows 10000] [--format csv|xlsx]

Runs in a throwaway database (Django's test database, `test_<name>`), imports the file into a
new plan as the programme manager would (preview, then confirm), then imports it again with
every row changed, and drops the database. Needs the development dependencies
(`make install-dev`).
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsoa.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    options = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.contrib.auth.models import User

        from actions.models import Plan
        from spreadsheets.importer import plan_import
        from spreadsheets.reader import read_spreadsheet
        from tests.factories import AreaOfWeaknessFactory, PlanFactory, UserFactory
        from tests.spreadsheets.plan_files import csv_bytes, new_row, xlsx_bytes

        # factory_boy's calls are typed as the factory, not the model they make.
        plan = cast(Plan, PlanFactory())
        AreaOfWeaknessFactory(inspection=plan.inspection, number=1, short_title="Joint working")
        actor = cast(User, UserFactory())
        to_bytes = csv_bytes if options.format == "csv" else xlsx_bytes

        def rows(title: str) -> list[dict]:
            return [
                new_row(
                    f"1.{n // 100 + 1}.{n % 100 + 1}",
                    title=f"{title} {n}",
                    workstream=f"{n // 500 + 1} - Workstream",
                    commitment=f"1.{n // 1000 + 1} - We will do thing {n // 1000 + 1}",
                )
                for n in range(options.rows)
            ]

        for label, content in (
            ("new plan", to_bytes(rows("Action"))),
            ("every row changed", to_bytes(rows("Changed action"))),
        ):
            name = f"plan.{options.format}"
            start = time.perf_counter()
            sheet = read_spreadsheet(io.BytesIO(content), file_name=name, size=len(content))
            read = time.perf_counter() - start
            start = time.perf_counter()
            preview = plan_import(
                plan=plan, rows=sheet.rows, actor=actor, file_name=name, dry_run=True
            )
            previewed = time.perf_counter() - start
            assert not preview.errors, preview.errors[:3]
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                result = plan_import(plan=plan, rows=sheet.rows, actor=actor, file_name=name)
            saved = time.perf_counter() - start
            assert result.saved, result.errors[:3]
            print(
                f"{label:<18} {options.rows} rows ({len(content) // 1024} KB {options.format}): "
                f"read {read:5.1f} s, preview {previewed:5.1f} s, "
                f"confirm {saved:5.1f} s ({len(queries.captured_queries)} queries); "
                f"{options.rows / saved:,.0f} rows/s saved"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
