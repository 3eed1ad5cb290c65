"""Importing measures from a spreadsheet: one row per value, every problem by row and column,
nothing saved unless the whole file is good, and an export that imports again unchanged."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Membership
from measures.models import Measure
from spreadsheets.measures import COLUMNS, LAYOUT, measures_export, measures_import
from spreadsheets.reader import SpreadsheetError, read_spreadsheet
from spreadsheets.writer import write_csv
from tests.factories import AreaOfWeaknessFactory, MembershipFactory, PlanFactory

HEADER = ",".join(COLUMNS)
GOOD = [
    "M1,Exclusions of primary pupils with EHC plans,1,lower,%,,DfE exclusions data,14.2,2023-07-31,8,2026-03-31,9.1,England average,2023-07-31,2025-03-31: 12,yes,yes,2024-07-31,13.5,Summer term",
    "M1,Exclusions of primary pupils with EHC plans,1,lower,%,,DfE exclusions data,14.2,2023-07-31,8,2026-03-31,9.1,England average,2023-07-31,2025-03-31: 12,yes,yes,31/01/2025,12.4,",
    "2,Annual reviews on time,1; 2,higher,%,,,38,2023-03-31,80,2026-03-31,,,,,no,no,,,",
]


@pytest.fixture
def plan(db):
    plan = PlanFactory()
    AreaOfWeaknessFactory(inspection=plan.inspection, number=1)
    AreaOfWeaknessFactory(inspection=plan.inspection, number=2)
    return plan


def sheet(*lines: str):
    data = "\n".join([HEADER, *lines]).encode()
    return read_spreadsheet(
        io.BytesIO(data), file_name="measures.csv", size=len(data), layout=LAYOUT
    )


def run(plan, *lines, dry_run=False):
    return measures_import(
        plan=plan, rows=sheet(*lines).rows, actor=None, file_name="measures.csv", dry_run=dry_run
    )


def test_a_good_file_creates_measures_milestones_and_values(plan):
    result = run(plan, *GOOD)
    assert result.errors == []
    assert (result.created, result.milestones, result.values) == (["M1", "M2"], 1, 2)
    first = Measure.objects.get(plan=plan, number=1)
    assert [v.value for v in first.values.all()] == [D("13.5"), D("12.4")]
    assert first.is_illustrative and first.is_published
    assert first.history.get().history_change_reason == "Imported from measures.csv"
    second = Measure.objects.get(plan=plan, number=2)
    assert sorted(f.number for f in second.findings.all()) == [1, 2]


def test_the_preview_saves_nothing(plan):
    result = run(plan, *GOOD, dry_run=True)
    assert result.created == ["M1", "M2"] and result.values == 2
    assert not Measure.objects.exists()


def test_every_problem_is_reported_with_its_row_and_column_and_nothing_is_saved(plan):
    result = run(
        plan,
        GOOD[0],
        "M1,Exclusions,1,lower,%,,,14.2,2023-07-31,8,2026-03-31,,,,,yes,yes,2024-10-31,abc,",
        "M3,Waiting times,7,sideways,,,,5,,,,,,,2025-13-01: 4,,,2024-07-31,,",
        "x,,,,,,,,,,,,,,,,,,,",
    )
    problems = {str(problem) for problem in result.errors}
    assert 'row 3, column value: "abc" is not a number, for example 14.2.' in problems
    assert (
        'row 4, column direction: "sideways" is not a direction; write higher or lower '
        "(which way is better)." in problems
    )
    assert (
        "row 4, column findings: The inspection has no finding 7; add it on Manage the plan first."
        in problems
    )
    assert any(p.startswith("row 4, column milestones:") for p in problems)
    assert 'row 5, column measure: "x" is not a measure number; use 1 or M1.' in problems
    assert "row 5, column name: This field cannot be blank." in problems or any(
        p.startswith("row 5, column findings") for p in problems
    )
    assert not Measure.objects.exists()


def test_a_measure_whose_rows_disagree_is_refused(plan):
    changed = GOOD[1].replace("14.2,2023-07-31", "15,2023-07-31", 1)
    result = run(plan, GOOD[0], changed)
    assert [str(p) for p in result.errors] == [
        "row 3, column baseline: M1 has a different baseline on row 2; a measure's details "
        "must agree on every row."
    ]


def test_the_services_rules_come_back_by_row_and_column(plan):
    line = "M1,Exclusions,1,lower,%,,,14.2,,8,2026-03-31,,,,,yes,no,2999-01-31,3,"
    problems = [str(p) for p in run(plan, line).errors]
    assert "row 2, column baseline_date: Give the date of a baseline." in problems


def test_an_export_imports_again_with_no_changes(plan):
    run(plan, *GOOD)
    for fmt in ("csv", "xlsx"):
        export = measures_export(plan=plan, fmt=fmt)
        again = read_spreadsheet(
            io.BytesIO(export.content),
            file_name=f"m.{fmt}",
            size=len(export.content),
            layout=LAYOUT,
        )
        result = measures_import(plan=plan, rows=again.rows, actor=None, file_name=f"m.{fmt}")
        assert result.errors == []
        assert not result.has_changes, fmt


def test_a_file_without_the_measures_columns_is_refused_whole():
    data = write_csv(["reference", "title"], [["1.1.1", "x"]])
    with pytest.raises(SpreadsheetError, match="Check the file is a list of measures"):
        read_spreadsheet(io.BytesIO(data), file_name="plan.csv", size=len(data), layout=LAYOUT)


def test_the_manager_previews_then_confirms_an_import(client, plan):
    manager = MembershipFactory(
        local_area=plan.local_area, role=Membership.Role.PROGRAMME_MANAGER
    ).user
    client.force_login(manager)
    slug = plan.local_area.slug
    upload = SimpleUploadedFile("measures.csv", "\n".join([HEADER, *GOOD]).encode())
    preview = client.post(reverse("measures_import", kwargs={"area_slug": slug}), {"file": upload})
    assert preview.status_code == 200
    assert "Measures to create" in preview.content.decode()
    assert not Measure.objects.exists()
    token = preview.context["token"]
    done = client.post(
        reverse("measures_import_confirm", kwargs={"area_slug": slug}), {"token": token}
    )
    assert done.status_code == 302
    assert Measure.objects.filter(plan=plan).count() == 2


def test_the_preview_lists_the_problems(client, plan):
    manager = MembershipFactory(
        local_area=plan.local_area, role=Membership.Role.PROGRAMME_MANAGER
    ).user
    client.force_login(manager)
    bad = GOOD[0].replace("13.5", "lots")
    upload = SimpleUploadedFile("measures.csv", "\n".join([HEADER, bad]).encode())
    page = client.post(
        reverse("measures_import", kwargs={"area_slug": plan.local_area.slug}), {"file": upload}
    ).content.decode()
    assert "1 problem to fix" in page
    assert "row 2, column value: &quot;lots&quot; is not a number" in page
