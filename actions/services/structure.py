"""The plan's structure: commitments, workstreams, and a new area's placeholder plan."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from actions.models import Commitment, Plan, Workstream
from actions.services.common import _save_with_history
from inspections.models import AreaOfWeakness, Inspection
from inspections.services import inspection_create, local_area_create


@transaction.atomic
def commitment_create(
    *,
    weakness: AreaOfWeakness,
    actor: User | None,
    number: int,
    text: str,
    reason: str = "Created",
) -> Commitment:
    commitment = Commitment(weakness=weakness, number=number, text=text)
    commitment.full_clean()
    _save_with_history(commitment, actor=actor, reason=reason)
    return commitment


@transaction.atomic
def workstream_create(
    *,
    plan: Plan,
    actor: User | None,
    number: int,
    name: str,
    reason: str = "Created",
) -> Workstream:
    workstream = Workstream(plan=plan, number=number, name=name)
    workstream.full_clean()
    _save_with_history(workstream, actor=actor, reason=reason)
    return workstream


# Stand-ins for facts an import file does not carry; the programme manager corrects them later.
NOT_YET_RECORDED = "Not yet recorded"


@transaction.atomic
def plan_create_for_new_area(
    *, area_name: str, area_slug: str, actor: User | None, reason: str
) -> Plan:
    """Start a local area with an inspection and an empty draft WSoA, ready for an import.

    The inspection's dates are today's and its health partner "Not yet recorded": an
    import file does not carry them, and weaknesses need an inspection to belong to.
    """
    area = local_area_create(
        actor=actor,
        name=area_name,
        slug=area_slug,
        council_name=area_name,
        health_partner_name=NOT_YET_RECORDED,
        reason=reason,
    )
    today = timezone.localdate()
    inspection = inspection_create(
        local_area=area,
        actor=actor,
        framework=Inspection.Framework.SEND_2016,
        kind=Inspection.Kind.INITIAL,
        start_date=today,
        end_date=today,
        outcome=Inspection.Outcome.WSOA_REQUIRED,
        plan_required=True,
        reason=reason,
    )
    plan = Plan(
        local_area=area,
        inspection=inspection,
        kind=Plan.Kind.WSOA,
        title=f"{area_name} Written Statement of Action",
        status=Plan.Status.DRAFT,
    )
    plan.full_clean()
    _save_with_history(plan, actor=actor, reason=reason)
    return plan
