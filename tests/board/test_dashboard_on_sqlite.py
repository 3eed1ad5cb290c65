"""The demo runs on SQLite, where the Board's reads are built afresh each time rather than
prepared once: its dashboards must agree with the figures made from every row too."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import datetime as dt
import django
django.setup()
from django.utils import timezone
from actions.selectors import current_plan
from actions.selectors.dates import month_ends_between
from board.dates import previous_month_end
from inspections.models import LocalArea
from tests.board.test_dashboard_figures import set_based, the_long_way

plan = current_plan(LocalArea.objects.get(slug="sutton"))
today = timezone.localdate()
days = [*month_ends_between(dt.date(2018, 7, 1), previous_month_end(today)), today]
checked = 0
for as_at in days + [today.replace(day=10), dt.date(2018, 10, 20)]:
    for workstream in (None, *plan.workstreams.all()):
        since = previous_month_end(as_at)
        expected = the_long_way(plan, as_at, since, workstream)
        assert set_based(plan, as_at, since, workstream) == expected, (as_at, workstream)
        checked += 1
print("checked", checked)
"""


def test_the_demo_dashboards_on_sqlite_agree_with_every_row(tmp_path):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "SECRET_KEY": "dashboard-on-sqlite-test",
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "wsoa.settings",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--verbosity", "0"], ["load_demo"]):
        done = subprocess.run(
            [*manage, *command], cwd=ROOT, env=environment, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) > 100
