import pytest
from django.db import connection

from actions.models import Action
from tests.factories import AreaOfWeaknessFactory, PlanFactory
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
