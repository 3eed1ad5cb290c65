"""Read the first sheet of a CSV file or an Excel workbook into numbered rows.

Only file-level problems are raised here (`SpreadsheetError`): not a spreadsheet, empty, too
big, a header row without the plan's columns. Problems with single cells are left to the
import, which reports every one of them at once.

A small file can unpack into a vast one (a workbook is a zip; a sheet can claim a million
columns), so the limits in settings (IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS,
IMPORT_MAX_UNCOMPRESSED_MB) are checked before anything is unpacked, and again row by row as
the sheet streams in.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from openpyxl import load_workbook

from spreadsheets.cells import COLUMNS, TRACKING_COLUMNS, text

# How far down a title block may push the header row.
HEADER_SEARCH_ROWS = 10
# The most Excel itself holds in a cell.
MAX_CELL_CHARACTERS = 32_767
# A workbook's XML packs about ten to one; far beyond that is a file built to unpack huge.
MAX_COMPRESSION_RATIO = 200
# Entries this small are left out of the ratio check: a near-empty part packs very well.
RATIO_CHECK_FROM_BYTES = 1024 * 1024

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls) and other old Office files
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")

NOT_A_SPREADSHEET = (
    "The file is not a spreadsheet. Upload a CSV file or an Excel workbook (.xlsx) "
    "in the plan import format."
)


class SpreadsheetError(ValueError):
    """The file as a whole cannot be imported; nothing in it was read."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet program shows it: the header is usually row 1
    cells: dict[str, Any]


@dataclass
class Sheet:
    file_name: str
    rows: list[SheetRow]
    ignored_columns: list[str] = field(default_factory=list)


def max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.IMPORT_MAX_ROWS


def max_columns() -> int:
    return settings.IMPORT_MAX_COLUMNS


def max_uncompressed_bytes() -> int:
    return settings.IMPORT_MAX_UNCOMPRESSED_BYTES


def describe_size(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return (
        f"{megabytes:.0f} MB"
        if megabytes >= 10 or megabytes.is_integer()
        else f"{megabytes:.1f} MB"
    )


def check_size(size: int) -> None:
    """Refuse an empty or oversized file before reading a byte of it."""
    if size == 0:
        raise SpreadsheetError("The file is empty.")
    if size > max_bytes():
        raise SpreadsheetError(
            f"The file is {describe_size(size)}; the largest file that can be imported is "
            f"{describe_size(max_bytes())}. Remove other sheets, images or unused rows and try again."
        )


@dataclass(frozen=True)
class Layout:
    """The columns a kind of spreadsheet has: all it may have (`columns`), those the header
    must name (`required`), and those read when present but never needed (`optional`)."""

    columns: tuple[str, ...]
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    what: str = "an action plan in the import format"
    rows_are: str = "actions"


PLAN_LAYOUT = Layout(columns=COLUMNS, required=COLUMNS, optional=TRACKING_COLUMNS)


def read_spreadsheet(
    file: IO[bytes], *, file_name: str, size: int, layout: Layout = PLAN_LAYOUT
) -> Sheet:
    """Read `file` (opened in binary mode, `size` bytes long) into a `Sheet` of `layout`'s
    columns (the plan's by default)."""
    check_size(size)
    head = file.read(8)
    file.seek(0)
    if head.startswith(_XLSX_MAGIC):
        rows = _xlsx_rows(file)
    elif head.startswith(_OLE_MAGIC):
        raise SpreadsheetError(
            "The file is an old-style Excel workbook (.xls). Open it in Excel, save it as an "
            "Excel Workbook (.xlsx) or CSV, and upload that."
        )
    elif head.startswith(_BINARY_MAGIC):
        raise SpreadsheetError(NOT_A_SPREADSHEET)
    else:
        rows = _csv_rows(file.read())
    return _sheet(rows, file_name=file_name, layout=layout)


def _check_zip(file: IO[bytes]) -> None:
    """Refuse a workbook that would unpack too big, reading only the zip's table of contents.

    zipfile stops at each entry's declared size (and a lying size fails its checksum), so the
    declared sizes bound what openpyxl can unpack.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SpreadsheetError(NOT_A_SPREADSHEET) from error
    finally:
        file.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    packed_too_tight = any(
        entry.file_size > RATIO_CHECK_FROM_BYTES
        and entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
        for entry in entries
    )
    if unpacked > max_uncompressed_bytes() or packed_too_tight:
        raise SpreadsheetError(
            f"The workbook unpacks to {describe_size(unpacked)}; the most that can be imported "
            f"is {describe_size(max_uncompressed_bytes())}. Copy the plan's table alone into a "
            "new workbook, or save it as CSV, and upload that."
        )


def _xlsx_rows(file: IO[bytes]) -> list[tuple[int, tuple]]:
    _check_zip(file)
    try:
        # data_only: the values Excel last calculated, never the formulas themselves.
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        # A zip that is not a workbook (e.g. a Word document) or a damaged workbook.
        raise SpreadsheetError(NOT_A_SPREADSHEET) from error
    try:
        if not workbook.worksheets:
            raise SpreadsheetError("The workbook has no sheets.")
        sheet = workbook.worksheets[0]
        # The size the sheet declares: read-only openpyxl pads every row out to its width.
        if (sheet.max_row or 0) > _last_row():
            raise SpreadsheetError(_too_many_rows())
        if (sheet.max_column or 0) > max_columns():
            raise SpreadsheetError(_too_many_columns())
        rows = []
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                rows.append((number, _checked(number, values)))
        except SpreadsheetError:
            raise
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            # A damaged sheet, or one whose entry is bigger than its zip says.
            raise SpreadsheetError(NOT_A_SPREADSHEET) from error
        return rows
    finally:
        workbook.close()


def _checked(number: int, values: tuple) -> tuple:
    """One row as it streams in, refused the moment the sheet goes past a limit."""
    if number > _last_row():
        raise SpreadsheetError(_too_many_rows())
    if len(values) > max_columns():
        raise SpreadsheetError(_too_many_columns())
    for value in values:
        if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
            raise SpreadsheetError(
                f"Row {number} has a cell longer than {MAX_CELL_CHARACTERS:,} characters, "
                "the most a spreadsheet cell holds."
            )
    return values


def _csv_rows(data: bytes) -> list[tuple[int, tuple]]:
    if b"\x00" in data:
        raise SpreadsheetError(NOT_A_SPREADSHEET)
    try:
        # With or without the byte-order mark that Excel (and our own export) puts first.
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # Excel on Windows saves "CSV" (not "CSV UTF-8") in this code page.
            content = data.decode("cp1252")
        except UnicodeDecodeError:
            raise SpreadsheetError(
                "The file is not a spreadsheet we can read: save it as CSV UTF-8 or as an "
                "Excel workbook (.xlsx)."
            ) from None
    rows = []
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        for number, values in enumerate(reader, 1):
            rows.append((number, _checked(number, tuple(values))))
    except csv.Error as error:
        raise SpreadsheetError(
            f"Row {reader.line_num} of the CSV file cannot be read: {error}."
        ) from None
    return rows


def _last_row() -> int:
    # The actions, their header row and a title block above it.
    return max_rows() + HEADER_SEARCH_ROWS + 1


def _too_many_rows() -> str:
    return (
        f"The file has more than {max_rows():,} rows; a plan can be imported in parts. "
        "Delete any unused rows below the table and try again."
    )


def _too_many_columns() -> str:
    return (
        f"The file has more than {max_columns()} columns; the plan import format has "
        f"{len(COLUMNS)}. Delete unused columns to the right of the table and try again."
    )


def _heading(value: Any) -> str:
    return "_".join(text(value).lower().replace("-", " ").split())


def _headings(values: tuple) -> set[str]:
    return {_heading(value) for value in values}


def _is_blank(values: tuple) -> bool:
    return all(text(value) == "" for value in values)


def _sheet(rows: list[tuple[int, tuple]], *, file_name: str, layout: Layout) -> Sheet:
    columns = layout.columns
    content = [(number, values) for number, values in rows if not _is_blank(values)]
    if not content:
        raise SpreadsheetError("The file is empty.")
    # Council workbooks often have a title above the table: the header is the first row that
    # names any of the plan's columns.
    candidates = content[:HEADER_SEARCH_ROWS]
    found = [i for i, (_, values) in enumerate(candidates) if _headings(values) & set(columns)]
    if not found:
        raise SpreadsheetError(
            f"Row {content[0][0]} should be the header row naming the columns "
            f"({', '.join(layout.required)}), but none of them is there. Check the file is "
            f"{layout.what}."
        )
    header_number, header = content[found[0]]
    content = content[found[0] :]
    headings = [_heading(value) for value in header]
    repeated = sorted({h for h in headings if h in columns and headings.count(h) > 1})
    if repeated:
        raise SpreadsheetError(
            f"The header row has the column {', '.join(repeated)} more than once."
        )
    missing = [column for column in layout.required if column not in headings]
    if missing:
        raise SpreadsheetError(
            f"The header row is missing the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}."
        )
    known = (*columns, *layout.optional)
    positions = {heading: index for index, heading in enumerate(headings) if heading in known}
    ignored = [
        text(value)
        for value, heading in zip(header, headings, strict=True)
        if heading and heading not in known
    ]
    sheet_rows = []
    for number, values in content[1:]:
        cells = {
            column: values[index] if index < len(values) else None
            for column, index in positions.items()
        }
        if _is_blank(tuple(value for column, value in cells.items() if column in columns)):
            continue
        sheet_rows.append(SheetRow(number=number, cells=cells))
    if not sheet_rows:
        raise SpreadsheetError(f"The file has a header row but no {layout.rows_are} under it.")
    return Sheet(file_name=file_name, rows=sheet_rows, ignored_columns=ignored)
