"""The rules of the one writer of every CSV and XLSX file, and the reader's side of them."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from spreadsheets.cells import COLUMNS
from spreadsheets.writer import cell, safe_cell, write, write_csv, write_xlsx
from tests.spreadsheets.plan_files import new_row, read


@pytest.mark.parametrize("text", ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cell_that_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_a_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Increase staffing", "1.1.1", "", "a=b"])
def test_ordinary_cell_is_unchanged(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [None, 3, -3])
def test_value_that_is_not_text_is_left_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("Plain text", "Plain text"),
        ("", ""),
        (3, 3),
        (None, None),
    ],
)
def test_safe_cell_neutralises_only_text_that_would_start_a_formula(value, expected):
    assert safe_cell(value) == expected


def csv_text(content: bytes) -> str:
    return content.decode("utf-8-sig")


def workbook_rows(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


# Formula guard


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_text_that_would_run_as_a_formula_is_written_with_an_apostrophe(fmt):
    content = write(fmt, ["note"], [['=HYPERLINK("x")'], ["+44 20"], ["plain"]], title="Notes")
    if fmt == "csv":
        values = [row[0] for row in csv.reader(io.StringIO(csv_text(content)))]
    else:
        values = [row[0] for row in workbook_rows(content)]
    assert values == ["note", '\'=HYPERLINK("x")', "'+44 20", "plain"]


def test_a_workbook_holds_no_formula_cells():
    content = write_xlsx(["note"], [["=1+1"], ["@SUM(A1)"]], title="Notes")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [c.data_type for row in sheet.iter_rows() for c in row] == ["s", "s", "s"]


def test_a_negative_number_stays_a_number():
    assert cell(-3, fmt="xlsx") == -3
    assert cell(-3, fmt="csv") == -3


# Characters a workbook cannot store


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_control_characters_are_removed_and_line_breaks_and_tabs_kept(fmt):
    title = "Pasted\x0bfrom\x0cWord\x00\x1f, two\nlines\tand a tab"
    content = write(fmt, ["title"], [[title]], title="Actions")
    if fmt == "csv":
        value = list(csv.reader(io.StringIO(csv_text(content))))[1][0]
    else:
        value = workbook_rows(content)[1][0]
    assert value == "PastedfromWord, two\nlines\tand a tab"


def test_a_removed_character_cannot_hide_a_formula():
    assert cell("\x0b=1+1", fmt="csv") == "'=1+1"
    assert cell("\x0b=1+1", fmt="xlsx") == "'=1+1"


def test_the_sheet_title_is_made_one_excel_accepts():
    content = write_xlsx(["a"], [], title="Actions 2018/09/30: [Board] and a very long name")
    title = load_workbook(io.BytesIO(content)).worksheets[0].title
    assert title.startswith("Actions 2018-09-30- -Board- and")
    assert len(title) <= 31


# Byte-order mark


def test_a_csv_starts_with_a_utf8_byte_order_mark_and_keeps_pounds_and_curly_quotes():
    content = write_csv(["title"], [["Invest c£500k – “compliant”"]])
    assert content.startswith(b"\xef\xbb\xbf")
    assert csv_text(content).splitlines() == ["title", "Invest c£500k – “compliant”"]


def test_a_csv_for_the_terminal_has_no_byte_order_mark():
    assert write_csv(["title"], [["x"]], bom=False) == b"title\r\nx\r\n"


# Typed cells


def test_a_workbook_has_real_dates_and_numbers():
    content = write_xlsx(
        ["theme", "due_date", "total"], [["1", dt.date(2019, 3, 31), 6]], title="Board"
    )
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    theme, due, total = sheet[2]
    assert theme.value == "1"
    assert due.is_date and due.value.date() == dt.date(2019, 3, 31)
    assert due.number_format == "yyyy-mm-dd"
    assert (total.data_type, total.value) == ("n", 6)


def test_a_csv_writes_dates_as_iso_dates_and_blanks_as_empty():
    content = write_csv(["due", "done", "count"], [[dt.date(2019, 3, 31), None, 0]])
    assert csv_text(content).splitlines()[1] == "2019-03-31,,0"


def test_a_workbook_header_is_bold_and_stays_in_view():
    content = write_xlsx(["reference", "title"], [["1.1", "x"]], title="Actions")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [c.font.b for c in sheet[1]] == [True, True]
    assert sheet.freeze_panes == "A2"


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="Unknown format 'ods'"):
        write("ods", ["a"], [], title="x")


# The reader takes what the writer writes


@pytest.mark.parametrize("bom", [True, False])
def test_the_importer_reads_a_csv_with_or_without_a_byte_order_mark(bom):
    row = new_row("1.1.1", title="Invest c£500k – “compliant”")
    content = write_csv(COLUMNS, [[row[column] for column in COLUMNS]], bom=bom)
    assert content.startswith(b"\xef\xbb\xbf") is bom
    sheet = read(content)
    assert [r.cells["reference"] for r in sheet.rows] == ["1.1.1"]
    assert sheet.rows[0].cells["title"] == "Invest c£500k – “compliant”"
    assert sheet.ignored_columns == []
