"""Screens for the people who deliver actions: My actions, an area's actions, one action,
its monthly update and the sign-off of completion.

Each view fetches through actions.permissions (outsiders 404, read-only 403), binds a
form, calls a service and redirects.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig

from actions import notices, permissions, selectors, services, suggestions
from actions.filters import AreaActionsFilter, MyActionsFilter
from actions.forms import ActionUpdateForm, SignOffForm
from actions.history import action_history_rows, latest_change
from actions.models import BRAG, Action
from actions.tables import ActionTable, MyActionsTable
from wsoa.lib.requests import AuthenticatedHttpRequest

PER_PAGE = 50


def _table(request: HttpRequest, actions, caption: str, table_class=ActionTable) -> ActionTable:
    table = table_class(actions, caption=caption)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return table


@login_required
@require_GET
def my_actions(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    updatable = permissions.actions_updatable_by(user)
    action_filter = MyActionsFilter(
        request.GET or None, queryset=selectors.actions_for_listing(updatable)
    )
    awaiting = [
        action
        for action in updatable.awaiting_sign_off().select_related(
            "plan__local_area", "completion_proposed_by"
        )
        if permissions.can_confirm_completion(user, action)
    ]
    today = timezone.localdate()
    owing = selectors.owing_update_of(updatable.filter(lead=user), today)
    context = {
        "filter": action_filter,
        "table": _table(
            request, action_filter.qs, "Actions you lead or can update", MyActionsTable
        ),
        "owing_update": owing,
        "owing_in_several_areas": len({action.plan.local_area_id for action in owing}) > 1,
        "this_month": today,
        "notices": notices.notices_for(user, today),
        "awaiting_sign_off": awaiting,
        "can_update_any": permissions.can_update_any_action(user),
    }
    return render(request, "actions/my_actions.html", context)


@login_required
@require_GET
def action_list(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = permissions.get_area_for_user(request, area_slug)
    plan = selectors.current_plan(area)
    context = {
        "area": area,
        "plan": plan,
        "can_export": permissions.can_export_plan(request.user, area),
        "can_import": permissions.can_import_plan(request.user, area),
    }
    if plan is not None:
        action_filter = AreaActionsFilter(
            request.GET or None,
            queryset=selectors.actions_for_listing(plan.actions.all()),
            plan=plan,
        )
        context["filter"] = action_filter
        context["table"] = _table(request, action_filter.qs, f"Actions of the {plan.title}")
    return render(request, "actions/action_list.html", context)


@login_required
@require_GET
def action_detail(request: HttpRequest, area_slug: str, reference: str) -> HttpResponse:
    action = permissions.get_action_for_user(request, area_slug, reference)
    user = request.user
    context = {
        "area": action.plan.local_area,
        "action": action,
        "progress_updates": selectors.progress_updates_of(action),
        "history": action_history_rows(action),
        "can_update": permissions.can_update_action(user, action),
        "can_manage": permissions.can_manage_plan(user, action.plan.local_area),
        "can_confirm": action.completion_proposed
        and permissions.can_confirm_completion(user, action),
        "suggestion": selectors.status_suggestion(action),
    }
    return render(request, "actions/action_detail.html", context)


def _refetched(action: Action) -> Action:
    action.refresh_from_db()
    return action


@login_required
def action_update(
    request: AuthenticatedHttpRequest, area_slug: str, reference: str
) -> HttpResponse:
    action = permissions.get_action_for_user(request, area_slug, reference, write=True)
    can_set_blue = permissions.can_set_blue_directly(request.user, action)
    their_change = None
    # Asked of the action as it stands before this update, on showing and on saving alike.
    suggestion = selectors.status_suggestion(action)
    if request.method == "POST":
        form = ActionUpdateForm(request.POST, action=action, can_set_blue=can_set_blue)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.action_record_progress(
                    action=action,
                    actor=request.user,
                    status=data["status"],
                    narrative=data["narrative"],
                    remedial_action=data["remedial_action"],
                    completed_date=data["completed_date"],
                    evidence=data["evidence"],
                    expected_version=data["version"],
                    suggested_status=suggestion.status if suggestion else "",
                )
            except services.StaleEditError as error:
                # Keep what was typed; a deliberate second save applies it over their change.
                action = _refetched(action)
                their_change = latest_change(action)
                data = request.POST.copy()
                data["version"] = str(action.version)
                form = ActionUpdateForm(data, action=action, can_set_blue=can_set_blue)
                form.is_valid()
                form.add_service_errors(error)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                if data["status"] == BRAG.BLUE and saved.status != BRAG.BLUE:
                    messages.success(
                        request,
                        f"Completion of {saved.reference} proposed. "
                        "Your workstream lead will be asked to confirm it.",
                    )
                else:
                    messages.success(request, f"Update to {saved.reference} saved.")
                return redirect(saved)
    else:
        form = ActionUpdateForm(action=action, can_set_blue=can_set_blue)
    context = {
        "area": action.plan.local_area,
        "action": action,
        "form": form,
        "their_change": their_change,
        "can_set_blue": can_set_blue,
        "suggestion": suggestion,
    }
    return render(request, "actions/action_update.html", context)


@login_required
def action_sign_off(
    request: AuthenticatedHttpRequest, area_slug: str, reference: str
) -> HttpResponse:
    action = permissions.get_action_for_user(request, area_slug, reference)
    if not permissions.can_confirm_completion(request.user, action):
        raise PermissionDenied("Only the workstream lead or programme manager signs off.")
    if not action.completion_proposed:
        messages.info(request, f"No completion of {action.reference} is waiting for sign-off.")
        return redirect(action)
    if request.method == "POST":
        form = SignOffForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == SignOffForm.CONFIRM:
                    saved = services.action_confirm_completion(
                        action=action,
                        actor=request.user,
                        note=data["note"],
                        expected_version=data["version"],
                    )
                    message = f"{saved.reference} confirmed complete (Blue)."
                else:
                    saved = services.action_return_completion(
                        action=action,
                        actor=request.user,
                        reason=data["note"],
                        expected_version=data["version"],
                    )
                    message = f"{saved.reference} returned to the officer."
            except ValidationError as error:
                # Also a stale form: the page shows the action as it now is.
                action = _refetched(action)
                if not action.completion_proposed:
                    messages.info(request, " ".join(error.messages))
                    return redirect(action)
                data = request.POST.copy()
                data["version"] = str(action.version)
                form = SignOffForm(data)
                form.is_valid()
                form.add_service_errors(error)
            else:
                messages.success(request, message)
                return redirect(saved)
    else:
        form = SignOffForm(initial={"version": action.version})
    context = {"area": action.plan.local_area, "action": action, "form": form}
    return render(request, "actions/action_sign_off.html", context)


@login_required
@require_GET
def suggestion_rules(request: HttpRequest) -> HttpResponse:
    """The help page: every rule behind a suggested status, with the words it gives."""
    return render(request, "actions/suggestion_rules.html", {"rules": suggestions.RULES})
