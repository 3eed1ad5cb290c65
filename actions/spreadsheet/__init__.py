"""Reading and writing action plans as spreadsheets (CSV and XLSX). Format: docs/import-format.md."""

from actions.spreadsheet.cells import COLUMNS, CellError
from actions.spreadsheet.reader import Sheet, SheetRow, SpreadsheetError, read_spreadsheet
from actions.spreadsheet.writer import (
    CSV_CONTENT_TYPE,
    FORMATS,
    XLSX_CONTENT_TYPE,
    write,
    write_csv,
    write_xlsx,
)

__all__ = [
    "COLUMNS",
    "CSV_CONTENT_TYPE",
    "FORMATS",
    "XLSX_CONTENT_TYPE",
    "CellError",
    "Sheet",
    "SheetRow",
    "SpreadsheetError",
    "read_spreadsheet",
    "write",
    "write_csv",
    "write_xlsx",
]
