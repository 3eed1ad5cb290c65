"""Data for tests that need a realistic local area, shared by page and browser tests."""

import datetime as dt

from django.apps import apps

from actions.models import BRAG, MonitoringVisit, ProgressUpdate
from inspections.models import AreaOfWeakness
from tests.factories import (
    ActionFactory,
    AreaOfWeaknessFactory,
    CommitmentFactory,
    InspectionFactory,
    KeyObjectiveFactory,
    LocalAreaFactory,
    MonitoringVisitFactory,
    PlanFactory,
    WorkstreamFactory,
)

# Every change in these scenarios is dated here, so Last-Modified is predictable.
SETUP_TIME = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)


def backdate_history(when: dt.datetime = SETUP_TIME) -> None:
    """Pretend everything recorded so far happened at `when`."""
    for model in apps.get_models():
        # Many-to-many history rows (e.g. a membership's workstreams) carry no date.
        dated = any(field.name == "history_date" for field in model._meta.fields)
        if model.__name__.startswith("Historical") and dated:
            model.objects.update(history_date=when)
    ProgressUpdate.objects.update(created_at=when)


def build_sutton() -> dict:
    """Sutton's published plan with two weaknesses, a revisit, commitments, objectives and visits."""
    area = LocalAreaFactory(
        name="Sutton",
        slug="sutton",
        council_name="London Borough of Sutton",
        health_partner_name="Sutton Clinical Commissioning Group",
    )
    plan = PlanFactory(
        local_area=area, title="Sutton Written Statement of Action", is_published=True
    )
    revisit = InspectionFactory(
        local_area=area,
        kind="revisit",
        revisit_of=plan.inspection,
        start_date=dt.date(2020, 2, 24),
        end_date=dt.date(2020, 2, 26),
        letter_published_date=dt.date(2020, 5, 4),
        outcome="insufficient_progress",
        plan_required=False,
    )
    ehc = AreaOfWeaknessFactory(
        inspection=plan.inspection,
        number=1,
        short_title="EHC plans",
        finding="Poor oversight of quality and impact of EHC Plans across education, health and care.",
        judgement=AreaOfWeakness.Judgement.SUFFICIENT,
        revisit=revisit,
    )
    offer = AreaOfWeaknessFactory(
        inspection=plan.inspection,
        number=2,
        short_title="Local Offer",
        finding="The local offer is not well known or used by parents and carers.",
        judgement=AreaOfWeakness.Judgement.INSUFFICIENT,
        revisit=revisit,
    )
    siass = CommitmentFactory(
        weakness=ehc, number=1, text="We will improve our Sutton Information Advice Service"
    )
    CommitmentFactory(weakness=offer, number=1, text="We will co-produce a new Local Offer")
    KeyObjectiveFactory(plan=plan, number=1, text="Every EHC plan is good or better.")
    workstream = WorkstreamFactory(plan=plan, number=2, name="EHC Planning")
    staffing = ActionFactory(
        plan=plan,
        weakness=ehc,
        commitment=siass,
        workstream=workstream,
        reference="1.1.1",
        title="Increase the SIASS staffing",
        public_summary="The advice service now has more staff.",
        published=True,
        blue=True,
        completed_date=dt.date(2018, 9, 1),
        lead_role="Head of SEND",
        lead_organisation="London Borough of Sutton",
    )
    audit = ActionFactory(
        plan=plan,
        weakness=ehc,
        workstream=workstream,
        reference="1.1.2",
        title="Audit EHC plans every term",
        public_summary="A panel checks a sample of plans each term.",
        published=True,
        amber=True,
    )
    website = ActionFactory(
        plan=plan,
        weakness=offer,
        workstream=workstream,
        reference="2.1.1",
        title="Relaunch the Local Offer website",
        public_summary="The website is being rebuilt with parents.",
        published=True,
        green=True,
    )
    MonitoringVisitFactory(
        plan=plan,
        title="3rd monitoring visit",
        date=dt.date(2018, 6, 28),
        grade=MonitoringVisit.Grade.MET,
    )
    backdate_history()
    return {
        "area": area,
        "plan": plan,
        "weaknesses": (ehc, offer),
        "actions": (staffing, audit, website),
        "workstream": workstream,
    }


def make_actions(plan, weakness, workstream, count: int) -> None:
    for number in range(count):
        ActionFactory(
            plan=plan,
            weakness=weakness,
            workstream=workstream,
            reference=f"5.{number // 50}.{number}",
            published=True,
            public_summary="Summary",
            status=BRAG.GREEN,
        )
