"""Write a table as CSV or as an Excel workbook: every CSV and XLSX the product produces.

The rules are here and nowhere else:

- Text that a spreadsheet program would run as a formula is written with a leading
  apostrophe; the plan import takes it off again, so a plan round-trips unchanged.
- Characters a workbook cannot store (control characters such as the vertical tab that text
  pasted from Word carries) are removed, from CSV files as well, so both say the same.
- A CSV starts with a UTF-8 byte-order mark, so Excel reads it as UTF-8 (£, curly quotes)
  instead of guessing.
- In a workbook dates are dates and numbers are numbers; a CSV writes dates as YYYY-MM-DD.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}
FORMATS = tuple(CONTENT_TYPES)

# A cell beginning with one of these is read as a formula by Excel, LibreOffice and Sheets
# (tab and carriage return too, in some). A leading apostrophe makes it plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

BOM = "\ufeff"
# Characters wide; long text wraps instead of making a column screens wide.
COLUMN_WIDTH = 24
# Excel refuses sheet names longer than this or with any of these characters.
_TITLE_LENGTH = 31
_TITLE_FORBIDDEN = str.maketrans({character: "-" for character in "\\/*?:[]"})

Row = Sequence[Any]


def safe_cell(value: Any) -> Any:
    """`value`, with text that would start a formula prefixed by an apostrophe.

    Text that already starts with apostrophes before a trigger gets one more, so a reader
    that takes one apostrophe off (the plan import does) gets back exactly what was typed.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def cell(value: Any, *, fmt: str) -> Any:
    """`value` as a cell of a `fmt` file: typed for a workbook, text or a number for a CSV."""
    if value is None:
        return None if fmt == "xlsx" else ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            # A workbook cannot hold a time zone: the time as people here read it.
            value = timezone.make_naive(value)
        return value if fmt == "xlsx" else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value if fmt == "xlsx" else value.isoformat()
    if isinstance(value, bool | int | float | Decimal):
        return value
    # Removed before the guard, so a removed character cannot hide a formula behind it.
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if not text and fmt == "xlsx":
        return None
    return safe_cell(text)


def write_csv(header: Row, rows: Iterable[Row], *, bom: bool = True) -> bytes:
    """The table as CSV. `bom=False` only for text printed to a terminal or piped on."""
    out = io.StringIO(newline="")
    if bom:
        out.write(BOM)
    writer = csv.writer(out)
    for row in _chain(header, rows):
        writer.writerow([cell(value, fmt="csv") for value in row])
    return out.getvalue().encode("utf-8")


def write_xlsx(header: Row, rows: Iterable[Row], *, title: str) -> bytes:
    """The table as the one sheet, named `title`, of a workbook; the header row is bold."""
    # Write-only: rows go to the file as they come instead of piling up as cell objects.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title))
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
    sheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    sheet.append([_xlsx_cell(sheet, value, font=bold) for value in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value, alignment=wrap) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write(fmt: str, header: Row, rows: Iterable[Row], *, title: str) -> bytes:
    """The table in `fmt` ("csv" or "xlsx"); `title` names the workbook's sheet."""
    if fmt == "csv":
        return write_csv(header, rows)
    if fmt == "xlsx":
        return write_xlsx(header, rows, title=title)
    raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")


def _chain(header: Row, rows: Iterable[Row]) -> Iterable[Row]:
    yield header
    yield from rows


def _xlsx_cell(sheet, value: Any, *, font=None, alignment=None) -> Cell:
    result = WriteOnlyCell(sheet, value=cell(value, fmt="xlsx"))
    if font is not None:
        result.font = font
    if alignment is not None and isinstance(result.value, str) and "\n" in result.value:
        result.alignment = alignment
    return result


def _sheet_title(title: str) -> str:
    return title.translate(_TITLE_FORBIDDEN)[:_TITLE_LENGTH] or "Sheet1"
