"""Everything the public progress pages may read, and nothing more.

Public pages (and the public CSV) read only through these selectors. They return frozen
dataclasses built from explicit field lists, never model instances, so a template cannot
follow a relation to internal data: no progress narrative, remedial notes, evidence, success
measures, monitoring visit notes or people's names. Only published actions of a published
plan are returned; an action's lead is shown by role and organisation.

Each selector issues a fixed number of queries, however many actions a plan has.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone

from actions import rules
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
from measures.models import Measure, MeasureValue, Milestone
from measures.selectors import PublicMeasure, public_measures
from voice.models import EasyReadSummary, ForumRating, ForumView, YouSaidWeDid, quarter_label
from wsoa.lib.page_cache import kept_stamp

# The only action fields that ever leave the building.
PUBLIC_ACTION_FIELDS = (
    "reference",
    "title",
    "public_summary",
    "status",
    "due_date",
    "original_due_date",
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
    letter_url: str = ""


# Each status in plain English, for parents: what it means and what happens next.
PLAIN_MEANINGS = {
    BRAG.GREEN: "on track to finish on time",
    BRAG.AMBER: "some delay or problem; the council is dealing with it",
    BRAG.RED: "running late or stuck; the council has a plan to fix it",
    BRAG.BLUE: "done",
    BRAG.WHITE: "not started yet",
}


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
    original_due_date: dt.date | None = None
    today: dt.date | None = None

    @property
    def plain_meaning(self) -> str:
        return PLAIN_MEANINGS[self.status]

    @property
    def is_late(self) -> bool:
        """Past its due date and not done."""
        return not self.completed_date and rules.is_overdue(
            status=self.status, due_date=self.due_date, today=self.today or timezone.localdate()
        )

    @property
    def first_due_date(self) -> dt.date | None:
        """The due date first agreed (before any new date was set)."""
        return self.original_due_date or self.due_date

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
class PublicForumView:
    """The parent carer forum's published view of a finding in one quarter."""

    weakness_number: int
    quarter: str
    quarter_start: dt.date
    rating: str
    rating_value: str
    rating_meaning: str
    words: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class PublicYouSaidWeDid:
    entry_id: int
    date: dt.date
    weakness_number: int | None
    weakness_title: str
    you_said: str
    we_did: str
    evidence: str
    updated_at: dt.datetime


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
    # The forum's published views, newest quarter first, and the easy-read summary.
    forum_views: list[PublicForumView] = field(default_factory=list)
    easy_read: list[str] = field(default_factory=list)
    # Published measures of the finding (measures.selectors' public read model).
    measures: list[PublicMeasure] = field(default_factory=list)

    @property
    def forum_view(self) -> PublicForumView | None:
        return self.forum_views[0] if self.forum_views else None

    @property
    def easy_read_text(self) -> str:
        return self.easy_read[0] if self.easy_read else ""

    @property
    def late_actions(self) -> list[PublicAction]:
        return [a for a in self.actions if a.is_late]

    @property
    def progress_sentence(self) -> str:
        """Progress on the finding in one plain sentence."""
        total = len(self.actions)
        if not total:
            return "No actions for this finding have been published yet."
        done = sum(1 for a in self.actions if a.status == BRAG.BLUE)
        on_track = sum(1 for a in self.actions if a.status == BRAG.GREEN)
        late = len(self.late_actions)
        troubled = sum(1 for a in self.actions if a.status in (BRAG.AMBER, BRAG.RED))
        parts = [f"{done} of {total} action{'s' if total != 1 else ''} done"]
        if on_track:
            parts.append(f"{on_track} on track")
        if troubled:
            parts.append(f"{troubled} delayed or stuck")
        if late:
            parts.append(f"{late} past {'its' if late == 1 else 'their'} due date")
        return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + "."

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
    you_said_we_did_count: int = 0

    @property
    def letters(self) -> list[PublicInspection]:
        """The inspection and revisit letters that can be read online."""
        return [i for i in (self.inspection, *self.revisits) if i.letter_url]

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
        letter_url=inspection.letter_url,
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


def _public_action(row: dict[str, Any], today: dt.date | None = None) -> PublicAction:
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
        original_due_date=row["original_due_date"],
        today=today,
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


def published_plan(area_slug: str, *, with_voice: bool = True) -> PublicPlan | None:
    """The public page of an area's published plan, or None if it has none. Six queries, and
    more `with_voice`: the forum's views, easy-read summaries, "You said, we did" and the
    published measures."""
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
    today = timezone.localdate()
    for row in _published_action_rows(plan):
        by_number[row["weakness_number"]].actions.append(_public_action(row, today))
    if with_voice:
        for view in _published_forum_views(plan):
            by_number[view.weakness_number].forum_views.append(view)
        easy_reads = EasyReadSummary.objects.filter(
            weakness__inspection_id=plan.inspection_id, published=True
        ).values_list("weakness__number", "text")
        for number, text in easy_reads:
            by_number[number].easy_read.append(text)
        for measure in public_measures(plan=plan, as_at=today):
            for number in measure.finding_numbers:
                if number in by_number:
                    by_number[number].measures.append(measure)
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
        you_said_we_did_count=_published_entries(plan).count() if with_voice else 0,
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


# --- the families' voice ---------------------------------------------------------------------


def _published_forum_views(plan: Plan) -> list[PublicForumView]:
    """The forum's published views of the plan's findings, newest quarter first. One query."""
    rows = (
        ForumView.objects.filter(weakness__inspection_id=plan.inspection_id, published=True)
        .order_by("weakness__number", "-quarter_start")
        .values("quarter_start", "rating", "words", "updated_at", number=F("weakness__number"))
    )
    return [
        PublicForumView(
            weakness_number=row["number"],
            quarter=quarter_label(row["quarter_start"]),
            quarter_start=row["quarter_start"],
            rating=ForumRating(row["rating"]).label,
            rating_value=row["rating"],
            rating_meaning=ForumRating(row["rating"]).meaning,
            words=row["words"],
            updated_at=row["updated_at"],
        )
        for row in rows
    ]


def _published_entries(plan: Plan) -> QuerySet[YouSaidWeDid]:
    return YouSaidWeDid.objects.filter(
        local_area_id=plan.local_area_id, published=True, withdrawn_at__isnull=True
    )


def _public_entries(plan: Plan) -> list[PublicYouSaidWeDid]:
    rows = (
        _published_entries(plan)
        .order_by("-date", "-pk")
        .values(
            "pk",
            "date",
            "you_said",
            "we_did",
            "evidence",
            "updated_at",
            number=F("weakness__number"),
            short_title=F("weakness__short_title"),
        )
    )
    return [
        PublicYouSaidWeDid(
            entry_id=row["pk"],
            date=row["date"],
            weakness_number=row["number"],
            weakness_title=row["short_title"] or "",
            you_said=row["you_said"],
            we_did=row["we_did"],
            evidence=row["evidence"],
            updated_at=row["updated_at"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class PublicYouSaidWeDidPage:
    area: PublicArea
    plan_title: str
    entries: list[PublicYouSaidWeDid]


def published_you_said_we_did(area_slug: str) -> PublicYouSaidWeDidPage | None:
    """The published "You said, we did" entries of an area with a published plan. Two queries."""
    plan = _published_plan(area_slug)
    if plan is None:
        return None
    return PublicYouSaidWeDidPage(_area(plan.local_area), plan.title, _public_entries(plan))


@dataclass(frozen=True)
class FeedEntry:
    key: str
    title: str
    summary: str
    updated: dt.datetime
    reference: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class PublicFeed:
    area: PublicArea
    plan_title: str
    entries: list[FeedEntry]


FEED_LENGTH = 50


def _status_entries(plan: Plan) -> list[FeedEntry]:
    """Every status change of an action made while it was published, from its history."""
    published = (
        Action.objects.filter(plan=plan).published().in_force().values("id", "reference", "title")
    )
    titles = {row["id"]: row for row in published}
    rows = (
        Action.history.filter(id__in=list(titles))
        .exclude(history_type="-")
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_id", "history_date", "status", "published")
    )
    entries: list[FeedEntry] = []
    previous: dict[int, str] = {}
    for action_id, history_id, changed_at, status, published in rows:
        before = previous.get(action_id)
        previous[action_id] = status
        if before is None or before == status or not published:
            continue
        action = titles[action_id]
        brag = BRAG(status)
        entries.append(
            FeedEntry(
                key=f"action-{action['reference']}-status-{history_id}",
                title=f"Action {action['reference']} is now {brag.label}: {PLAIN_MEANINGS[brag]}",
                summary=f"{action['reference']} {action['title']}: was {BRAG(before).label}, now {brag.label} ({PLAIN_MEANINGS[brag]}).",
                updated=changed_at,
                reference=action["reference"],
            )
        )
    return entries


def published_feed(area_slug: str) -> PublicFeed | None:
    """The newest published changes of an area: status changes of published actions, the
    forum's published views and published "You said, we did" entries. Five queries."""
    plan = _published_plan(area_slug)
    if plan is None:
        return None
    entries = _status_entries(plan)
    for view in _published_forum_views(plan):
        entries.append(
            FeedEntry(
                key=f"forum-{view.weakness_number}-{view.quarter_start:%Y-%m}",
                title=f"The parent carer forum's view of finding {view.weakness_number}, {view.quarter}: {view.rating}",
                summary=view.words,
                updated=view.updated_at,
                anchor=f"finding-{view.weakness_number}",
            )
        )
    for entry in _public_entries(plan):
        entries.append(
            FeedEntry(
                key=f"you-said-we-did-{entry.entry_id}",
                title=f"You said, we did: {entry.you_said[:80]}",
                summary=f"You said: {entry.you_said} We did: {entry.we_did}",
                updated=entry.updated_at,
                anchor=f"entry-{entry.entry_id}",
            )
        )
    entries.sort(key=lambda e: e.updated, reverse=True)
    return PublicFeed(_area(plan.local_area), plan.title, entries[:FEED_LENGTH])


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


# Public content kept by apps that stand on this one (papers: the published monthly reports),
# shown on an area's pages: name -> (a queryset of its rows for the plan `OuterRef("pk")`, the
# field whose newest value says when it last changed).
LATER_PUBLIC_CONTENT: dict[str, tuple[Callable[[], QuerySet], str]] = {}


def register_public_content(name: str, newest: Callable[[], QuerySet], field_name: str) -> None:
    """Count `newest()`'s newest `field_name` in the area's last change (in the same query)."""
    LATER_PUBLIC_CONTENT[name] = (newest, field_name)


def published_plan_last_modified(area_slug: str) -> dt.datetime | None:
    """The newest change to anything an area's public pages show, in one query.

    Counts every change to an action that has ever been published (so unpublishing one
    counts too), progress updates of published actions, and changes to the plan, its
    inspections, weaknesses, commitments, key objectives and monitoring visits, the forum's
    views, easy-read summaries, "You said, we did" entries, measures with their milestones and
    values, and what the apps standing on this one registered (`register_public_content`).
    None when the area has no published plan.
    """
    # The two id lists below sit inside another subquery, so their outer reference is two up.
    ever_published = Action.history.filter(plan_id=OuterRef(OuterRef("pk")), published=True).values(
        "id"
    )
    weakness_ids = AreaOfWeakness.objects.filter(
        inspection_id=OuterRef(OuterRef("inspection_id"))
    ).values("id")
    measure_ids = Measure.objects.filter(plan_id=OuterRef(OuterRef("pk"))).values("id")
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
            forum_changed=_newest(
                ForumView.history.filter(weakness_id__in=weakness_ids), "history_date"
            ),
            easy_read_changed=_newest(
                EasyReadSummary.history.filter(weakness_id__in=weakness_ids), "history_date"
            ),
            you_said_we_did_changed=_newest(
                YouSaidWeDid.history.filter(local_area_id=OuterRef("local_area_id")),
                "history_date",
            ),
            measures_changed=_newest(
                Measure.history.filter(plan_id=OuterRef("pk")), "history_date"
            ),
            milestones_changed=_newest(
                Milestone.history.filter(measure_id__in=measure_ids), "history_date"
            ),
            values_changed=_newest(
                MeasureValue.history.filter(measure_id__in=measure_ids), "history_date"
            ),
            **{
                f"{name}_changed": _newest(newest(), field_name)
                for name, (newest, field_name) in LATER_PUBLIC_CONTENT.items()
            },
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
            "forum_changed",
            "easy_read_changed",
            "you_said_we_did_changed",
            "measures_changed",
            "milestones_changed",
            "values_changed",
            *(f"{name}_changed" for name in LATER_PUBLIC_CONTENT),
        )
        .first()
    )
    if stamps is None:
        return None
    return max((stamp for stamp in stamps.values() if isinstance(stamp, dt.datetime)), default=None)
