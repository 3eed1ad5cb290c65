"""Write rows in the plan format as CSV or as an Excel workbook.

Every text cell that a spreadsheet program would run as a formula is written with a leading
apostrophe; the importer takes it off again, so a plan round-trips unchanged.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import tablib
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from actions.spreadsheet.cells import COLUMNS
from wsoa.lib.spreadsheet import safe_cell

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")

SHEET_TITLE = "Actions"
# Characters wide; long descriptions wrap instead of making a column screens wide.
COLUMN_WIDTH = 24


def _cell(value: Any, *, xlsx: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value if xlsx else value.isoformat()
    value = safe_cell(str(value))
    # Control characters cannot be stored in a workbook at all.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if xlsx else value


def _dataset(rows: Iterable[Mapping[str, Any]], *, xlsx: bool) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=list(COLUMNS), title=SHEET_TITLE)
    for row in rows:
        dataset.append([_cell(row.get(column), xlsx=xlsx) for column in COLUMNS])
    return dataset


def write_csv(rows: Iterable[Mapping[str, Any]]) -> bytes:
    # With a byte order mark Excel opens the file as UTF-8 (curly quotes, £) instead of guessing.
    return _dataset(rows, xlsx=False).export("csv").encode("utf-8-sig")


def write_xlsx(rows: Iterable[Mapping[str, Any]]) -> bytes:
    return _dataset(rows, xlsx=True).export("xlsx", column_width=COLUMN_WIDTH)


def write(rows: Iterable[Mapping[str, Any]], fmt: str) -> bytes:
    if fmt == "csv":
        return write_csv(rows)
    if fmt == "xlsx":
        return write_xlsx(rows)
    raise ValueError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
