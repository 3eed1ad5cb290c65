"""Reads of the families' voice for the signed-in pages (dashboards, the forum's page, the
revisit readiness page). The public pages read through progress.selectors instead."""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from actions.models import BRAG, Plan
from inspections.models import AreaOfWeakness, LocalArea
from voice.models import EasyReadSummary, ForumView, YouSaidWeDid


def forum_views_by_finding(plan: Plan) -> dict[int, list[ForumView]]:
    """Every forum view of the plan's findings, newest quarter first, by weakness id. One query."""
    views: dict[int, list[ForumView]] = defaultdict(list)
    rows = ForumView.objects.filter(weakness__inspection_id=plan.inspection_id).order_by(
        "weakness__number", "-quarter_start"
    )
    for view in rows:
        views[view.weakness_id].append(view)
    return dict(views)


def forum_views_of(weakness: AreaOfWeakness) -> list[ForumView]:
    return list(weakness.forum_views.order_by("-quarter_start"))


def you_said_we_did_of(
    area: LocalArea, weakness: AreaOfWeakness | None = None
) -> list[YouSaidWeDid]:
    """The area's entries in force, newest first; only those of `weakness` when given."""
    rows = YouSaidWeDid.objects.in_force().filter(local_area=area).select_related("weakness")
    if weakness is not None:
        rows = rows.filter(weakness=weakness)
    return list(rows.order_by("-date", "-pk"))


def easy_read_of(weakness: AreaOfWeakness) -> EasyReadSummary | None:
    return EasyReadSummary.objects.filter(weakness=weakness).first()


@dataclass(frozen=True)
class ForumBeside:
    """One theme on the dashboard: the officers' statuses beside the forum's latest view."""

    weakness_id: int | None
    label: str
    title: str
    actions: int
    blue_or_green: int
    view: ForumView | None


def forum_beside_status(
    plan: Plan,
    rows: Sequence[tuple[int | None, str, str, Mapping[BRAG, int]]],
    *,
    as_at: dt.date,
) -> list[ForumBeside]:
    """For each dashboard theme (weakness id, label, title, BRAG counts), the forum's newest
    view of a quarter begun by `as_at`. One query."""
    latest: dict[int, ForumView] = {}
    views = ForumView.objects.filter(
        weakness__inspection_id=plan.inspection_id, quarter_start__lte=as_at
    ).order_by("-quarter_start")
    for view in views:
        latest.setdefault(view.weakness_id, view)
    return [
        ForumBeside(
            weakness_id=weakness_id,
            label=label,
            title=title,
            actions=sum(counts.values()),
            blue_or_green=counts.get(BRAG.BLUE, 0) + counts.get(BRAG.GREEN, 0),
            view=latest.get(weakness_id) if weakness_id else None,
        )
        for weakness_id, label, title, counts in rows
    ]
