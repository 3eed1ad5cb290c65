"""The columns of the plan spreadsheet and how one cell is read and written.

Reading turns whatever a council's workbook holds (text, numbers, real Excel dates, booleans)
into typed values or a `CellError` whose message is shown as "row N, column C: message".
Writing is the inverse, so an exported plan imports again with no changes.
See docs/import-format.md.
"""

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from openpyxl.utils.datetime import from_excel

from actions.models import BRAG
from spreadsheets.writer import FORMULA_TRIGGERS

COLUMNS = (
    "reference",
    "area_of_weakness",
    "commitment",
    "workstream",
    "title",
    "description",
    "lead_role",
    "lead_organisation",
    "lead_email",
    "start_date",
    "due_date",
    "status",
    "completed_date",
    "success_measure",
    "evidence",
    "remedial_action",
    "public_summary",
    "published",
)
# Written by the export, optional on import: the version of each action the file was made
# from and when, so an import can tell the file's edits from changes made in the product since.
TRACKING_COLUMNS = ("version", "exported_at")

STATUS_WORDS = {
    **{choice.label.lower(): choice.value for choice in BRAG},
    "complete": BRAG.BLUE,
    "completed": BRAG.BLUE,
    "on track": BRAG.GREEN,
    "not started": BRAG.WHITE,
}

_TRUE = {"yes", "true", "1"}
_FALSE = {"no", "false", "0", ""}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# "1", "1 - Joint working", "1. Joint working", "WS1 EHC Planning", "Workstream 2: Local Offer"
_NUMBERED = re.compile(
    r"^(?:ws|workstream|area|aow)?\s*(\d+)(?:\s*[-–—:.)]\s*|\s+|$)(.*)$", re.IGNORECASE | re.DOTALL
)
# "2", "1.2", "2 - We will ...", "1.2 - We will ..."
_COMMITMENT = re.compile(r"^(?:(\d+)\.)?(\d+)(?:\s*[-–—:.)]\s*|\s+|$)(.*)$", re.DOTALL)


class CellError(ValueError):
    """A cell whose value cannot be read; the message is shown next to its row and column."""


def text(value: Any) -> str:
    """The cell as trimmed text, with an export's formula guard taken off again."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time.min else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    result = clean_text(str(value))
    if result.startswith("'") and result.lstrip("'").startswith(FORMULA_TRIGGERS):
        result = result[1:]
    return result


def clean_text(value: str) -> str:
    """Text as the import stores it: trimmed, with one kind of line break."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A date typed into a cell formatted as a number: Excel's serial day count.
        if 1 <= value <= 2958465:
            return from_excel(value).date()
        raise CellError(f"{text(value)} is not a date; use YYYY-MM-DD or DD/MM/YYYY.")
    raw = text(value)
    if not raw:
        return None
    if match := _ISO_DATE.match(raw):
        year, month, day = (int(part) for part in match.groups())
    elif match := _UK_DATE.match(raw):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise CellError(f'"{raw}" is not a date; use YYYY-MM-DD or DD/MM/YYYY.')
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"{raw} is not a real date.") from None


def parse_version(value: Any) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        number = int(value)
    else:
        raw = text(value)
        if not raw:
            return None
        if not raw.isdigit():
            raise CellError(f'"{raw}" is not a version number; leave the exported number as it is.')
        number = int(raw)
    if number < 1:
        raise CellError(f"{number} is not a version number; leave the exported number as it is.")
    return number


def parse_exported_at(value: Any) -> dt.datetime | None:
    """When the file was exported; a bare date counts from the start of that day."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    else:
        raw = text(value)
        if not raw:
            return None
        try:
            moment = dt.datetime.fromisoformat(raw)
        except ValueError:
            date = parse_date(raw)
            if date is None:
                return None
            moment = dt.datetime.combine(date, dt.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def format_exported_at(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def parse_status(value: Any) -> str:
    raw = text(value)
    if not raw:
        return BRAG.WHITE
    key = " ".join(raw.replace("-", " ").replace("_", " ").lower().split())
    try:
        return STATUS_WORDS[key]
    except KeyError:
        raise CellError(
            f'"{raw}" is not a BRAG status; use Blue, Red, Amber, Green or White '
            "(Complete, Completed, On track and Not started are also understood)."
        ) from None


def parse_published(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise CellError(
        f'"{text(value)}" is not yes or no; use yes, no, true, false, 1, 0 or leave it blank.'
    )


def parse_numbered(value: Any, *, what: str, example: str) -> tuple[int, str] | None:
    """A number with an optional name: `1`, `1 - Joint working`; None when blank."""
    raw = text(value)
    if not raw:
        return None
    match = _NUMBERED.match(raw)
    if not match:
        raise CellError(
            f'"{raw}" does not start with the number of {what}; write e.g. 1 or "{example}".'
        )
    return int(match.group(1)), match.group(2).strip()


def parse_commitment(value: Any) -> tuple[int | None, int | None, str] | None:
    """`2`, `1.2`, `2 - We will ...`, `1.2 - We will ...` or `We will ...` as
    (weakness number, number, text); the numbers are None when the cell gives only the text.
    """
    raw = text(value)
    if not raw:
        return None
    match = _COMMITMENT.match(raw)
    if not match:
        # Most councils' workbooks give the commitment as its words alone.
        return None, None, raw
    weakness_number = int(match.group(1)) if match.group(1) else None
    return weakness_number, int(match.group(2)), match.group(3).strip()


def commitment_key(words: str) -> str:
    """A commitment's text as the import matches it: without regard to case or spacing."""
    return " ".join(words.split()).casefold()


def format_numbered(number: int, name: str) -> str:
    name = " ".join(name.split())
    return f"{number} - {name}" if name else str(number)


def format_status(status: str) -> str:
    return BRAG(status).label


def format_published(published: bool) -> str:
    return "yes" if published else "no"
