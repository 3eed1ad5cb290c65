"""Files built to unpack huge are refused before they are read in full."""

import io
import re
import time
import zipfile

import pytest

from spreadsheets.reader import MAX_CELL_CHARACTERS
from tests.spreadsheets.plan_files import csv_bytes, new_row, read, xlsx_bytes
from tests.spreadsheets.test_import_files import refused

SHEET = "xl/worksheets/sheet1.xml"
DIMENSION = rb'<dimension ref="[^"]*" ?/>'
# However busy the machine, far below the minutes such files took before they were limited.
QUICKLY = 20


def rebuilt(workbook: bytes, sheet_xml: bytes | None = None, padding_mb: int = 0) -> bytes:
    """The workbook with its first sheet's XML replaced, and optionally `padding_mb` of
    blank space inside the sheet, which packs down to almost nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in source.infolist():
                content = source.read(entry)
                if entry.filename != SHEET:
                    target.writestr(entry, content)
                    continue
                content = sheet_xml or content
                head, tail = content.split(b"<sheetData>", 1)
                with target.open(entry.filename, "w", force_zip64=True) as sheet:
                    sheet.write(head)
                    blank = b" " * (1024 * 1024)
                    for _ in range(padding_mb):
                        sheet.write(blank)
                    sheet.write(b"<sheetData>" + tail)
    return out.getvalue()


def sheet_xml(workbook: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return archive.read(SHEET)


def small_workbook() -> bytes:
    return xlsx_bytes([new_row("1.1.1")])


def refused_quickly(content: bytes, name: str) -> str:
    start = time.perf_counter()
    message = refused(content, name)
    assert time.perf_counter() - start < QUICKLY
    return message


def test_a_small_workbook_whose_sheet_unpacks_huge_is_refused():
    bomb = rebuilt(small_workbook(), padding_mb=60)
    assert len(bomb) < 200 * 1024
    assert refused_quickly(bomb, "plan.xlsx").startswith(
        "The workbook unpacks to 60 MB; the most that can be imported is 50 MB."
    )


def test_a_workbook_packed_far_tighter_than_any_spreadsheet_is_refused():
    bomb = rebuilt(small_workbook(), padding_mb=5)
    assert refused_quickly(bomb, "plan.xlsx").startswith("The workbook unpacks to 5.0 MB;")


def test_a_sheet_declaring_a_vast_width_is_refused_before_its_rows_are_read():
    workbook = small_workbook()
    xml = re.sub(DIMENSION, b'<dimension ref="A1:XFD2"/>', sheet_xml(workbook))
    message = refused_quickly(rebuilt(workbook, xml), "plan.xlsx")
    assert message.startswith("The file has more than 50 columns; the plan import format has")


def test_a_sheet_declaring_a_vast_length_is_refused_before_its_rows_are_read():
    workbook = small_workbook()
    xml = re.sub(DIMENSION, b'<dimension ref="A1:XFD1048576"/>', sheet_xml(workbook))
    message = refused_quickly(rebuilt(workbook, xml), "plan.xlsx")
    assert message.startswith(
        "The file has more than 20,000 rows; a plan can be imported in parts."
    )


def test_a_sheet_with_no_dimension_is_counted_as_it_streams_in():
    workbook = small_workbook()
    xml = re.sub(DIMENSION, b"", sheet_xml(workbook))
    last = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    xml = xml.replace(b"</sheetData>", last + b"</sheetData>")
    message = refused_quickly(rebuilt(workbook, xml), "plan.xlsx")
    assert message.startswith("The file has more than 20,000 rows;")


def test_a_workbook_within_the_limits_is_read():
    assert [row.cells["reference"] for row in read(small_workbook(), "plan.xlsx").rows] == ["1.1.1"]


def test_a_csv_file_with_a_million_columns_is_refused():
    content = csv_bytes([new_row("1.1.1")]) + b"," * 1_000_000 + b"\r\n"
    assert refused_quickly(content, "plan.csv").startswith(
        "The file has more than 50 columns; the plan import format has"
    )


def test_a_csv_file_with_more_rows_than_the_setting_allows_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 5
    rows = [new_row(f"1.1.{n}") for n in range(1, 30)]
    assert refused(csv_bytes(rows)).startswith("The file has more than 5 rows;")
    assert len(read(csv_bytes(rows[:5])).rows) == 5


def test_a_workbook_with_more_columns_than_the_setting_allows_is_refused(settings):
    settings.IMPORT_MAX_COLUMNS = 10
    assert refused(small_workbook(), "plan.xlsx").startswith("The file has more than 10 columns;")


def test_a_cell_longer_than_a_spreadsheet_cell_holds_is_refused():
    content = csv_bytes([new_row("1.1.1", description="x" * (MAX_CELL_CHARACTERS + 1))])
    assert refused(content) == (
        "Row 2 has a cell longer than 32,767 characters, the most a spreadsheet cell holds."
    )


@pytest.mark.parametrize("setting", ["IMPORT_MAX_UNCOMPRESSED_MB", "IMPORT_MAX_ROWS"])
def test_the_limits_are_read_from_the_environment(setting, monkeypatch):
    import importlib

    import wsoa.settings

    monkeypatch.setenv(setting, "7")
    try:
        reloaded = importlib.reload(wsoa.settings)
        value = {
            "IMPORT_MAX_UNCOMPRESSED_MB": reloaded.IMPORT_MAX_UNCOMPRESSED_BYTES // (1024 * 1024),
            "IMPORT_MAX_ROWS": reloaded.IMPORT_MAX_ROWS,
        }[setting]
        assert value == 7
    finally:
        monkeypatch.delenv(setting)
        importlib.reload(wsoa.settings)
