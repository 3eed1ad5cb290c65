"""Export a whole plan in the import format (docs/import-format.md), as CSV or XLSX.

Reads only. An exported file imports again with no changes.
"""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from actions.models import Action, Plan
from actions.rules import reference_key
from spreadsheets.cells import (
    COLUMNS,
    TRACKING_COLUMNS,
    format_exported_at,
    format_numbered,
    format_published,
    format_status,
)
from spreadsheets.writer import CONTENT_TYPES, write

SHEET_TITLE = "Actions"


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    file_name: str


def action_row(action: Action) -> dict[str, Any]:
    weakness, commitment, workstream = action.weakness, action.commitment, action.workstream
    return {
        "reference": action.reference,
        "area_of_weakness": format_numbered(weakness.number, weakness.label),
        "commitment": f"{commitment.reference} - {commitment.text}" if commitment else "",
        "workstream": format_numbered(workstream.number, workstream.name) if workstream else "",
        "title": action.title,
        "description": action.description,
        "lead_role": action.lead_role,
        "lead_organisation": action.lead_organisation,
        "lead_email": action.lead.email if action.lead else "",
        "start_date": action.start_date,
        "due_date": action.due_date,
        "status": format_status(action.status),
        "completed_date": action.completed_date,
        "success_measure": action.success_measure,
        "evidence": action.evidence,
        "remedial_action": action.remedial_action,
        "public_summary": action.public_summary,
        "published": format_published(action.published),
        "version": action.version,
    }


def plan_rows(*, plan: Plan) -> list[dict[str, Any]]:
    """Every action of the plan, by area of weakness then reference, as spreadsheet rows."""
    actions = plan.actions.select_related("weakness", "commitment__weakness", "workstream", "lead")
    ordered = sorted(
        actions, key=lambda action: (action.weakness.number, reference_key(action.reference))
    )
    return [action_row(action) for action in ordered]


def plan_export(*, plan: Plan, fmt: str) -> ExportFile:
    """The plan with, on every row, the action's version and the moment of export, which
    let a re-import tell the file's edits from changes made in the product meanwhile."""
    exported_at = format_exported_at(timezone.now())
    header = (*COLUMNS, *TRACKING_COLUMNS)
    rows = (
        [*(row[column] for column in COLUMNS), row["version"], exported_at]
        for row in plan_rows(plan=plan)
    )
    content = write(fmt, header, rows, title=SHEET_TITLE)
    stamp = timezone.localdate().isoformat()
    return ExportFile(
        content=content,
        content_type=CONTENT_TYPES[fmt],
        file_name=f"{plan.local_area.slug}-action-plan-{stamp}.{fmt}",
    )
