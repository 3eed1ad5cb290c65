import io
import os

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from actions.models import Action, Plan
from inspections.models import Inspection, LocalArea
from tests.factories import UserFactory
from tests.spreadsheets.plan_files import csv_bytes, new_row, sutton_like_plan

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def plan():
    return sutton_like_plan()


@pytest.fixture
def exported(plan, tmp_path):
    path = tmp_path / "sutton.csv"
    run("export_plan", "--area", "sutton", "--output", str(path))
    return path


def test_exporting_to_the_screen_prints_csv(plan):
    out, _ = run("export_plan", "--area", "sutton")
    lines = out.splitlines()
    assert lines[0].startswith("reference,area_of_weakness,commitment,workstream,title")
    assert len([line for line in lines if line[:2] in ("1.", "2.", "3.")]) == 9


def test_exporting_a_workbook_writes_the_file(plan, tmp_path):
    path = tmp_path / "sutton.xlsx"
    _, err = run("export_plan", "--area", "sutton", "--format", "xlsx", "--output", str(path))
    assert err.strip() == f"Wrote 9 actions to {path}."
    sheet = load_workbook(path).worksheets[0]
    assert sheet.max_row == 10


def test_a_workbook_cannot_go_to_the_screen(plan):
    with pytest.raises(CommandError, match="give --output FILE"):
        run("export_plan", "--area", "sutton", "--format", "xlsx")


def test_reimporting_an_export_changes_nothing(plan, exported):
    history = Action.history.count()
    out, _ = run("import_plan", str(exported), "--area", "sutton", "--as", "manager")
    assert (
        "Sutton Written Statement of Action: 0 actions were created, 0 updated and 9 left "
        "unchanged." in out
    )
    assert Action.history.count() == history


def test_a_changed_file_updates_the_plan_as_the_named_user(plan, exported):
    manager = UserFactory(username="manager")
    content = exported.read_text(encoding="utf-8-sig").replace(
        "Publish the Local Offer annual report", "Publish the Local Offer annual report 2019"
    )
    exported.write_text(content, encoding="utf-8")
    out, _ = run("import_plan", str(exported), "--area", "sutton", "--user", "manager")
    assert "0 actions were created, 1 updated and 8 left unchanged." in out
    record = plan.actions.get(reference="3.2.9").history.latest()
    assert (record.history_user, record.history_change_reason) == (
        manager,
        "Imported from sutton.csv",
    )


def test_a_dry_run_reports_and_saves_nothing(plan, tmp_path):
    path = tmp_path / "new.csv"
    path.write_bytes(csv_bytes([new_row("4.1.1", workstream="5 - Preparing for adulthood")]))
    out, _ = run("import_plan", str(path), "--area", "sutton", "--dry-run")
    assert "1 action would be created, 0 updated and 0 left unchanged." in out
    assert "New workstreams (1):\n  5 - Preparing for adulthood" in out
    assert "Not in the file, left as they are: 9 actions of the plan." in out
    assert "Dry run: nothing was saved." in out
    assert not plan.actions.filter(reference="4.1.1").exists()
    assert not plan.workstreams.filter(number=5).exists()


def test_problems_are_listed_and_nothing_is_saved(plan, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        csv_bytes([new_row("1.1.9"), new_row("1.1.10", status="Blue", evidence="Minutes")])
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^1 problem in bad.csv; nothing was imported.$"):
        call_command(
            "import_plan",
            str(path),
            "--area",
            "sutton",
            "--as",
            "manager",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert err.getvalue().strip() == (
        "row 3, column completed_date: A Blue (complete) action needs the date it was completed."
    )
    assert plan.actions.count() == 9


def test_a_new_area_is_created_with_a_draft_plan_to_import_into(plan, exported):
    out, _ = run(
        "import_plan",
        str(exported),
        "--area",
        "newtown",
        "--create-area",
        "Newtown Council",
        "--as",
        "manager",
    )
    area = LocalArea.objects.get(slug="newtown")
    new_plan = Plan.objects.get(local_area=area)
    assert area.name == "Newtown Council"
    assert new_plan.status == Plan.Status.DRAFT
    assert new_plan.inspection.local_area == area
    assert new_plan.actions.count() == 9
    assert "9 actions were created" in out
    assert "New workstreams (4):" in out
    # Sutton's leads are not members of the new area.
    assert out.count("Warning: row") == 2


def test_a_new_area_is_not_kept_when_its_file_has_problems(db, tmp_path):
    path = tmp_path / "bad.csv"
    UserFactory(username="manager")
    path.write_bytes(csv_bytes([new_row(area_of_weakness="1 - Joint working", status="Purple")]))
    with pytest.raises(CommandError, match="problem"):
        run(
            "import_plan",
            str(path),
            "--area",
            "newtown",
            "--create-area",
            "Newtown",
            "--as",
            "manager",
        )
    assert not LocalArea.objects.filter(slug="newtown").exists()
    assert not Inspection.objects.exists()


def test_an_unknown_area_needs_create_area(db, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes([new_row()]))
    UserFactory(username="manager")
    with pytest.raises(CommandError) as error:
        run("import_plan", str(path), "--area", "nowhere", "--as", "manager")
    assert (
        str(error.value)
        == 'There is no local area "nowhere". Give --create-area "Name" to create it.'
    )


def test_a_file_that_is_not_a_spreadsheet_is_refused(plan, tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02")
    with pytest.raises(CommandError, match=r"^minutes.pdf: The file is not a spreadsheet\."):
        run("import_plan", str(path), "--area", "sutton")


def test_a_50_mb_file_is_refused_without_reading_it(plan, tmp_path):
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB long, nothing on disk
    assert os.path.getsize(path) == 50 * 1024 * 1024
    with pytest.raises(CommandError) as error:
        run("import_plan", str(path), "--area", "sutton")
    assert str(error.value).startswith(
        "huge.xlsx: The file is 50 MB; the largest file that can be imported is 10 MB."
    )


def test_a_missing_file_is_reported(plan, tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        run("import_plan", str(tmp_path / "nope.csv"), "--area", "sutton")


def test_the_sample_file_imports_into_a_new_area(db):
    sample = settings.BASE_DIR / "fixtures" / "sample-plan.csv"
    UserFactory(username="manager")
    out, _ = run(
        "import_plan", str(sample), "--area", "sample", "--create-area", "Sample", "--as", "manager"
    )
    assert "9 actions were created, 0 updated and 0 left unchanged." in out
    assert "New areas of weakness (3):" in out
    assert "New commitments (6):" in out
    assert "New workstreams (4):" in out
    plan = Plan.objects.get(local_area__slug="sample")
    assert plan.actions.filter(status="blue").count() == 5


def test_the_command_refuses_to_write_without_as(plan, exported):
    content = exported.read_text(encoding="utf-8-sig").replace(
        "Publish the Local Offer annual report", "Publish the Local Offer annual report 2019"
    )
    exported.write_text(content, encoding="utf-8")
    history = Action.history.count()
    with pytest.raises(CommandError, match="--as USERNAME"):
        run("import_plan", str(exported), "--area", "sutton")
    assert Action.history.count() == history


def test_the_old_user_option_still_names_the_importer(plan, exported):
    out, _ = run("import_plan", str(exported), "--area", "sutton", "--user", "manager")
    assert "0 actions were created, 0 updated and 9 left unchanged." in out
