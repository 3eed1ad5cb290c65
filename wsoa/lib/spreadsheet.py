"""Spreadsheet exports carry text that people typed: keep it from running as a formula."""

from typing import Any

# A cell beginning with one of these is read as a formula by Excel, LibreOffice and Sheets
# (tab and carriage return too, in some). A leading apostrophe makes it plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value`, with text that would start a formula prefixed by an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
