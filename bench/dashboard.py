"""Time the Board dashboard's reads on a big plan: 1,000 actions with two years of history.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wsoa SECRET_KEY=bench \\
        .venv/bin/python bench/dashboard.py [--actions 1000] [--months 24] [--repeat 5]

Builds the plan in a throwaway database (Django's test database, `test_<name>`), times each
read the dashboard makes, counts its queries, prints PostgreSQL's plan for the as-at query and
drops the database again. Needs the development dependencies (`make install-dev`).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsoa.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402


def timed(label: str, repeat: int, read) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            read()
        times.append(time.perf_counter() - start)
    print(
        f"{label:<34} median {statistics.median(times) * 1000:8.1f} ms"
        f"   best {min(times) * 1000:8.1f} ms   {len(queries.captured_queries):3d} queries"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=1000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--other-plans",
        type=int,
        default=1,
        help="Plans of the same size in other areas, so reads must pick one plan's rows out.",
    )
    options = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from actions.selectors import actions_as_at
        from actions.selectors.history import history_rows, series_from_history
        from board.dates import previous_month_end
        from board.selectors.dashboard import action_lines, dashboard
        from board.selectors.summary import brag_summary
        from tests.board.board_plans import plan_with_history

        today = timezone.localdate()
        start = time.perf_counter()
        plan = plan_with_history(actions=options.actions, months=options.months, end=today)
        for seed in range(options.other_plans):
            plan_with_history(
                actions=options.actions, months=options.months, end=today, seed=seed + 2
            )
        history = plan.actions.model.history.filter(plan_id=plan.pk).count()
        print(
            f"Built {options.actions} actions, {history} history rows over "
            f"{options.months} months (and {options.other_plans} other plans of that size) "
            f"in {time.perf_counter() - start:.1f} s on {connection.vendor}.\n"
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # as autovacuum would have by now
                cursor.execute("VACUUM ANALYZE actions_historicalaction")
        last_month = previous_month_end(today)
        year_ago = today.replace(year=today.year - 1)
        timed(
            "actions_as_at (today)", options.repeat, lambda: actions_as_at(plan=plan, as_at=today)
        )
        timed(
            "actions_as_at (a year ago)",
            options.repeat,
            lambda: actions_as_at(plan=plan, as_at=year_ago),
        )
        timed("brag_summary", options.repeat, lambda: brag_summary(plan=plan, as_at=today))
        timed(
            "monthly series",
            options.repeat,
            lambda: series_from_history(history_rows(plan=plan, as_at=today), as_at=today),
        )
        timed("action_lines (export)", options.repeat, lambda: action_lines(plan=plan, as_at=today))
        timed("whole dashboard (today)", options.repeat, lambda: dashboard(plan=plan, as_at=today))
        timed(
            "whole dashboard (last month-end)",
            options.repeat,
            lambda: dashboard(plan=plan, as_at=last_month),
        )
        workstream = plan.workstreams.first()
        timed(
            "workstream dashboard",
            options.repeat,
            lambda: dashboard(plan=plan, as_at=today, workstream=workstream),
        )
        if connection.vendor == "postgresql":
            with CaptureQueriesContext(connection) as queries:
                actions_as_at(plan=plan, as_at=today)
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + queries.captured_queries[0]["sql"])
                print("\nPostgreSQL's plan for actions_as_at:")
                for (line,) in cursor.fetchall():
                    print("  " + line)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
