import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from actions.models import BRAG
from spreadsheets.cells import COLUMNS
from spreadsheets.reader import NOT_A_SPREADSHEET, SpreadsheetError, read_spreadsheet
from tests.factories import AreaOfWeaknessFactory, PlanFactory
from tests.spreadsheets.plan_files import (
    csv_bytes,
    import_file,
    messages,
    new_row,
    read,
    with_cached_values,
    xlsx_bytes,
)


@pytest.fixture
def plan(db):
    plan = PlanFactory()
    AreaOfWeaknessFactory(inspection=plan.inspection, number=1, short_title="Joint working")
    return plan


def refused(content: bytes, name: str = "plan.csv") -> str:
    with pytest.raises(SpreadsheetError) as error:
        read(content, name)
    return str(error.value)


# Files that are not an action plan at all


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"reference,title\x00\x01\x02",
    ],
    ids=["image", "pdf", "binary"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(content):
    assert refused(content) == NOT_A_SPREADSHEET
    assert NOT_A_SPREADSHEET == (
        "The file is not a spreadsheet. Upload a CSV file or an Excel workbook (.xlsx) in the "
        "plan import format."
    )


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused(out.getvalue(), "minutes.docx") == NOT_A_SPREADSHEET


def test_an_old_excel_workbook_is_refused_with_how_to_convert_it():
    assert refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "plan.xls") == (
        "The file is an old-style Excel workbook (.xls). Open it in Excel, save it as an Excel "
        "Workbook (.xlsx) or CSV, and upload that."
    )


def test_an_empty_file_is_refused():
    assert refused(b"") == "The file is empty."


def test_a_file_of_blank_rows_is_empty():
    assert refused(b",,,\r\n\r\n , ,\r\n") == "The file is empty."


def test_a_header_without_rows_is_refused():
    assert refused(csv_bytes([])) == "The file has a header row but no actions under it."


def test_a_file_over_the_size_limit_is_refused_without_being_read():
    class FiftyMegabytes(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the file was read")

    with pytest.raises(SpreadsheetError) as error:
        read_spreadsheet(FiftyMegabytes(), file_name="big.xlsx", size=50 * 1024 * 1024)
    assert str(error.value) == (
        "The file is 50 MB; the largest file that can be imported is 10 MB. Remove other "
        "sheets, images or unused rows and try again."
    )


def test_a_header_row_missing_columns_names_them():
    header = [c for c in COLUMNS if c not in ("lead_email", "published")]
    assert refused(csv_bytes([new_row()], header=header)) == (
        "The header row is missing the columns lead_email, published."
    )


def test_a_spreadsheet_of_something_else_is_refused():
    assert refused(b"Name,Phone\r\nJo,0208\r\n") == (
        "Row 1 should be the header row naming the columns (" + ", ".join(COLUMNS) + "), but "
        "none of them is there. Check the file is an action plan in the import format."
    )


def test_a_repeated_column_is_refused():
    header = [*COLUMNS, "status"]
    assert refused(csv_bytes([new_row()], header=header)) == (
        "The header row has the column status more than once."
    )


# Reading what councils' files hold


def test_headers_may_be_written_as_words_and_extra_columns_are_ignored():
    header = [c.replace("_", " ").title() for c in COLUMNS] + ["RAG comment"]
    row = {heading: new_row()[column] for heading, column in zip(header, COLUMNS, strict=False)}
    sheet = read(csv_bytes([row], header=header))
    assert sheet.ignored_columns == ["RAG comment"]
    assert [row.number for row in sheet.rows] == [2]


def test_rows_are_numbered_as_the_spreadsheet_shows_them(plan):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Sutton Written Statement of Action"])
    sheet.append([])
    sheet.append(list(COLUMNS))
    sheet.append([new_row("1.1.1")[c] for c in COLUMNS])
    sheet.append([])
    sheet.append([new_row("1.1.2", status="Purple")[c] for c in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    result = import_file(plan, out.getvalue(), name="plan.xlsx")
    assert [problem.row for problem in result.errors] == [6]


def test_only_the_first_sheet_of_a_workbook_is_read(plan):
    workbook = Workbook()
    workbook.active.title = "Actions"
    first = workbook.active
    first.append(list(COLUMNS))
    first.append([new_row("1.1.1")[c] for c in COLUMNS])
    notes = workbook.create_sheet("Notes")
    notes.append(["Not an action"])
    workbook.active = 1  # saved while looking at the notes
    out = io.BytesIO()
    workbook.save(out)
    result = import_file(plan, out.getvalue(), name="plan.xlsx")
    assert (messages(result), result.created) == ([], ["1.1.1"])


def test_real_excel_dates_and_numbers_are_read(plan):
    row = new_row(
        1.5,
        start_date=dt.datetime(2018, 7, 1),  # noqa: DTZ001 - Excel dates are naive
        due_date=dt.datetime(2019, 3, 31),  # noqa: DTZ001
        area_of_weakness=1,
        published=True,
        public_summary="What parents will see.",
    )
    result = import_file(plan, xlsx_bytes([row]), name="plan.xlsx")
    assert messages(result) == []
    action = plan.actions.get()
    assert (action.reference, action.start_date, action.due_date, action.published) == (
        "1.5",
        dt.date(2018, 7, 1),
        dt.date(2019, 3, 31),
        True,
    )


def test_a_formula_cell_is_read_as_the_value_excel_calculated(plan):
    row = new_row(title='=CONCATENATE("Appoint ","an Assistant Director")', status='=IF(1,"Green")')
    content = with_cached_values(
        xlsx_bytes([row]), {"E2": "Appoint an Assistant Director", "L2": "Green"}
    )
    result = import_file(plan, content, name="plan.xlsx")
    assert messages(result) == []
    action = plan.actions.get()
    assert (action.title, action.status) == ("Appoint an Assistant Director", BRAG.GREEN)


def test_a_csv_saved_by_excel_on_windows_is_read(plan):
    content = csv_bytes([new_row(title="Invest c£500k in paediatrics – “compliant”")])
    result = import_file(plan, content.decode().encode("cp1252"), name="plan.csv")
    assert messages(result) == []
    assert plan.actions.get().title == "Invest c£500k in paediatrics – “compliant”"


def test_line_breaks_inside_a_cell_are_kept(plan):
    content = csv_bytes([new_row(description="- first\r\n- second")])
    import_file(plan, content, name="plan.csv")
    assert plan.actions.get().description == "- first\n- second"
