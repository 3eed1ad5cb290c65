"""The measure screens: every member of the area reads them; the programme manager manages
the measures and their milestones; a measure's owners record its values.

Each view fetches through a permission-checking helper (outsiders 404, members who may not
change a thing 403), binds a form, calls a service with the reason, and redirects.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from actions import permissions
from actions.models import Plan
from inspections.models import LocalArea
from measures import forms, selectors, services
from measures.models import Measure, MeasureValue
from measures.permissions import can_manage_measures, can_record_values
from ui.form_page import form_page
from wsoa.lib.requests import AuthenticatedHttpRequest


def _plan(request: AuthenticatedHttpRequest, area_slug: str) -> tuple[LocalArea, Plan]:
    area = permissions.get_area_for_user(request, area_slug)
    return area, permissions.get_current_plan_or_404(area)


def _managed_plan(request: AuthenticatedHttpRequest, area_slug: str) -> tuple[LocalArea, Plan]:
    area, plan = _plan(request, area_slug)
    if not can_manage_measures(request.user, area):
        raise PermissionDenied("Only the programme manager manages measures.")
    return area, plan


def _measure(plan: Plan, number: int) -> Measure:
    try:
        return Measure.objects.select_related("plan").get(plan=plan, number=number)
    except Measure.DoesNotExist:
        raise Http404("No such measure.") from None


def _detail_url(area: LocalArea, number: int) -> str:
    return reverse("measure_detail", kwargs={"area_slug": area.slug, "number": number})


def _form_page(
    request: AuthenticatedHttpRequest,
    form: forms.ReasonForm,
    save: Callable[[dict[str, Any], str], Any],
    *,
    area: LocalArea,
    title: str,
    done: Callable[[Any], str],
    cancel: str,
    success: str,
    caption: str = "Measures",
    intro: str = "",
    button: str = "Save",
    warning: bool = False,
) -> HttpResponse:
    """`ui.form_page` under Measures."""
    return form_page(
        request,
        form,
        save,
        area=area,
        title=title,
        caption=caption,
        success=success,
        done=done,
        cancel_url=cancel,
        breadcrumb=("Measures", reverse("measure_list", kwargs={"area_slug": area.slug})),
        intro=intro,
        button=button,
        warning=warning,
    )


@login_required
@require_GET
def measure_list(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _plan(request, area_slug)
    today = timezone.localdate()
    weaknesses = list(plan.weaknesses())
    by_finding = selectors.measures_by_finding(plan=plan, as_at=today, findings=weaknesses)
    findings = [
        {"finding": finding, "measures": by_finding.get(finding.number, [])}
        for finding in weaknesses
    ]
    can_manage = can_manage_measures(request.user, area)
    recordable = Measure.objects.filter(plan=plan, withdrawn_date__isnull=True)
    if not can_manage:
        recordable = recordable.filter(owners=request.user)
    return render(
        request,
        "measures/list.html",
        {
            "area": area,
            "plan": plan,
            "findings": findings,
            "as_at": today,
            "can_manage": can_manage,
            "recordable": set(recordable.values_list("number", flat=True)),
        },
    )


@login_required
@require_GET
def measure_detail(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, plan = _plan(request, area_slug)
    measure = _measure(plan, number)
    today = timezone.localdate()
    status = selectors.measure_status(plan=plan, measure=measure, as_at=today)
    history = (
        MeasureValue.history.filter(measure_id=measure.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:50]
    )
    changes = measure.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )[:50]
    return render(
        request,
        "measures/detail.html",
        {
            "area": area,
            "plan": plan,
            "measure": measure,
            "status": status,
            "history": history,
            "changes": changes,
            "can_manage": can_manage_measures(request.user, area),
            "can_record": can_record_values(request.user, measure),
        },
    )


@login_required
def measure_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _managed_plan(request, area_slug)
    form = forms.MeasureForm(request.POST or None, plan=plan)

    def save(values: dict[str, Any], reason: str) -> Measure:
        return services.measure_create(plan=plan, actor=request.user, reason=reason, **values)

    return _form_page(
        request,
        form,
        save,
        area=area,
        title="Add a measure",
        intro="A measure shows whether children's and families' experiences are changing. "
        "Give its baseline and target with their dates; add milestones once it is saved.",
        done=lambda measure: _detail_url(area, measure.number),
        cancel=reverse("measure_list", kwargs={"area_slug": area.slug}),
        success="The measure was added.",
    )


@login_required
def measure_edit(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, plan = _managed_plan(request, area_slug)
    measure = _measure(plan, number)
    initial = {name: getattr(measure, name) for name in services.MEASURE_FIELDS}
    initial["findings"] = list(measure.findings.all())
    initial["owners"] = list(measure.owners.all())
    form = forms.MeasureForm(request.POST or None, plan=plan, initial=initial)

    def save(values: dict[str, Any], reason: str) -> Measure:
        return services.measure_update(measure=measure, actor=request.user, reason=reason, **values)

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Change {measure.reference} {measure.name}",
        done=lambda saved: _detail_url(area, saved.number),
        cancel=_detail_url(area, measure.number),
        success="The measure was changed.",
    )


@login_required
def milestone_add(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, plan = _managed_plan(request, area_slug)
    measure = _measure(plan, number)
    form = forms.MilestoneForm(request.POST or None)

    def save(values: dict[str, Any], reason: str) -> Any:
        return services.milestone_set(measure=measure, actor=request.user, reason=reason, **values)

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Set a milestone for {measure.reference} {measure.name}",
        intro="A milestone is an interim target: the value to reach by a date. A milestone "
        "for a date that already has one replaces its value.",
        done=lambda _: _detail_url(area, measure.number),
        cancel=_detail_url(area, measure.number),
        success="The milestone was set.",
    )


@login_required
def value_record(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, plan = _plan(request, area_slug)
    measure = _measure(plan, number)
    if not can_record_values(request.user, measure):
        raise PermissionDenied("Only the measure's owners and the programme manager record values.")
    if measure.withdrawn_date is not None:
        raise PermissionDenied("This measure is withdrawn.")
    form = forms.ValueForm(request.POST or None)
    form.fields["reason"].label = "Where does this value come from?"
    form.fields[
        "reason"
    ].help_text = (
        "For example, the quarterly SEN2 return. This is recorded in the history with your name."
    )

    def save(values: dict[str, Any], reason: str) -> Any:
        return services.measure_value_record(
            measure=measure, actor=request.user, reason=reason, **values
        )

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Record a value for {measure.reference} {measure.name}",
        intro="A value for a period that already has one corrects it; the history keeps both.",
        done=lambda _: _detail_url(area, measure.number),
        cancel=_detail_url(area, measure.number),
        success="The value was recorded.",
    )


@login_required
def measure_withdraw(
    request: AuthenticatedHttpRequest, area_slug: str, number: int
) -> HttpResponse:
    area, plan = _managed_plan(request, area_slug)
    measure = _measure(plan, number)
    if measure.withdrawn_date is not None:
        raise Http404("This measure is already withdrawn.")
    form = forms.WithdrawForm(request.POST or None)

    def save(values: dict[str, Any], reason: str) -> Measure:
        return services.measure_withdraw(measure=measure, actor=request.user, reason=reason)

    return _form_page(
        request,
        form,
        save,
        area=area,
        title=f"Withdraw {measure.reference} {measure.name}",
        intro="A withdrawn measure leaves the dashboards and public pages from today. "
        "Its values and history are kept.",
        done=lambda _: reverse("measure_list", kwargs={"area_slug": area.slug}),
        cancel=_detail_url(area, measure.number),
        success="The measure was withdrawn.",
        button="Withdraw the measure",
        warning=True,
    )
