"""`make backup` and `make restore`: a restored copy shows the Board the same figures, gives the
same plan download and holds the same audit trail, still append-only."""

import json
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from actions import services
from actions.models import BRAG, Membership
from tests.board.board_plans import hand_built_plan, people
from tests.wsoa.backup_snapshot import PRINT_SNAPSHOT, snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def database_url(name: str) -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"


def make(target: str, **variables: str) -> None:
    # Run from `make test`, a make would inherit that make's DATABASE_URL through MAKEFLAGS.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    arguments = [f"{name}={value}" for name, value in variables.items()]
    result = subprocess.run(
        ["make", "--no-print-directory", target, *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    with connection.cursor() as cursor:
        cursor.execute(drop)
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(drop)


def populate() -> str:
    built = hand_built_plan()
    area = built.plan.local_area
    cast = people(area, built.workstreams[0])
    services.action_change_status(
        action=built.actions["b2"],
        actor=cast["wslead"],
        status=BRAG.AMBER,
        reason="Supplier late",
        narrative="The supplier has not delivered",
        remedial_action="Second supplier contacted",
    )
    services.membership_change_role(
        membership=Membership.objects.get(user=cast["officer"], local_area=area),
        actor=cast["manager"],
        role=Membership.Role.WORKSTREAM_LEAD,
        workstreams=[built.workstreams[1]],
        reason="Leads EHC planning",
    )
    return area.slug


def test_a_restored_backup_shows_the_same_figures_download_and_history(tmp_path, restored_name):
    area_slug = populate()
    before = snapshot(area_slug)
    assert before["figures"]["2018-10-31"][-1] == ["Total", 1, 1, 1, 1, 2, 6]
    assert before["history"]["actions.HistoricalAction"]
    assert before["history"]["actions.ProgressUpdate"]
    assert before["history"]["actions.HistoricalMembership_workstreams"]

    backup = tmp_path / "wsoa.dump"
    make(
        "backup",
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        BACKUP_FILE=str(backup),
    )
    assert backup.stat().st_size > 0
    restored_url = database_url(restored_name)
    make("restore", DATABASE_URL=restored_url, BACKUP_FILE=str(backup))

    result = subprocess.run(
        [sys.executable, "-c", PRINT_SNAPSHOT, area_slug],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": restored_url, "DJANGO_SETTINGS_MODULE": "wsoa.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    after = json.loads(result.stdout)
    assert after["figures"] == before["figures"]
    assert after["export"] == before["export"]
    assert after["history"] == before["history"]

    # The copy's audit trail is as guarded as the original's.
    refused = subprocess.run(
        [
            "psql",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            "DELETE FROM actions_historicalaction",
            restored_url,
        ],
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "append-only" in refused.stderr


def test_a_restore_never_writes_over_a_database_in_use(tmp_path, restored_name):
    populate()
    backup = tmp_path / "wsoa.dump"
    make(
        "backup",
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        BACKUP_FILE=str(backup),
    )
    restored_url = database_url(restored_name)
    make("restore", DATABASE_URL=restored_url, BACKUP_FILE=str(backup))
    with pytest.raises(AssertionError, match="already exists"):
        make("restore", DATABASE_URL=restored_url, BACKUP_FILE=str(backup))
