"""Screens of the families' voice: the forum's view (the forum writes it, every member reads
it), "You said, we did" entries and easy-read summaries (the programme manager writes them),
and the revisit readiness page of one finding (every member reads it)."""

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from actions import permissions
from actions.models import Action, Commitment, Plan
from inspections.models import AreaOfWeakness, LocalArea
from measures.selectors import finding_measures
from ui.form_page import form_page
from voice import selectors, services
from voice.forms import EasyReadForm, ForumViewForm, WithdrawForm, YouSaidWeDidForm
from voice.models import ForumRating, YouSaidWeDid, quarter_start
from wsoa.lib.requests import AuthenticatedHttpRequest


def _member_scope(request: AuthenticatedHttpRequest, area_slug: str) -> tuple[LocalArea, Plan]:
    area = permissions.get_area_for_user(request, area_slug)
    return area, permissions.get_current_plan_or_404(area)


def _manager_scope(request: AuthenticatedHttpRequest, area_slug: str) -> tuple[LocalArea, Plan]:
    area, plan = _member_scope(request, area_slug)
    if not permissions.can_manage_plan(request.user, area):
        raise PermissionDenied("Only the programme manager changes this.")
    return area, plan


def _finding(plan: Plan, number: int) -> AreaOfWeakness:
    return get_object_or_404(AreaOfWeakness, inspection_id=plan.inspection_id, number=number)


# --- the parent carer forum's view -------------------------------------------------------------


@login_required
@require_GET
def forum_views(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _member_scope(request, area_slug)
    by_finding = selectors.forum_views_by_finding(plan)
    findings = [(f, by_finding.get(f.pk, [])) for f in list(plan.weaknesses())]
    return render(
        request,
        "voice/forum.html",
        {
            "area": area,
            "plan": plan,
            "findings": findings,
            "ratings": list(ForumRating),
            "can_record": permissions.can_record_forum_view(request.user, area),
        },
    )


@login_required
def forum_view_record(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _member_scope(request, area_slug)
    if not permissions.can_record_forum_view(request.user, area):
        raise PermissionDenied("Only the parent carer forum records the forum's view.")
    today = timezone.localdate()
    findings = list(plan.weaknesses())
    initial: dict[str, Any] = {"quarter": quarter_start(today).isoformat()}
    asked = request.GET.get("finding", "")
    if asked.isdigit():
        initial["finding"] = asked
        quarter = request.GET.get("quarter", "")
        finding = next((f for f in findings if str(f.number) == asked), None)
        existing = None
        if finding is not None:
            try:
                wanted = dt.date.fromisoformat(quarter) if quarter else None
            except ValueError:
                wanted = None
            views = selectors.forum_views_of(finding)
            existing = next((v for v in views if v.quarter_start == wanted), None)
        if existing is not None:
            initial |= {
                "quarter": existing.quarter_start.isoformat(),
                "rating": existing.rating,
                "words": existing.words,
                "published": existing.published,
            }
    data = request.POST if request.method == "POST" else None
    form = ForumViewForm(data, initial=initial, findings=findings, today=today)
    return form_page(
        request,
        form,
        lambda values, reason: services.forum_view_record(
            actor=request.user, reason=reason, **values
        ),
        area=area,
        title="Record the forum's view",
        caption="Parent carer forum",
        intro=(
            "How families see progress on one finding in one quarter. Only the parent carer "
            "forum can record or change this; the Board and officers read it beside their own "
            "status ratings. Publish it to show it on the public progress page."
        ),
        done=reverse("forum_views", kwargs={"area_slug": area.slug}),
        success="The forum's view is saved.",
    )


# --- "You said, we did" ----------------------------------------------------------------------


@login_required
@require_GET
def you_said_we_did(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _member_scope(request, area_slug)
    return render(
        request,
        "voice/you_said_we_did.html",
        {
            "area": area,
            "plan": plan,
            "entries": selectors.you_said_we_did_of(area),
            "can_manage": permissions.can_manage_plan(request.user, area),
        },
    )


def _entry_form_page(
    request: AuthenticatedHttpRequest, area_slug: str, entry_id: int | None
) -> HttpResponse:
    area, plan = _manager_scope(request, area_slug)
    findings = list(plan.weaknesses())
    entry = None
    initial: dict[str, Any] = {}
    if entry_id is not None:
        entry = get_object_or_404(
            YouSaidWeDid.objects.in_force().select_related("weakness"),
            pk=entry_id,
            local_area=area,
        )
        initial = {
            "you_said": entry.you_said,
            "we_did": entry.we_did,
            "evidence": entry.evidence,
            "date": entry.date,
            "finding": str(entry.weakness.number) if entry.weakness else "",
            "published": entry.published,
        }
    data = request.POST if request.method == "POST" else None
    form = YouSaidWeDidForm(data, initial=initial, findings=findings)
    return form_page(
        request,
        form,
        lambda values, reason: services.you_said_we_did_save(
            actor=request.user, local_area=area, entry=entry, reason=reason, **values
        ),
        area=area,
        title="Change a “You said, we did” entry" if entry else "Add a “You said, we did” entry",
        caption="You said, we did",
        intro="What families said, what changed because of it, and how anyone can see the change.",
        done=reverse("you_said_we_did", kwargs={"area_slug": area.slug}),
        success="The entry is saved.",
    )


@login_required
def you_said_we_did_add(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    return _entry_form_page(request, area_slug, None)


@login_required
def you_said_we_did_edit(
    request: AuthenticatedHttpRequest, area_slug: str, entry_id: int
) -> HttpResponse:
    return _entry_form_page(request, area_slug, entry_id)


@login_required
def you_said_we_did_withdraw(
    request: AuthenticatedHttpRequest, area_slug: str, entry_id: int
) -> HttpResponse:
    area, _plan = _manager_scope(request, area_slug)
    entry = get_object_or_404(YouSaidWeDid.objects.in_force(), pk=entry_id, local_area=area)
    data = request.POST if request.method == "POST" else None
    return form_page(
        request,
        WithdrawForm(data),
        lambda values, reason: services.you_said_we_did_withdraw(
            actor=request.user, entry=entry, reason=reason
        ),
        area=area,
        title="Withdraw a “You said, we did” entry",
        caption="You said, we did",
        intro=f"“{entry.you_said}”\n\nThe entry leaves every page, the public one too. Its history stays.",
        done=reverse("you_said_we_did", kwargs={"area_slug": area.slug}),
        success="The entry is withdrawn.",
        button="Withdraw the entry",
        warning=True,
    )


# --- easy-read summaries ---------------------------------------------------------------------


@login_required
def easy_read_edit(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, plan = _manager_scope(request, area_slug)
    finding = _finding(plan, number)
    summary = selectors.easy_read_of(finding)
    initial = {"text": summary.text, "published": summary.published} if summary else {}
    data = request.POST if request.method == "POST" else None
    return form_page(
        request,
        EasyReadForm(data, initial=initial),
        lambda values, reason: services.easy_read_summary_set(
            actor=request.user, weakness=finding, reason=reason, **values
        ),
        area=area,
        title=f"Easy-read summary of finding {finding.number}",
        caption=finding.label,
        intro="An optional summary for the public progress page, under the finding.",
        done=reverse("finding_readiness", kwargs={"area_slug": area.slug, "number": number}),
        success="The easy-read summary is saved.",
    )


# --- revisit readiness -----------------------------------------------------------------------


@login_required
@require_GET
def finding_readiness(
    request: AuthenticatedHttpRequest, area_slug: str, number: int
) -> HttpResponse:
    """Everything an inspector will ask about one finding, on one printable page."""
    area, plan = _member_scope(request, area_slug)
    finding = _finding(plan, number)
    commitments = Commitment.objects.filter(weakness=finding).order_by("number")
    actions = (
        Action.objects.filter(plan=plan, weakness=finding)
        .in_force()
        .select_related("commitment", "lead")
        .order_by("reference")
    )
    today = timezone.localdate()
    return render(
        request,
        "voice/readiness.html",
        {
            "measures": finding_measures(finding=finding, as_at=today, plan=plan),
            "area": area,
            "plan": plan,
            "finding": finding,
            "commitments": list(commitments),
            "actions": list(actions),
            "forum_views": selectors.forum_views_of(finding),
            "entries": selectors.you_said_we_did_of(area, finding),
            "easy_read": selectors.easy_read_of(finding),
            "can_manage": permissions.can_manage_plan(request.user, area),
            "today": today,
        },
    )
