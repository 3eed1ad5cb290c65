"""Spreadsheet exports carry text that people typed: keep it from running as a formula."""

from typing import Any

# A cell beginning with one of these is read as a formula by Excel, LibreOffice and Sheets
# (tab and carriage return too, in some). A leading apostrophe makes it plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value`, with text that would start a formula prefixed by an apostrophe.

    Text that already starts with apostrophes before a trigger gets one more, so a reader
    that takes one apostrophe off (the plan import does) gets back exactly what was typed.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
