"""Everything the public progress pages may read, and nothing more.

Public pages (and the public CSV) read only through these selectors. They return frozen
dataclasses built from explicit field lists, never model instances, so a template cannot
follow a relation to internal data: no progress narrative, remedial notes, evidence, success
measures, monitoring visit notes or people's names. Only published actions of a published
plan are returned; an action's lead is shown by role and organisation.

Each selector issues a fixed number of queries, however many actions a plan has.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from actions.models import (
    BRAG,
    Action,
    Commitment,
    KeyObjective,
    MonitoringVisit,
    Plan,
    ProgressUpdate,
)
from inspections.models import AreaOfWeakness, Inspection, LocalArea
from wsoa.lib.page_cache import kept_stamp

# The only action fields that ever leave the building.
PUBLIC_ACTION_FIELDS = (
    "reference",
    "title",
    "public_summary",
    "status",
    "due_date",
    "completed_date",
    "lead_role",
    "lead_organisation",
    "weakness_id",
    "commitment_id",
)


@dataclass(frozen=True)
class PublicArea:
    name: str
    slug: str
    council_name: str
    health_partner_name: str


@dataclass(frozen=True)
class PublicInspection:
    kind: str
    framework: str
    start_date: dt.date
    end_date: dt.date
    letter_published_date: dt.date | None
    outcome: str


@dataclass(frozen=True)
class PublicAction:
    reference: str
    title: str
    public_summary: str
    status: BRAG
    due_date: dt.date | None
    completed_date: dt.date | None
    lead_role: str
    lead_organisation: str
    weakness_number: int
    commitment_reference: str
    last_updated: dt.date | None

    @property
    def lead(self) -> str:
        return ", ".join(part for part in (self.lead_role, self.lead_organisation) if part)


@dataclass(frozen=True)
class PublicCommitment:
    reference: str
    text: str


@dataclass(frozen=True)
class StatusCount:
    status: BRAG
    count: int


@dataclass(frozen=True)
class PublicWeakness:
    number: int
    kind: str
    short_title: str
    finding: str
    judgement: str
    judgement_narrative: str
    revisit: PublicInspection | None
    commitments: list[PublicCommitment] = field(default_factory=list)
    actions: list[PublicAction] = field(default_factory=list)

    @property
    def status_counts(self) -> list[StatusCount]:
        return [
            StatusCount(status, sum(1 for a in self.actions if a.status == status))
            for status in BRAG.ordered()
        ]

    @property
    def last_updated(self) -> dt.date | None:
        return max((a.last_updated for a in self.actions if a.last_updated), default=None)


@dataclass(frozen=True)
class PublicKeyObjective:
    number: int
    title: str
    text: str


@dataclass(frozen=True)
class PublicMonitoringVisit:
    title: str
    date: dt.date
    made_by: str
    grade: str


@dataclass(frozen=True)
class PublicPlan:
    area: PublicArea
    title: str
    kind: str
    vision: str
    submitted_date: dt.date | None
    fit_for_purpose_date: dt.date | None
    inspection: PublicInspection
    revisits: list[PublicInspection]
    key_objectives: list[PublicKeyObjective]
    weaknesses: list[PublicWeakness]
    monitoring_visits: list[PublicMonitoringVisit]

    @property
    def actions(self) -> list[PublicAction]:
        return [action for weakness in self.weaknesses for action in weakness.actions]


@dataclass(frozen=True)
class StatusChange:
    date: dt.date
    status: BRAG


@dataclass(frozen=True)
class PublicActionPage:
    area: PublicArea
    plan_title: str
    action: PublicAction
    weakness: PublicWeakness
    commitment: PublicCommitment | None
    timeline: list[StatusChange]


# --- building blocks -----------------------------------------------------------------------


def _published_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(is_published=True).order_by(
        F("submitted_date").desc(nulls_last=True), "-pk"
    )


def _published_plan(area_slug: str) -> Plan | None:
    """The area's published plan: its most recently submitted one, if it has several."""
    return (
        _published_plans()
        .filter(local_area__slug=area_slug)
        .select_related("local_area", "inspection")
        .first()
    )


def _area(area: LocalArea) -> PublicArea:
    return PublicArea(area.name, area.slug, area.council_name, area.health_partner_name)


def _inspection(inspection: Inspection) -> PublicInspection:
    return PublicInspection(
        kind=inspection.get_kind_display(),
        framework=inspection.get_framework_display(),
        start_date=inspection.start_date,
        end_date=inspection.end_date,
        letter_published_date=inspection.letter_published_date,
        outcome=inspection.get_outcome_display() if inspection.outcome else "",
    )


def _weaknesses(plan: Plan) -> list[PublicWeakness]:
    rows = AreaOfWeakness.objects.filter(inspection_id=plan.inspection_id).select_related("revisit")
    return [
        PublicWeakness(
            number=row.number,
            kind=row.get_kind_display(),
            short_title=row.short_title,
            finding=row.finding,
            judgement=(
                row.get_judgement_display()
                if row.judgement != AreaOfWeakness.Judgement.NOT_REVISITED
                else ""
            ),
            judgement_narrative=row.judgement_narrative,
            revisit=_inspection(row.revisit) if row.revisit else None,
        )
        for row in rows.order_by("number")
    ]


def _published_action_rows(plan: Plan) -> QuerySet[Action, dict[str, Any]]:
    """Published actions of `plan` as dicts of public fields, with their last update.

    The last update is the later of the newest progress update's date and the newest change
    recorded in the action's history while it was published.
    """
    last_change = (
        Action.history.filter(id=OuterRef("pk"), published=True)
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    return (
        Action.objects.filter(plan=plan)
        .published()
        .in_force()
        .order_by("weakness__number", "reference")
        .annotate(
            weakness_number=F("weakness__number"),
            commitment_number=F("commitment__number"),
            last_progress=Max("progress_updates__date"),
            last_change=Subquery(last_change),
        )
        .values(
            "id",
            *PUBLIC_ACTION_FIELDS,
            "weakness_number",
            "commitment_number",
            "last_progress",
            "last_change",
        )
    )


def _public_action(row: dict[str, Any]) -> PublicAction:
    last_change = row["last_change"]
    candidates = [row["last_progress"], timezone.localdate(last_change) if last_change else None]
    commitment_number = row["commitment_number"]
    return PublicAction(
        reference=row["reference"],
        title=row["title"],
        public_summary=row["public_summary"],
        status=BRAG(row["status"]),
        due_date=row["due_date"],
        completed_date=row["completed_date"],
        lead_role=row["lead_role"],
        lead_organisation=row["lead_organisation"],
        weakness_number=row["weakness_number"],
        commitment_reference=(
            f"{row['weakness_number']}.{commitment_number}" if commitment_number else ""
        ),
        last_updated=max((d for d in candidates if d), default=None),
    )


def _visit(visit: MonitoringVisit) -> PublicMonitoringVisit:
    made_by = " and ".join(
        name for name, flag in (("DfE", visit.by_dfe), ("NHS England", visit.by_nhse)) if flag
    )
    return PublicMonitoringVisit(
        title=visit.title,
        date=visit.date,
        made_by=made_by,
        grade=visit.get_grade_display() if visit.grade else "Not yet graded",
    )


# --- selectors -----------------------------------------------------------------------------


def published_areas() -> list[PublicArea]:
    """The local areas that have a published plan, by name. One query."""
    areas = LocalArea.objects.filter(plans__is_published=True).distinct().order_by("name")
    return [_area(area) for area in areas]


def published_plan(area_slug: str) -> PublicPlan | None:
    """The public page of an area's published plan, or None if it has none. Six queries."""
    plan = _published_plan(area_slug)
    if plan is None:
        return None
    weaknesses = _weaknesses(plan)
    by_number = {w.number: w for w in weaknesses}
    commitments = Commitment.objects.filter(weakness__inspection_id=plan.inspection_id).values(
        "number", "text", weakness_number=F("weakness__number")
    )
    for commitment in commitments.order_by("weakness__number", "number"):
        number = commitment["weakness_number"]
        by_number[number].commitments.append(
            PublicCommitment(f"{number}.{commitment['number']}", commitment["text"])
        )
    for row in _published_action_rows(plan):
        by_number[row["weakness_number"]].actions.append(_public_action(row))
    objectives = [
        PublicKeyObjective(o.number, o.title, o.text)
        for o in KeyObjective.objects.filter(plan=plan).only("number", "title", "text")
    ]
    visits = [_visit(v) for v in MonitoringVisit.objects.filter(plan=plan).order_by("date")]
    revisits = {w.revisit for w in weaknesses if w.revisit}
    return PublicPlan(
        area=_area(plan.local_area),
        title=plan.title,
        kind=plan.get_kind_display(),
        vision=plan.vision,
        submitted_date=plan.submitted_date,
        fit_for_purpose_date=plan.fit_for_purpose_date,
        inspection=_inspection(plan.inspection),
        revisits=sorted(revisits, key=lambda r: r.start_date),
        key_objectives=objectives,
        weaknesses=weaknesses,
        monitoring_visits=visits,
    )


def published_action(area_slug: str, reference: str) -> PublicActionPage | None:
    """One published action of the area's published plan with its status timeline, or None."""
    plan = _published_plan(area_slug)
    if plan is None:
        return None
    row = _published_action_rows(plan).filter(reference=reference).first()
    if row is None:
        return None
    action = _public_action(row)
    weakness = next(w for w in _weaknesses(plan) if w.number == action.weakness_number)
    commitment = None
    if row["commitment_id"]:
        text = Commitment.objects.values_list("text", flat=True).get(pk=row["commitment_id"])
        commitment = PublicCommitment(action.commitment_reference, text)
    return PublicActionPage(
        area=_area(plan.local_area),
        plan_title=plan.title,
        action=action,
        weakness=weakness,
        commitment=commitment,
        timeline=_status_timeline(row["id"]),
    )


def _status_timeline(action_id: int) -> list[StatusChange]:
    """The dates an action's status changed, from its history: dates and statuses only."""
    rows = (
        Action.history.filter(id=action_id)
        .exclude(history_type="-")
        .order_by("history_date", "history_id")
        .values_list("history_date", "status")
    )
    timeline: list[StatusChange] = []
    for changed_at, status in rows:
        if not timeline or timeline[-1].status != status:
            timeline.append(StatusChange(timezone.localdate(changed_at), BRAG(status)))
    return timeline


# --- freshness, for Last-Modified ----------------------------------------------------------


def _newest(queryset: QuerySet, field_name: str) -> Subquery:
    return Subquery(queryset.order_by(f"-{field_name}").values(field_name)[:1])


def published_areas_last_modified() -> dt.datetime | None:
    """When the list of areas with a published plan last changed (a plan was edited)."""
    return kept_stamp(
        "areas-last-change",
        lambda: Plan.history.aggregate(newest=Max("history_date"))["newest"],
        timeout=LAST_CHANGE_TIMEOUT,
    )


def area_last_change(area_slug: str) -> dt.datetime | None:
    """The area's last change: THE one place that says when its public pages last changed.

    It answers conditional GETs (Last-Modified) and keys the copies of the public pages kept
    in Django's cache, so whatever it covers shows at once when it changes. Public content
    added later (published measures, forum views, "You said, we did" entries, published
    Board papers...) adds its newest timestamp here, and nowhere else: `max()` of one more
    stamp. None when the area has no published plan.

    With a shared cache (Redis) the stamp itself is kept until the next write anywhere
    (`wsoa.lib.page_cache.kept_stamp`), so a page served from the cache costs no query.
    """
    return kept_stamp(
        f"area-last-change:{area_slug}",
        lambda: published_plan_last_modified(area_slug),
        timeout=LAST_CHANGE_TIMEOUT,
    )


# A backstop: a kept stamp is asked afresh after this many seconds even without a write.
LAST_CHANGE_TIMEOUT = 300


def published_plan_last_modified(area_slug: str) -> dt.datetime | None:
    """The newest change to anything an area's public pages show, in one query.

    Counts every change to an action that has ever been published (so unpublishing one
    counts too), progress updates of published actions, and changes to the plan, its
    inspections, weaknesses, commitments, key objectives and monitoring visits. None when
    the area has no published plan.
    """
    # The two id lists below sit inside another subquery, so their outer reference is two up.
    ever_published = Action.history.filter(plan_id=OuterRef(OuterRef("pk")), published=True).values(
        "id"
    )
    weakness_ids = AreaOfWeakness.objects.filter(
        inspection_id=OuterRef(OuterRef("inspection_id"))
    ).values("id")
    stamps = (
        _published_plans()
        .filter(local_area__slug=area_slug)
        .annotate(
            plan_changed=_newest(Plan.history.filter(id=OuterRef("pk")), "history_date"),
            actions_changed=_newest(
                Action.history.filter(plan_id=OuterRef("pk"), id__in=ever_published),
                "history_date",
            ),
            progress_changed=_newest(
                ProgressUpdate.objects.filter(
                    action__plan_id=OuterRef("pk"), action__published=True
                ),
                "created_at",
            ),
            inspections_changed=_newest(
                Inspection.history.filter(local_area_id=OuterRef("local_area_id")),
                "history_date",
            ),
            weaknesses_changed=_newest(
                AreaOfWeakness.history.filter(inspection_id=OuterRef("inspection_id")),
                "history_date",
            ),
            commitments_changed=_newest(
                Commitment.history.filter(weakness_id__in=weakness_ids), "history_date"
            ),
            objectives_changed=_newest(
                KeyObjective.history.filter(plan_id=OuterRef("pk")), "history_date"
            ),
            visits_changed=_newest(
                MonitoringVisit.history.filter(plan_id=OuterRef("pk")), "history_date"
            ),
        )
        .values(
            "plan_changed",
            "actions_changed",
            "progress_changed",
            "inspections_changed",
            "weaknesses_changed",
            "commitments_changed",
            "objectives_changed",
            "visits_changed",
        )
        .first()
    )
    if stamps is None:
        return None
    return max((stamp for stamp in stamps.values() if isinstance(stamp, dt.datetime)), default=None)
