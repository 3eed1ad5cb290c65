"""The Board table and the action list as CSV and XLSX, safe to open in a spreadsheet."""

import django_tables2 as tables
import tablib
from django_tables2.export import TableExport

from board.selectors.dashboard import ActionLine
from board.selectors.summary import SUMMARY_HEADER, Summary
from wsoa.lib.spreadsheet import safe_cell

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def summary_dataset(summary: Summary) -> tablib.Dataset:
    """Header `theme,green,amber,red,blue,white,total`, one row per theme (1, 2, ...), Total."""
    dataset = tablib.Dataset(headers=list(SUMMARY_HEADER), title=f"BRAG {summary.as_at:%Y-%m-%d}")
    for record in summary.records():
        dataset.append([safe_cell(value) for value in record])
    return dataset


def summary_csv(summary: Summary) -> str:
    return summary_dataset(summary).export("csv")


class ActionExportTable(tables.Table):
    """Every action as it stood at the end of the chosen day: the columns of a Board appendix."""

    reference = tables.Column(accessor="action__reference", verbose_name="Reference")
    theme = tables.Column(verbose_name="Theme")
    title = tables.Column(accessor="action__title", verbose_name="Action")
    lead = tables.Column(verbose_name="Lead")
    lead_role = tables.Column(accessor="action__lead_role", verbose_name="Lead role")
    lead_organisation = tables.Column(
        accessor="action__lead_organisation", verbose_name="Lead organisation"
    )
    status = tables.Column(accessor="action__status__label", verbose_name="Status")
    start_date = tables.DateColumn(accessor="action__start_date", verbose_name="Start date")
    due_date = tables.DateColumn(accessor="action__due_date", verbose_name="Due date")
    completed_date = tables.DateColumn(
        accessor="action__completed_date", verbose_name="Completed date"
    )
    remedial_action = tables.Column(
        accessor="action__remedial_action", verbose_name="Issue and remedial action"
    )

    class Meta:
        orderable = False

    def value_start_date(self, value):
        return value.isoformat() if value else ""

    value_due_date = value_start_date
    value_completed_date = value_start_date

    def as_values(self, exclude_columns=None):
        """Rows for export, with text that a spreadsheet would run as a formula neutralised."""
        for row in super().as_values(exclude_columns=exclude_columns):
            yield [safe_cell(value) for value in row]


def actions_export(lines: list[ActionLine], export_format: str, *, title: str) -> TableExport:
    return TableExport(export_format, ActionExportTable(lines), dataset_kwargs={"title": title})
