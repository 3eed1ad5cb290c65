"""What a locked Board paper holds, and how it is read back.

`freeze(plan, as_at)` takes the Board's own figures (board.selectors: the Dashboard, its
Summary and Movement, and every action line) as they stood at the end of `as_at`, with each
action's latest progress narrative and its remedial action, and writes them as plain JSON.
Nothing in it points at a live row: later status changes, edits and narratives cannot reach
it. `thaw(content)` turns the JSON back into dates and statuses for the templates.
"""

import datetime as dt
from typing import Any

from actions.models import BRAG, Action, Plan, ProgressUpdate
from board.selectors.dashboard import ActionLine, Dashboard, action_lines, dashboard
from board.selectors.summary import SummaryRow

# Raise when the shape of `content` changes; readers can then tell old papers from new.
SCHEMA = 1

# Keys whose values are dates (ISO text in the JSON).
DATE_KEYS = frozenset(
    {
        "as_at",
        "since",
        "day",
        "due_date",
        "start_date",
        "completed_date",
        "red_since",
        "last_update",
        "narrative_date",
    }
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _counts(counts: dict) -> dict[str, int]:
    return {status.value: counts.get(status, 0) for status in BRAG.ordered()}


def _summary_row(row: SummaryRow) -> dict[str, Any]:
    return {"label": row.label, "title": row.title, "counts": _counts(row.counts)}


def _line(line: ActionLine) -> dict[str, Any]:
    return {
        "id": line.action.id,
        "reference": line.action.reference,
        "title": line.action.title,
        "theme": line.theme,
        "lead": line.lead,
        "status": line.action.status.value,
        "due_date": _iso(line.action.due_date),
        "red_since": _iso(line.red_since),
        "days_red": line.days_red,
        "days_overdue": line.days_overdue,
        "last_update": _iso(line.last_update),
        "remedial_action": line.action.remedial_action,
    }


def latest_narratives(*, plan: Plan, as_at: dt.date) -> dict[int, dict[str, Any]]:
    """Action id → its newest progress update dated on or before `as_at` (one query)."""
    newest: dict[int, dict[str, Any]] = {}
    updates = (
        ProgressUpdate.objects.filter(action__plan=plan, date__lte=as_at)
        .order_by("action_id", "-date", "-created_at", "-pk")
        .values_list("action_id", "date", "narrative")
    )
    for action_id, date, narrative in updates:
        newest.setdefault(action_id, {"date": date, "narrative": narrative})
    return newest


def freeze_dashboard(board: Dashboard, lines: list[ActionLine], plan: Plan) -> dict[str, Any]:
    """The paper as JSON from the Board's figures (`board`) and every action (`lines`)."""
    as_at = board.as_at
    narratives = latest_narratives(plan=plan, as_at=as_at)
    summaries = dict(Action.objects.filter(plan=plan).values_list("id", "public_summary"))
    area = plan.local_area
    return {
        "schema": SCHEMA,
        "area": {
            "name": area.name,
            "slug": area.slug,
            "council_name": area.council_name,
            "health_partner_name": area.health_partner_name,
        },
        "plan": {
            "title": plan.title,
            "status": plan.get_status_display(),
            "is_published": plan.is_published,
        },
        "as_at": as_at.isoformat(),
        "since": board.since.isoformat(),
        "summary": {
            "rows": [_summary_row(row) for row in board.summary.rows],
            "total": _summary_row(board.summary.total),
        },
        "movement": {
            "since": board.movement.since.isoformat(),
            "deltas": [
                {"status": delta.status.value, "before": delta.before, "after": delta.after}
                for delta in board.movement.deltas
            ],
            "changes": [
                {
                    "id": change.action.id,
                    "reference": change.action.reference,
                    "title": change.action.title,
                    "before": change.before.value if change.before else None,
                    "after": change.after.value if change.after else None,
                    "direction": change.direction,
                }
                for change in board.movement.changes
            ],
        },
        "exceptions": [_line(line) for line in board.exceptions],
        "overdue": [_line(line) for line in board.overdue],
        "stale": [_line(line) for line in board.stale],
        "upcoming": [
            {"day": m.day.isoformat(), "what": m.what, "detail": m.detail}
            for m in board.outlook.upcoming
        ],
        "series": [
            {"day": point.day.isoformat(), "counts": _counts(point.counts)}
            for point in board.series
        ],
        "actions": [
            {
                **_line(line),
                "lead_role": line.action.lead_role,
                "lead_organisation": line.action.lead_organisation,
                "start_date": _iso(line.action.start_date),
                "completed_date": _iso(line.action.completed_date),
                "published": line.action.published,
                "public_summary": summaries.get(line.action.id, ""),
                "narrative": narratives.get(line.action.id, {}).get("narrative", ""),
                "narrative_date": _iso(narratives.get(line.action.id, {}).get("date")),
            }
            for line in lines
        ],
    }


def freeze(plan: Plan, as_at: dt.date) -> dict[str, Any]:
    """Every figure, list, narrative and remedial action of the plan's paper as at `as_at`."""
    board = dashboard(plan=plan, as_at=as_at)
    return freeze_dashboard(board, action_lines(plan=plan, as_at=as_at), plan)


# --- reading it back ----------------------------------------------------------------------


def thaw(value: Any, key: str = "") -> Any:
    """The JSON with dates as dates, for templates and comparisons."""
    if isinstance(value, dict):
        return {name: thaw(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [thaw(item, key) for item in value]
    if key in DATE_KEYS and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def cells(counts: dict[str, int]) -> list[tuple[BRAG, int]]:
    """Counts by status in the Board's order, as (status, count)."""
    return [(status, counts.get(status.value, 0)) for status in BRAG.ordered()]
