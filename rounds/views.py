"""The update round page and its settings. Each view fetches through actions.permissions
(outsiders 404, members who may not see it 403), binds a form, calls a service, redirects."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from actions import permissions
from rounds import selectors, services
from rounds.forms import RoundSettingsForm
from rounds.rules import rules_for
from ui.form_page import form_page
from wsoa.lib.requests import AuthenticatedHttpRequest


@login_required
@require_GET
def update_round(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area = permissions.get_area_for_user(request, area_slug)
    user = request.user
    if not permissions.can_view_update_round(user, area):
        raise PermissionDenied("The update round is for the programme manager and leads.")
    plan = permissions.get_current_plan_or_404(area)
    can_manage = permissions.can_manage_plan(user, area)
    workstreams = None if can_manage else permissions.led_workstream_ids(user)
    today = timezone.localdate()
    page = selectors.round_page(
        plan=plan, rules=rules_for(area.pk), today=today, workstream_ids=workstreams
    )
    context = {
        "area": area,
        "plan": plan,
        "round": page,
        "can_manage": can_manage,
    }
    return render(request, "rounds/update_round.html", context)


@login_required
@require_POST
def update_round_send(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    """The programme manager runs today's round from the page, as the daily command would:
    nobody already e-mailed today is e-mailed again."""
    area = permissions.get_area_for_user(request, area_slug)
    if not permissions.can_manage_plan(request.user, area):
        raise PermissionDenied("Only the programme manager runs the update round.")
    plan = permissions.get_current_plan_or_404(area)
    run = services.update_round_run(plan=plan, today=timezone.localdate())
    if not run.is_open:
        messages.info(
            request,
            f"The round opens on {run.rules.opens_on(run.today):%-d %B %Y}; nobody was e-mailed.",
        )
    else:
        count = len(run.chases.chases)
        waiting = len(run.chases.already_emailed_today)
        text = f"E-mailed {count} {'person' if count == 1 else 'people'}."
        if waiting:
            text += (
                f" {waiting} {'person' if waiting == 1 else 'people'} already had an e-mail today;"
                " the rest goes tomorrow."
            )
        messages.success(request, text)
    return redirect("update_round", area_slug=area.slug)


@login_required
def round_settings(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area = permissions.get_area_for_user(request, area_slug)
    if not permissions.can_manage_plan(request.user, area):
        raise PermissionDenied("Only the programme manager sets up the update round.")
    rules = rules_for(area.pk)
    initial = {
        "opening_day": rules.opening_day,
        "escalation_working_days": rules.escalation_working_days,
    }
    form = RoundSettingsForm(request.POST or None, initial=initial)
    done = reverse("update_round", kwargs={"area_slug": area.slug})

    def save(values: dict[str, Any], reason: str) -> Any:
        return services.round_settings_update(
            local_area=area, actor=request.user, reason=reason, **values
        )

    return form_page(
        request,
        form,
        save,
        area=area,
        title="Set up the update round",
        caption=area.name,
        success="The update round's settings were saved.",
        done=done,
        breadcrumb=("Update round", done),
    )
