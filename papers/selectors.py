"""Reads of Board papers: the list, one paper with its decisions, what changed since the last
paper, and the public monthly progress reports."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from actions.models import BRAG, Action, Plan
from actions.rules import reference_key
from board.selectors.dashboard import people_names
from papers.content import cells, thaw
from papers.models import BoardPaper, PaperDecision

Kind = PaperDecision.Kind


@dataclass(frozen=True)
class Paper:
    """A locked paper, its content read back, and what has been done with it."""

    record: BoardPaper
    content: dict[str, Any]
    decisions: list[PaperDecision]
    approver_name: str
    locked_by_name: str

    @property
    def number(self) -> int:
        return self.record.number

    @property
    def as_at(self) -> dt.date:
        return self.record.as_at

    def decision(self, kind: str) -> PaperDecision | None:
        return next((d for d in self.decisions if d.kind == kind), None)

    @property
    def approval(self) -> PaperDecision | None:
        return self.decision(Kind.APPROVED)

    @property
    def publication(self) -> PaperDecision | None:
        return self.decision(Kind.PUBLISHED)

    @property
    def minutes(self) -> list[PaperDecision]:
        return [d for d in self.decisions if d.kind == Kind.MINUTES]

    @property
    def status(self) -> str:
        return self.record.status_label

    @property
    def summary_rows(self) -> list[dict[str, Any]]:
        return [
            {**row, "cells": cells(row["counts"]), "total": sum(row["counts"].values())}
            for row in (*self.content["summary"]["rows"], self.content["summary"]["total"])
        ]

    @property
    def series(self) -> list[dict[str, Any]]:
        return [
            {**point, "cells": cells(point["counts"]), "total": sum(point["counts"].values())}
            for point in self.content["series"]
        ]


def papers_of(plan: Plan) -> QuerySet[BoardPaper]:
    """The plan's papers, newest first (without their content)."""
    return (
        BoardPaper.objects.filter(plan=plan)
        .defer("content")
        .select_related("plan__local_area")
        .prefetch_related("decisions")
        .order_by("-as_at")
    )


def _paper(record: BoardPaper) -> Paper:
    decisions = list(record.decisions.all())
    names = people_names([record.approver_id, record.locked_by_id])
    return Paper(
        record=record,
        content=thaw(record.content),
        decisions=decisions,
        approver_name=names.get(record.approver_id, ""),
        locked_by_name=names.get(record.locked_by_id, ""),
    )


def paper_or_404(plan: Plan, number: int) -> Paper:
    record = (
        BoardPaper.objects.filter(plan=plan, number=number)
        .select_related("plan__local_area")
        .prefetch_related("decisions__actor")
        .first()
    )
    if record is None:
        raise Http404("No such Board paper.")
    return _paper(record)


def previous_paper(paper: Paper) -> Paper | None:
    """The paper before this one (by date), to compare with."""
    record = (
        BoardPaper.objects.filter(plan_id=paper.record.plan_id, as_at__lt=paper.as_at)
        .prefetch_related("decisions")
        .order_by("-as_at")
        .first()
    )
    return _paper(record) if record else None


# --- what changed since the last paper --------------------------------------------------


@dataclass(frozen=True)
class ActionChange:
    reference: str
    title: str
    before: str | None
    after: str | None
    what: list[str]


@dataclass(frozen=True)
class Comparison:
    paper: Paper
    previous: Paper
    deltas: list[tuple[BRAG, int, int]]
    changes: list[ActionChange] = field(default_factory=list)

    @property
    def status_changes(self) -> list[ActionChange]:
        return [c for c in self.changes if c.before != c.after]


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "none"


def compare(paper: Paper, previous: Paper) -> Comparison:
    """Status counts then and now, and every action whose status, due date, remedial action
    or narrative differs between the two papers (or that is new or gone)."""
    before = {a["id"]: a for a in previous.content["actions"]}
    after = {a["id"]: a for a in paper.content["actions"]}
    counts_before = Counter(a["status"] for a in before.values())
    counts_after = Counter(a["status"] for a in after.values())
    deltas = [(s, counts_before[s.value], counts_after[s.value]) for s in BRAG.ordered()]
    changes = []
    for pk in before.keys() | after.keys():
        was, now = before.get(pk), after.get(pk)
        what = []
        if was is None:
            what.append("New since the last paper.")
        elif now is None:
            what.append("No longer in the plan's figures.")
        else:
            if was["status"] != now["status"]:
                what.append(f"Status {BRAG(was['status']).label} to {BRAG(now['status']).label}.")
            if was["due_date"] != now["due_date"]:
                what.append(f"Due date {_day(was['due_date'])} to {_day(now['due_date'])}.")
            if was["remedial_action"] != now["remedial_action"]:
                what.append("Remedial action changed.")
            if was["narrative"] != now["narrative"]:
                what.append("New progress update.")
        if what:
            action = now or was
            assert action is not None
            changes.append(
                ActionChange(
                    reference=action["reference"],
                    title=action["title"],
                    before=was["status"] if was else None,
                    after=now["status"] if now else None,
                    what=what,
                )
            )
    changes.sort(key=lambda change: reference_key(change.reference))
    return Comparison(paper=paper, previous=previous, deltas=deltas, changes=changes)


# --- the public monthly progress reports ------------------------------------------------


@dataclass(frozen=True)
class PublicReportAction:
    reference: str
    title: str
    public_summary: str
    status: BRAG
    due_date: dt.date | None
    completed_date: dt.date | None


@dataclass(frozen=True)
class PublicReport:
    """A published paper as parents read it: published actions only, in plain words."""

    area_name: str
    area_slug: str
    plan_title: str
    number: int
    as_at: dt.date
    published_on: dt.date
    note: str
    actions: list[PublicReportAction] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[BRAG, int]]:
        counted = Counter(action.status for action in self.actions)
        return [(status, counted[status]) for status in BRAG.ordered()]


def _published_papers(area_slug: str) -> QuerySet[BoardPaper]:
    return BoardPaper.objects.filter(
        plan__local_area__slug=area_slug,
        plan__is_published=True,
        decisions__kind=Kind.PUBLISHED,
    )


def published_decisions_of_plan() -> QuerySet[PaperDecision]:
    """The publications of the papers of the plan `OuterRef("pk")`: their newest is when the
    public area page last gained a report (progress.selectors.area_last_change)."""
    return PaperDecision.objects.filter(kind=Kind.PUBLISHED, paper__plan_id=OuterRef("pk"))


def published_reports(area_slug: str) -> list[PublicReport]:
    """The area's published reports, newest first, without their actions (one query)."""
    records = list(
        _published_papers(area_slug)
        .defer("content")
        .select_related("plan__local_area")
        .annotate(published_at=F("decisions__at"))
        .order_by("-as_at")
    )
    return [
        PublicReport(
            area_name=record.plan.local_area.name,
            area_slug=area_slug,
            plan_title=record.plan.title,
            number=record.number,
            as_at=record.as_at,
            published_on=timezone.localdate(record.published_at),
            note="",
        )
        for record in records
    ]


def public_report(area_slug: str, number: int) -> PublicReport | None:
    """One published report with its published actions; None when there is none to show."""
    record = (
        _published_papers(area_slug).filter(number=number).select_related("plan__local_area")
    ).first()
    if record is None:
        return None
    publication = record.decisions.get(kind=Kind.PUBLISHED)
    content = thaw(record.content)
    # Published when the paper was locked, and still published: an action withdrawn from the
    # public pages since leaves the report too.
    still_published = set(
        Action.objects.published().filter(plan_id=record.plan_id).values_list("id", flat=True)
    )
    actions = [
        PublicReportAction(
            reference=action["reference"],
            title=action["title"],
            public_summary=action["public_summary"],
            status=BRAG(action["status"]),
            due_date=action["due_date"],
            completed_date=action["completed_date"],
        )
        for action in content["actions"]
        if action["published"] and action["id"] in still_published
    ]
    return PublicReport(
        area_name=record.plan.local_area.name,
        area_slug=area_slug,
        plan_title=record.plan.title,
        number=record.number,
        as_at=record.as_at,
        published_on=publication.at.date(),
        note=publication.note,
        actions=actions,
    )
