import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import Action, Membership
from actions.selectors import current_plan
from inspections.models import LocalArea
from spreadsheets.cells import COLUMNS, TRACKING_COLUMNS
from spreadsheets.exporters import plan_export, plan_rows
from tests.factories import (
    AreaOfWeaknessFactory,
    InspectionFactory,
    LocalAreaFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
)
from tests.spreadsheets.plan_files import import_file, messages, sutton_like_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return sutton_like_plan()


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


# Round trip


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exporting_and_reimporting_a_plan_changes_nothing(plan, fmt):
    history_before = Action.history.count()
    export = plan_export(plan=plan, fmt=fmt)
    result = import_file(plan, export.content, name=export.file_name)
    assert messages(result) == []
    assert result.warnings == []
    assert (result.created, result.updated) == ([], [])
    assert len(result.unchanged) == plan.actions.count()
    assert Action.history.count() == history_before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_plan_imported_into_a_new_area_exports_the_same(plan, fmt):
    export = plan_export(plan=plan, fmt=fmt)
    area = LocalAreaFactory(name="Newtown", slug="newtown")
    copy = PlanFactory(local_area=area, inspection=InspectionFactory(local_area=area))
    result = import_file(copy, export.content, name=export.file_name)
    assert messages(result) == []
    assert len(result.created) == plan.actions.count()
    assert len(result.new_weaknesses) == 3
    assert len(result.new_commitments) == 6
    assert len(result.new_workstreams) == 4

    def comparable(rows):
        # The leads are people of Sutton, not members of Newtown: the copy has none.
        return [{**row, "lead_email": ""} for row in rows]

    assert comparable(plan_rows(plan=copy)) == comparable(plan_rows(plan=plan))


def test_the_export_has_the_documented_columns_in_order(plan):
    content = plan_export(plan=plan, fmt="csv").content
    assert content.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    header = content.decode("utf-8-sig").splitlines()[0]
    assert header == ",".join((*COLUMNS, *TRACKING_COLUMNS))


def test_actions_are_exported_by_weakness_then_reference_as_people_number_them(plan):
    references = [row["reference"] for row in csv_rows(plan_export(plan=plan, fmt="csv").content)]
    assert references == [
        "1.1.1",
        "1.1.2",
        "1.2.1",
        "2.1.1",
        "2.1.2",
        "2.2.1",
        "3.1.1",
        "3.2.9",
        "3.2.10",
    ]


def test_a_row_carries_numbers_names_words_and_iso_dates(plan):
    rows = {row["reference"]: row for row in csv_rows(plan_export(plan=plan, fmt="csv").content)}
    row = rows["3.1.1"]
    assert row["area_of_weakness"] == (
        "3 - Inequality of opportunity for families, which has arisen from a serious decline"
    )
    assert row["commitment"] == "3.1 - We will improve our Sutton Information Advice Service."
    assert row["workstream"] == "3 - Local Offer and Independent Advice"
    assert row["lead_email"] == "Siass.Lead@Sutton.gov.uk"
    assert (row["status"], row["completed_date"], row["published"]) == ("Blue", "2018-06-29", "yes")
    assert rows["1.1.1"]["area_of_weakness"] == "1 - Joint working"


# Formula injection


def test_csv_cells_that_would_run_as_formulas_start_with_an_apostrophe(plan):
    rows = {row["reference"]: row for row in csv_rows(plan_export(plan=plan, fmt="csv").content)}
    assert rows["1.2.1"]["description"].startswith("'=HYPERLINK(")
    assert rows["1.2.1"]["remedial_action"].startswith("'+ Headteachers")
    assert rows["1.2.1"]["success_measure"] == "'@Schools: fewer fixed-term exclusions by July 2019"
    assert rows["1.1.2"]["description"].startswith("'- Chair")
    assert rows["3.1.1"]["evidence"] == "'-0.6 FTE appointed in June; 1.4 fte in post"


def test_a_workbook_holds_no_formulas_and_neutralised_text(plan):
    content = plan_export(plan=plan, fmt="xlsx").content
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert '\'=HYPERLINK("http://example.com","Click") — pasted from an e-mail' in texts


def test_a_workbook_has_real_dates(plan):
    content = plan_export(plan=plan, fmt="xlsx").content
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    due = [row[header.index("due_date")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    present = [value for value in due if value is not None]
    assert present, "the plan's actions have due dates, so the sheet must show some"
    assert all(isinstance(value, dt.datetime) and value.year in (2018, 2019) for value in present)
    assert sheet.title == "Actions"


# Download from the site


def export_url(fmt: str = "csv", slug: str = "sutton") -> str:
    return reverse(f"plan_export_{fmt}", kwargs={"area_slug": slug})


def member(plan, role: str) -> object:
    user = UserFactory(username=f"{role}-reader")
    MembershipFactory(user=user, local_area=plan.local_area, role=role)
    return user


def test_the_export_urls_are_under_the_area():
    assert export_url("csv") == "/areas/sutton/export.csv"
    assert export_url("xlsx") == "/areas/sutton/export.xlsx"


@pytest.mark.parametrize("role", [role.value for role in Membership.Role])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_member_of_the_area_can_download_the_plan(client, plan, role, fmt):
    client.force_login(member(plan, role))
    response = client.get(export_url(fmt))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="sutton-action-plan-')
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    result = import_file(plan, response.content, name=f"download.{fmt}")
    assert len(result.unchanged) == plan.actions.count()


def test_the_csv_download_is_labelled_as_csv(client, plan):
    client.force_login(member(plan, "officer"))
    response = client.get(export_url("csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_someone_signed_out_is_sent_to_sign_in(client, plan):
    response = client.get(export_url("csv"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_outsider_cannot_tell_the_plan_exists(client, plan):
    other = LocalArea.objects.exclude(pk=plan.local_area_id).first() or LocalAreaFactory()
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, local_area=other, role="programme_manager")
    client.force_login(outsider)
    assert client.get(export_url("csv")).status_code == 404
    assert client.get(export_url("xlsx")).status_code == 404


def test_an_area_without_a_plan_has_nothing_to_download(client):
    area = LocalAreaFactory(slug="newtown")
    AreaOfWeaknessFactory(inspection=InspectionFactory(local_area=area))
    user = UserFactory(username="manager")
    MembershipFactory(user=user, local_area=area, role="programme_manager")
    client.force_login(user)
    assert client.get(export_url("csv", "newtown")).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_sutton_demo_plan_round_trips_unchanged(db, settings, fmt):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=io.StringIO())
    sutton = current_plan(LocalArea.objects.get(slug="sutton"))
    history_before = Action.history.count()
    export = plan_export(plan=sutton, fmt=fmt)
    result = import_file(sutton, export.content, name=export.file_name)
    assert messages(result) == []
    assert result.warnings == []
    assert (result.created, result.updated) == ([], [])
    assert len(result.unchanged) == sutton.actions.count() > 20
    assert Action.history.count() == history_before
