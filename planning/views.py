"""Manage the plan: the programme manager's screens, and the inspection, plan and workstream
pages every member of the area reads.

Each view fetches through a permission-checking helper (outsiders 404, members who may not
manage the plan 403), binds a form, calls a service with the reason, and redirects.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from actions import permissions, selectors, services
from actions.models import (
    Action,
    BoardMeeting,
    Commitment,
    KeyObjective,
    MonitoringVisit,
    Plan,
    Priority,
    Workstream,
    WorkstreamMember,
)
from inspections import services as inspection_services
from inspections.models import AreaOfWeakness, Inspection, LocalArea, Oversight
from planning import forms as manage_forms
from planning import selectors as planning
from ui.form_page import form_page
from wsoa.lib.requests import AuthenticatedHttpRequest

# --- fetching --------------------------------------------------------------------------------


def _plan_for_member(request: AuthenticatedHttpRequest, area_slug: str) -> tuple[LocalArea, Plan]:
    area = permissions.get_area_for_user(request, area_slug)
    plan = selectors.current_plan(area)
    if plan is None:
        raise Http404("This local area has no plan yet.")
    return area, plan


def _plan_for_manager(request: AuthenticatedHttpRequest, area_slug: str) -> tuple[LocalArea, Plan]:
    """The area's current plan; 404 outside the area, 403 for members who do not manage it."""
    area, plan = _plan_for_member(request, area_slug)
    if not permissions.can_manage_plan(request.user, area):
        raise PermissionDenied("Only the programme manager manages the plan.")
    return area, plan


def _manage_url(area: LocalArea, anchor: str = "") -> str:
    url = reverse("manage_plan", kwargs={"area_slug": area.slug})
    return f"{url}#{anchor}" if anchor else url


def _form_page(
    request: AuthenticatedHttpRequest,
    form: manage_forms.ManageForm,
    save: Callable[[dict[str, Any], str], Any],
    *,
    area: LocalArea,
    title: str,
    done: str,
    success: str,
    caption: str = "Manage the plan",
    intro: str = "",
    button: str = "Save",
    warning: bool = False,
    after: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """`ui.form_page` under Manage the plan: after saving go to `done` (or to `after(saved)`
    when the address depends on what was saved); Cancel goes to `done`."""
    return form_page(
        request,
        form,
        save,
        area=area,
        title=title,
        caption=caption,
        success=success,
        done=after or done,
        cancel_url=done,
        breadcrumb=("Manage the plan", _manage_url(area)),
        intro=intro,
        button=button,
        warning=warning,
    )


# --- pages every member reads ----------------------------------------------------------------


@login_required
@require_GET
def manage_plan(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    inspection = plan.inspection
    context = {
        "area": area,
        "plan": plan,
        "inspection": inspection,
        "term": planning.finding_term(inspection),
        "findings": planning.findings_of(inspection),
        "revisits": planning.revisits_of(inspection),
        "objectives": plan.key_objectives.order_by("number"),
        "priorities": plan.priorities.order_by("number"),
        "workstreams": planning.workstreams_of(plan),
        "withdrawn": planning.withdrawn_actions(plan),
        "visits": plan.monitoring_visits.order_by("-date"),
        "meetings": plan.board_meetings.order_by("-date"),
        "action_count": plan.actions.in_force().count(),
    }
    return render(request, "planning/manage.html", context)


@login_required
@require_GET
def inspection(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_member(request, area_slug)
    inspection = plan.inspection
    context = {
        "area": area,
        "plan": plan,
        "inspection": inspection,
        "term": planning.finding_term(inspection),
        "findings": planning.findings_of(inspection),
        "revisits": planning.revisits_of(inspection),
        "clock": planning.inspection_clock(inspection, timezone.localdate()),
        "can_manage": permissions.can_manage_plan(request.user, area),
    }
    return render(request, "planning/inspection.html", context)


@login_required
@require_GET
def plan_page(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_member(request, area_slug)
    context = {
        "area": area,
        "plan": plan,
        "inspection": plan.inspection,
        "term": planning.finding_term(plan.inspection),
        "findings": planning.findings_of(plan.inspection),
        "objectives": plan.key_objectives.order_by("number"),
        "priorities": plan.priorities.order_by("number"),
        "workstreams": planning.workstreams_of(plan),
        "withdrawn": planning.withdrawn_actions(plan),
        "visits": plan.monitoring_visits.order_by("date"),
        "meetings": plan.board_meetings.order_by("date"),
        "can_manage": permissions.can_manage_plan(request.user, area),
    }
    return render(request, "planning/plan.html", context)


@login_required
@require_GET
def workstream(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, plan = _plan_for_member(request, area_slug)
    found = get_object_or_404(planning.workstreams_of(plan), number=number)
    context = {
        "area": area,
        "plan": plan,
        "workstream": found,
        "can_manage": permissions.can_manage_plan(request.user, area),
    }
    return render(request, "planning/workstream.html", context)


# --- the inspection and its findings ---------------------------------------------------------


def _initial(instance: Any, form_class: type[forms.Form]) -> dict[str, Any]:
    """The form's fields as the object has them (the reason is always asked afresh)."""
    return {
        name: getattr(instance, name)
        for name in form_class.base_fields
        if name not in ("reason", "version")
    }


@login_required
def inspection_edit(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    found = plan.inspection
    form = manage_forms.InspectionForm(
        request.POST or None, initial=_initial(found, manage_forms.InspectionForm)
    )

    def save(values: dict[str, Any], reason: str) -> Inspection:
        return inspection_services.inspection_update(
            inspection=found, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Change the inspection",
        done=reverse("inspection", kwargs={"area_slug": area.slug}),
        success="The inspection was saved.",
    )


@login_required
def oversight_edit(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, _plan = _plan_for_manager(request, area_slug)
    current = Oversight.objects.filter(local_area=area).first()
    form = manage_forms.OversightForm(
        request.POST or None,
        initial=_initial(current, manage_forms.OversightForm) if current else {},
    )

    def save(values: dict[str, Any], reason: str) -> Oversight:
        return inspection_services.oversight_update(
            local_area=area, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Change the external oversight",
        intro="DfE and NHS England monitoring, any improvement notice, and the inspection expected next, as the latest letters set them.",
        done=reverse("inspection", kwargs={"area_slug": area.slug}) + "#oversight",
        success="The external oversight was saved.",
    )


@login_required
def revisit_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    followed = plan.inspection
    form = manage_forms.InspectionForm(
        request.POST or None,
        initial={"framework": followed.framework, "kind": Inspection.Kind.REVISIT},
    )

    def save(values: dict[str, Any], reason: str) -> Inspection:
        return inspection_services.inspection_create(
            local_area=area, actor=request.user, revisit_of=followed, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Add a revisit or monitoring inspection",
        intro=f"It follows up the inspection of {followed.start_date:%-d %B %Y}.",
        done=reverse("inspection", kwargs={"area_slug": area.slug}),
        success="The revisit was added.",
    )


def _finding(plan: Plan, number: int) -> AreaOfWeakness:
    return get_object_or_404(AreaOfWeakness, inspection_id=plan.inspection_id, number=number)


@login_required
def finding_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    inspection = plan.inspection
    kind = (
        AreaOfWeakness.Kind.PRIORITY_ACTION
        if inspection.framework == Inspection.Framework.AREA_SEND_2023
        else AreaOfWeakness.Kind.SIGNIFICANT_WEAKNESS
    )
    next_number = (
        inspection.weaknesses.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    form = manage_forms.FindingForm(
        request.POST or None, initial={"number": next_number, "kind": kind}
    )

    def save(values: dict[str, Any], reason: str) -> AreaOfWeakness:
        return inspection_services.area_of_weakness_create(
            inspection=inspection, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Add a finding",
        intro="Quote the finding as the inspection letter gives it, with the letter's number.",
        done=reverse("inspection", kwargs={"area_slug": area.slug}),
        success="The finding was added.",
    )


@login_required
def finding_edit(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    finding = _finding(plan, number)
    form = manage_forms.FindingForm(
        request.POST or None,
        initial={
            "number": finding.number,
            "kind": finding.kind,
            "finding": finding.finding,
            "short_title": finding.short_title,
        },
    )

    def save(values: dict[str, Any], reason: str) -> AreaOfWeakness:
        return inspection_services.area_of_weakness_update(
            weakness=finding, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Change finding {finding.number}",
        done=reverse("inspection", kwargs={"area_slug": area.slug}),
        success=f"Finding {finding.number} was saved.",
    )


@login_required
def finding_judgement(
    request: AuthenticatedHttpRequest, area_slug: str, number: int
) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    finding = _finding(plan, number)
    form = manage_forms.JudgementForm(
        request.POST or None,
        revisits=Inspection.objects.filter(local_area=area).exclude(pk=finding.inspection_id),
        initial={
            "judgement": finding.judgement,
            "revisit": finding.revisit_id,
            "narrative": finding.judgement_narrative,
        },
    )

    def save(values: dict[str, Any], reason: str) -> AreaOfWeakness:
        return inspection_services.area_of_weakness_record_judgement(
            weakness=finding, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Revisit judgement on finding {finding.number}",
        intro=finding.finding,
        done=reverse("inspection", kwargs={"area_slug": area.slug}),
        success=f"The judgement on finding {finding.number} was saved.",
    )


# --- the plan, its objectives and priorities -------------------------------------------------


@login_required
def plan_edit(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    form = manage_forms.PlanForm(
        request.POST or None, initial=_initial(plan, manage_forms.PlanForm)
    )

    def save(values: dict[str, Any], reason: str) -> Plan:
        return services.plan_update(plan=plan, actor=request.user, reason=reason, **values)

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Change the plan's details and status",
        intro="Give the date of each step the plan has reached.",
        done=reverse("plan", kwargs={"area_slug": area.slug}),
        success="The plan was saved.",
    )


def _numbered_page(
    request: AuthenticatedHttpRequest,
    area_slug: str,
    *,
    model: type[KeyObjective] | type[Priority],
    number: int | None,
    noun: str,
) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    form_class = (
        manage_forms.KeyObjectiveForm if model is KeyObjective else manage_forms.NumberedTextForm
    )
    item: KeyObjective | Priority | None
    if number is None:
        item = None
        top = model.objects.filter(plan=plan).order_by("-number").values_list("number", flat=True)
        initial: dict[str, Any] = {"number": (top.first() or 0) + 1}
    else:
        # One query per model, so the type checker knows which was fetched.
        if model is KeyObjective:
            item = get_object_or_404(KeyObjective, plan=plan, number=number)
        else:
            item = get_object_or_404(Priority, plan=plan, number=number)
        initial = _initial(item, form_class)
    form = form_class(request.POST or None, initial=initial)

    def save(values: dict[str, Any], reason: str) -> KeyObjective | Priority:
        if item is None:
            if model is KeyObjective:
                return services.key_objective_create(
                    plan=plan, actor=request.user, reason=reason, **values
                )
            return services.priority_create(plan=plan, actor=request.user, reason=reason, **values)
        if isinstance(item, KeyObjective):
            return services.key_objective_update(
                objective=item, actor=request.user, reason=reason, **values
            )
        return services.priority_update(priority=item, actor=request.user, reason=reason, **values)

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Add a {noun}" if item is None else f"Change {noun} {item.number}",
        done=reverse("plan", kwargs={"area_slug": area.slug}),
        success=f"The {noun} was saved.",
    )


@login_required
def key_objective_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    return _numbered_page(request, area_slug, model=KeyObjective, number=None, noun="key objective")


@login_required
def key_objective_edit(
    request: AuthenticatedHttpRequest, area_slug: str, number: int
) -> HttpResponse:
    return _numbered_page(
        request, area_slug, model=KeyObjective, number=number, noun="key objective"
    )


@login_required
def priority_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    return _numbered_page(request, area_slug, model=Priority, number=None, noun="priority")


@login_required
def priority_edit(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    return _numbered_page(request, area_slug, model=Priority, number=number, noun="priority")


# --- commitments -----------------------------------------------------------------------------


@login_required
def commitment_add(request: AuthenticatedHttpRequest, area_slug: str, finding: int) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    weakness = _finding(plan, finding)
    top = weakness.commitments.order_by("-number").values_list("number", flat=True).first()
    form = manage_forms.CommitmentForm(request.POST or None, initial={"number": (top or 0) + 1})

    def save(values: dict[str, Any], reason: str) -> Commitment:
        return services.commitment_create(
            weakness=weakness, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Add a commitment under finding {weakness.number}",
        intro=weakness.finding,
        done=reverse("plan", kwargs={"area_slug": area.slug}),
        success="The commitment was added.",
    )


@login_required
def commitment_edit(
    request: AuthenticatedHttpRequest, area_slug: str, finding: int, number: int
) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    weakness = _finding(plan, finding)
    commitment = get_object_or_404(Commitment, weakness=weakness, number=number)
    form = manage_forms.CommitmentForm(
        request.POST or None, initial={"number": commitment.number, "text": commitment.text}
    )

    def save(values: dict[str, Any], reason: str) -> Commitment:
        return services.commitment_update(
            commitment=commitment, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Change commitment {commitment.reference}",
        done=reverse("plan", kwargs={"area_slug": area.slug}),
        success=f"Commitment {commitment.reference} was saved.",
    )


# --- workstreams and their members -----------------------------------------------------------


def _workstream_url(area: LocalArea, number: int) -> str:
    return reverse("workstream", kwargs={"area_slug": area.slug, "number": number})


@login_required
def workstream_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    top = plan.workstreams.order_by("-number").values_list("number", flat=True).first()
    form = manage_forms.WorkstreamForm(
        request.POST or None, area=area, initial={"number": (top or 0) + 1}
    )

    def save(values: dict[str, Any], reason: str) -> Workstream:
        lead = values.pop("lead")
        created = services.workstream_create(plan=plan, actor=request.user, reason=reason, **values)
        if lead is not None:
            services.workstream_set_lead(workstream=created, actor=request.user, lead=lead)
        return created

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Add a workstream",
        done=_manage_url(area, "workstreams"),
        success="The workstream was added.",
    )


@login_required
def workstream_edit(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    found = get_object_or_404(Workstream, plan=plan, number=number)
    form = manage_forms.WorkstreamForm(
        request.POST or None,
        area=area,
        initial={"number": found.number, "name": found.name, "lead": found.lead_id},
    )

    def save(values: dict[str, Any], reason: str) -> Workstream:
        return services.workstream_update(
            workstream=found, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Change {found}",
        done=_workstream_url(area, found.number),
        success="The workstream was saved.",
        # A renumbered workstream lives at its new address.
        after=lambda saved: _workstream_url(area, saved.number),
    )


@login_required
def workstream_member_add(
    request: AuthenticatedHttpRequest, area_slug: str, number: int
) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    found = get_object_or_404(Workstream, plan=plan, number=number)
    form = manage_forms.WorkstreamMemberForm(request.POST or None, area=area)

    def save(values: dict[str, Any], reason: str) -> WorkstreamMember:
        return services.workstream_member_add(
            workstream=found, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Add a member to {found}",
        done=_workstream_url(area, found.number),
        success="The member was added.",
    )


@login_required
def workstream_member_edit(
    request: AuthenticatedHttpRequest, area_slug: str, number: int, member_id: int
) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    found = get_object_or_404(Workstream, plan=plan, number=number)
    member = get_object_or_404(WorkstreamMember, workstream=found, pk=member_id)
    form = manage_forms.WorkstreamMemberForm(
        request.POST or None,
        area=area,
        initial={"role": member.role, "organisation": member.organisation, "user": member.user_id},
    )

    def save(values: dict[str, Any], reason: str) -> WorkstreamMember:
        return services.workstream_member_update(
            member=member, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Change a member of {found}",
        done=_workstream_url(area, found.number),
        success="The member was saved.",
    )


# --- actions ---------------------------------------------------------------------------------


def _action_for_manager(
    request: AuthenticatedHttpRequest, area_slug: str, reference: str
) -> Action:
    action = permissions.get_action_for_user(request, area_slug, reference)
    if not permissions.can_manage_plan(request.user, action.plan.local_area):
        raise PermissionDenied("Only the programme manager manages the plan.")
    return action


def _withdrawn_notice(request: AuthenticatedHttpRequest, action: Action) -> HttpResponse:
    messages.info(request, f"{action.reference} was withdrawn; it can no longer be changed.")
    return redirect(action)


@login_required
def action_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    form = manage_forms.ActionCreateForm(request.POST or None, plan=plan)

    def save(values: dict[str, Any], reason: str) -> Action:
        return services.action_create(plan=plan, actor=request.user, reason=reason, **values)

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Add an action",
        done=reverse("action_list", kwargs={"area_slug": area.slug}),
        success="The action was added.",
        after=lambda saved: saved.get_absolute_url(),
    )


def _action_details(action: Action) -> dict[str, Any]:
    fields = manage_forms.ActionEditForm.base_fields
    initial = {
        name: getattr(
            action,
            f"{name}_id" if name in ("weakness", "commitment", "workstream", "lead") else name,
        )
        for name in fields
        if name not in ("reason", "version")
    }
    return initial | {"version": action.version}


@login_required
def action_edit(request: AuthenticatedHttpRequest, area_slug: str, reference: str) -> HttpResponse:
    action = _action_for_manager(request, area_slug, reference)
    if action.is_withdrawn:
        return _withdrawn_notice(request, action)
    form = manage_forms.ActionEditForm(
        request.POST or None, plan=action.plan, initial=_action_details(action)
    )

    def save(values: dict[str, Any], reason: str) -> Action:
        return services.action_edit(
            action=action,
            actor=request.user,
            reason=reason,
            expected_version=form.cleaned_data["version"],
            **values,
        )

    return _form_page(
        request,
        form,
        save,
        area=action.plan.local_area,
        title=f"Change action {action.reference}",
        caption=action.title,
        intro="Changing the due date keeps the original due date beside it.",
        done=action.get_absolute_url(),
        success=f"{action.reference} was saved.",
    )


@login_required
def action_rebaseline(
    request: AuthenticatedHttpRequest, area_slug: str, reference: str
) -> HttpResponse:
    action = _action_for_manager(request, area_slug, reference)
    if action.is_withdrawn:
        return _withdrawn_notice(request, action)
    form = manage_forms.RebaselineForm(request.POST or None, initial={"version": action.version})
    if action.due_date:
        original = action.original_due_date or action.due_date
        intro = f"Due {action.due_date:%-d %B %Y}"
        if original != action.due_date:
            intro += f" (originally {original:%-d %B %Y})"
        intro += ". The original due date stays on record."
    else:
        intro = "The action has no due date yet."

    def save(values: dict[str, Any], reason: str) -> Action:
        return services.action_rebaseline(
            action=action,
            actor=request.user,
            reason=reason,
            due_date=values["due_date"],
            expected_version=form.cleaned_data["version"],
        )

    return _form_page(
        request,
        form,
        save,
        area=action.plan.local_area,
        title=f"Re-baseline the due date of {action.reference}",
        caption=action.title,
        intro=intro,
        done=action.get_absolute_url(),
        success=f"The due date of {action.reference} was re-baselined.",
    )


@login_required
def action_withdraw(
    request: AuthenticatedHttpRequest, area_slug: str, reference: str
) -> HttpResponse:
    action = _action_for_manager(request, area_slug, reference)
    if action.is_withdrawn:
        return _withdrawn_notice(request, action)
    form = manage_forms.WithdrawForm(request.POST or None, initial={"version": action.version})

    def save(values: dict[str, Any], reason: str) -> Action:
        return services.action_withdraw(
            action=action,
            actor=request.user,
            reason=reason,
            expected_version=form.cleaned_data["version"],
        )

    return _form_page(
        request,
        form,
        save,
        area=action.plan.local_area,
        title=f"Withdraw action {action.reference}",
        caption=action.title,
        intro=(
            "A withdrawn action is not deleted. It stays in the plan and its history, and in "
            "the figures for days before today; from today it leaves the counts."
        ),
        button="Withdraw this action",
        warning=True,
        done=action.get_absolute_url(),
        success=f"{action.reference} was withdrawn.",
    )


# --- monitoring visits and Board meetings ----------------------------------------------------


@login_required
def monitoring_visit_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    form = manage_forms.MonitoringVisitForm(
        request.POST or None, initial={"by_dfe": True, "by_nhse": True}
    )

    def save(values: dict[str, Any], reason: str) -> MonitoringVisit:
        return services.monitoring_visit_record(
            plan=plan, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Record a monitoring visit",
        done=_manage_url(area, "visits"),
        success="The monitoring visit was recorded.",
    )


@login_required
def monitoring_visit_edit(
    request: AuthenticatedHttpRequest, area_slug: str, visit_id: int
) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    visit = get_object_or_404(MonitoringVisit, plan=plan, pk=visit_id)
    form = manage_forms.MonitoringVisitForm(
        request.POST or None, initial=_initial(visit, manage_forms.MonitoringVisitForm)
    )

    def save(values: dict[str, Any], reason: str) -> MonitoringVisit:
        return services.monitoring_visit_update(
            visit=visit, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Change {visit}",
        done=_manage_url(area, "visits"),
        success="The monitoring visit was saved.",
    )


@login_required
def board_meeting_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    form = manage_forms.BoardMeetingForm(request.POST or None)

    def save(values: dict[str, Any], reason: str) -> BoardMeeting:
        return services.board_meeting_record(plan=plan, actor=request.user, reason=reason, **values)

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Record a Board meeting",
        done=_manage_url(area, "meetings"),
        success="The Board meeting was recorded.",
    )


@login_required
def board_meeting_edit(
    request: AuthenticatedHttpRequest, area_slug: str, meeting_id: int
) -> HttpResponse:
    area, plan = _plan_for_manager(request, area_slug)
    meeting = get_object_or_404(BoardMeeting, plan=plan, pk=meeting_id)
    form = manage_forms.BoardMeetingForm(
        request.POST or None, initial={"date": meeting.date, "notes": meeting.notes}
    )

    def save(values: dict[str, Any], reason: str) -> BoardMeeting:
        return services.board_meeting_update(
            meeting=meeting, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Change the {meeting}",
        done=_manage_url(area, "meetings"),
        success="The Board meeting was saved.",
    )
