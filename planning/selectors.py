"""Reads for the plan, inspection and workstream pages. Nothing here writes."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from actions.models import Action, Commitment, Plan, Workstream, WorkstreamMember
from inspections.clock import working_days_between
from inspections.models import AreaOfWeakness, Inspection


@dataclass(frozen=True)
class Deadline:
    """A date on the statutory clock, and the working days left while it is ahead."""

    label: str
    due: dt.date | None
    working_days_left: int | None


def inspection_clock(inspection: Inspection, today: dt.date) -> list[Deadline]:
    """The outcome letter (33 working days after the inspection ends) and the plan (70 working
    days after the report is received), with working days left while they are in the future."""

    def deadline(label: str, due: dt.date | None) -> Deadline:
        left = working_days_between(today, due) if due and due > today else None
        return Deadline(label=label, due=due, working_days_left=left)

    return [
        deadline("Outcome letter due", inspection.letter_due_date),
        deadline("Plan due", inspection.wsoa_due_date),
    ]


def finding_term(inspection: Inspection) -> str:
    """What the framework calls the findings a plan answers."""
    if inspection.framework == Inspection.Framework.AREA_SEND_2023:
        return "area for priority action"
    return "area of significant weakness"


def findings_of(inspection: Inspection) -> QuerySet[AreaOfWeakness]:
    """The findings with their commitments and revisit, in the letter's order."""
    return (
        AreaOfWeakness.objects.filter(inspection=inspection)
        .select_related("revisit")
        .prefetch_related(Prefetch("commitments", queryset=Commitment.objects.order_by("number")))
        .order_by("number")
    )


def revisits_of(inspection: Inspection) -> QuerySet[Inspection]:
    return Inspection.objects.filter(revisit_of=inspection).order_by("start_date")


def workstreams_of(plan: Plan) -> QuerySet[Workstream]:
    """The plan's workstreams with their lead, members and the number of actions in force."""
    return (
        Workstream.objects.filter(plan=plan)
        .select_related("lead")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=WorkstreamMember.objects.select_related("user").order_by("order", "pk"),
            )
        )
        .annotate(actions_in_force=Count("actions", filter=Q(actions__withdrawn_date__isnull=True)))
        .order_by("number")
    )


def withdrawn_actions(plan: Plan) -> QuerySet[Action]:
    return plan.actions.withdrawn().order_by("withdrawn_date", "reference")
