import time

import pytest
from django.db import connection

from actions.models import Action
from tests.factories import AreaOfWeaknessFactory, PlanFactory, UserFactory
from tests.spreadsheets.plan_files import import_rows, messages, new_row

ROWS = 2000


@pytest.fixture
def plan():
    plan = PlanFactory()
    AreaOfWeaknessFactory(inspection=plan.inspection, number=1, short_title="Joint working")
    return plan


def rows(count: int = ROWS) -> list[dict]:
    return [
        new_row(f"1.{n // 100 + 1}.{n % 100 + 1}", workstream=f"{n // 500 + 1} - Workstream")
        for n in range(count)
    ]


@pytest.mark.django_db(transaction=True)
def test_a_2000_row_file_is_imported_in_one_transaction(plan, monkeypatch):
    commits = []
    commit = connection.commit

    def counting_commit():
        commits.append(True)
        commit()

    monkeypatch.setattr(connection, "commit", counting_commit)
    result = import_rows(plan, rows())
    assert messages(result) == []
    assert len(result.created) == ROWS
    assert len(commits) == 1
    assert plan.actions.count() == ROWS
    assert plan.workstreams.count() == 4


@pytest.mark.django_db
def test_a_2000_row_file_whose_last_row_is_bad_imports_nothing(plan):
    content = rows()
    content[-1]["status"] = "Purple"
    result = import_rows(plan, content)
    assert [problem.row for problem in result.errors] == [ROWS + 1]
    assert Action.objects.count() == 0
    assert Action.history.count() == 0
    assert plan.workstreams.count() == 0


BIG = 10_000
# Saving row by row took minutes on a busy machine; this only catches a return to that, with
# room for a shared test machine (bench/plan_import.py measures the real rate).
FAST_ENOUGH_SECONDS = 60


@pytest.mark.django_db
def test_a_10000_row_file_lands_with_a_history_row_for_every_action(plan):
    actor = UserFactory()
    start = time.perf_counter()
    result = import_rows(plan, rows(BIG), actor=actor, file_name="big.csv")
    elapsed = time.perf_counter() - start
    assert messages(result) == []
    assert len(result.created) == plan.actions.count() == BIG
    history = Action.history.filter(plan_id=plan.pk)
    assert history.count() == BIG
    assert set(history.values_list("history_type", "history_user", "history_change_reason")) == {
        ("+", actor.pk, "Imported from big.csv")
    }
    assert elapsed < FAST_ENOUGH_SECONDS

    changed = [{**row, "title": f"Changed {row['reference']}"} for row in rows(BIG)]
    result = import_rows(plan, changed, actor=actor, file_name="changed.csv")
    assert messages(result) == []
    assert len(result.updated) == BIG
    assert plan.actions.filter(title__startswith="Changed", version=2).count() == BIG
    assert (
        history.filter(
            history_type="~", history_user=actor, history_change_reason="Imported from changed.csv"
        ).count()
        == BIG
    )
