"""The Board table and the action list as CSV and XLSX, written by the one spreadsheet writer."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from board.selectors.dashboard import ActionLine
from board.selectors.summary import SUMMARY_HEADER, Summary
from spreadsheets.writer import CONTENT_TYPES, write, write_csv

FORMATS = CONTENT_TYPES


@dataclass(frozen=True)
class Export:
    """A table ready to download; `export()` writes it as `export_format`, or as `fmt`."""

    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    title: str
    export_format: str = "csv"

    def export(self, fmt: str | None = None) -> bytes:
        return write(fmt or self.export_format, self.header, self.rows, title=self.title)


def summary_dataset(summary: Summary) -> Export:
    """Header `theme,green,amber,red,blue,white,total`, one row per theme (1, 2, ...), Total."""
    return Export(SUMMARY_HEADER, summary.records(), title=f"BRAG {summary.as_at:%Y-%m-%d}")


def summary_csv(summary: Summary) -> str:
    """The summary download as text to print: the same rows, without the byte-order mark."""
    return write_csv(SUMMARY_HEADER, summary.records(), bom=False).decode("utf-8")


# Every action as it stood at the end of the chosen day: the columns of a Board appendix.
ACTION_COLUMNS: tuple[tuple[str, Callable[[ActionLine], Any]], ...] = (
    ("Reference", lambda line: line.action.reference),
    ("Theme", lambda line: line.theme),
    ("Action", lambda line: line.action.title),
    ("Lead", lambda line: line.lead),
    ("Lead role", lambda line: line.action.lead_role),
    ("Lead organisation", lambda line: line.action.lead_organisation),
    ("Status", lambda line: line.action.status.label),
    ("Start date", lambda line: line.action.start_date),
    ("Due date", lambda line: line.action.due_date),
    ("Completed date", lambda line: line.action.completed_date),
    ("Issue and remedial action", lambda line: line.action.remedial_action),
)


def actions_export(lines: list[ActionLine], export_format: str, *, title: str) -> Export:
    return Export(
        header=[heading for heading, _ in ACTION_COLUMNS],
        rows=[[value(line) for _, value in ACTION_COLUMNS] for line in lines],
        title=title,
        export_format=export_format,
    )
