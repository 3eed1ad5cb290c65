"""The public progress pages, and the programme manager's screen that chooses what they show.

Public views read only through `progress.selectors`, never touch the session or the signed-in
user (so they set no cookie and every visitor gets the same cacheable page), and answer
conditional GETs from the newest change to what they show.
"""

import datetime as dt
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from actions import permissions
from actions.models import BRAG, Action
from actions.services import ActionPublication, plan_publication_update
from progress import selectors as public
from progress.forms import ActionPublicationForm, PlanPublicationForm
from spreadsheets.writer import CSV_CONTENT_TYPE, write_csv
from wsoa.lib.page_cache import cached_page, page_key
from wsoa.lib.requests import AuthenticatedHttpRequest

# Parents' pages may be cached by browsers and proxies for five minutes.
PUBLIC_MAX_AGE = 300

CSV_HEADINGS = (
    "Reference",
    "Area of weakness",
    "Commitment",
    "Title",
    "Public summary",
    "Status",
    "What the status means",
    "Lead",
    "Due date",
    "Completed date",
)


def _area_last_modified(request: HttpRequest, area_slug: str, **kwargs) -> dt.datetime | None:
    return public.area_last_change(area_slug)


# What else the area page shows, from apps standing above this one (papers: the published
# monthly reports): each gives the newest change to it for an area's slug, or None.
AREA_PAGE_FRESHNESS: list[Callable[[str], dt.datetime | None]] = []


def _area_page_last_modified(request: HttpRequest, area_slug: str, **kwargs) -> dt.datetime | None:
    stamps = [_area_last_modified(request, area_slug)]
    stamps += [newest(area_slug) for newest in AREA_PAGE_FRESHNESS]
    known = [stamp for stamp in stamps if stamp is not None]
    return max(known) if known else None


def _index_last_modified(request: HttpRequest) -> dt.datetime | None:
    return public.published_areas_last_modified()


def public_page(last_modified_func):
    """A public, cacheable GET page whose freshness is `last_modified_func(request, **kwargs)`.

    The freshness is read once a request: it answers conditional GETs (304) and keys the copy
    of the page kept in Django's cache, so any change it covers shows on the next request.
    """

    def decorator(view):
        def last_change(request, *args, **kwargs):
            if not hasattr(request, "_public_last_change"):
                request._public_last_change = last_modified_func(request, *args, **kwargs)
            return request._public_last_change

        @login_not_required
        @require_safe
        @cache_control(public=True, max_age=PUBLIC_MAX_AGE)
        @condition(last_modified_func=last_change)
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            stamp = last_change(request, *args, **kwargs)
            if stamp is None:  # nothing published: nothing worth keeping
                return view(request, *args, **kwargs)
            key = page_key("public", request.get_full_path(), stamp.isoformat())
            return cached_page(request, key, lambda: view(request, *args, **kwargs))

        return wrapped

    return decorator


@public_page(_index_last_modified)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "progress/index.html", {"areas": public.published_areas()})


@public_page(_area_page_last_modified)
def area(request: HttpRequest, area_slug: str) -> HttpResponse:
    plan = public.published_plan(area_slug)
    if plan is None:
        raise Http404("This local area has no published plan.")
    return render(
        request,
        "progress/area.html",
        {
            "plan": plan,
            "last_updated": getattr(request, "_public_last_change", None)
            or public.area_last_change(area_slug),
            "brag_scale": BRAG.ordered(),
        },
    )


@public_page(_area_last_modified)
def action_detail(request: HttpRequest, area_slug: str, reference: str) -> HttpResponse:
    page = public.published_action(area_slug, reference)
    if page is None:
        raise Http404("No such published action.")
    return render(request, "progress/action.html", {"page": page})


@public_page(_area_last_modified)
def actions_csv(request: HttpRequest, area_slug: str) -> HttpResponse:
    plan = public.published_plan(area_slug)
    if plan is None:
        raise Http404("This local area has no published plan.")
    rows = (
        (
            action.reference,
            action.weakness_number,
            action.commitment_reference,
            action.title,
            action.public_summary,
            action.status.label,
            action.status.meaning,
            action.lead,
            action.due_date,
            action.completed_date,
        )
        for action in plan.actions
    )
    response = HttpResponse(write_csv(CSV_HEADINGS, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{area_slug}-published-actions.csv"'
    return response


# --- choosing what is published ------------------------------------------------------------


@login_required
def publishing(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area = permissions.get_area_for_user(request, area_slug)
    if not permissions.can_manage_plan(request.user, area):
        raise PermissionDenied("Only the programme manager chooses what is published.")
    plan = permissions.get_current_plan_or_404(area)
    actions = list(
        Action.objects.filter(plan=plan)
        .select_related("weakness")
        .only(
            "plan_id",
            "reference",
            "title",
            "status",
            "published",
            "public_summary",
            "version",
            "weakness__number",
        )
        .order_by("weakness__number", "reference")
    )
    data = request.POST if request.method == "POST" else None
    plan_form = PlanPublicationForm(
        data, initial={"is_published": plan.is_published}, prefix="plan"
    )
    rows = [
        (
            action,
            ActionPublicationForm(
                data,
                prefix=f"action-{action.pk}",
                initial={
                    "published": action.published,
                    "public_summary": action.public_summary,
                    "version": action.version,
                },
            ),
        )
        for action in actions
    ]
    if request.method == "POST" and plan_form.is_valid() and all(f.is_valid() for _, f in rows):
        choices = [
            ActionPublication(
                action=action,
                published=form.cleaned_data["published"],
                public_summary=form.cleaned_data["public_summary"],
                expected_version=form.cleaned_data["version"],
            )
            for action, form in rows
        ]
        try:
            plan_publication_update(
                plan=plan,
                actor=request.user,
                is_published=plan_form.cleaned_data["is_published"],
                actions=choices,
            )
        except ValidationError as error:
            by_reference = error.message_dict
            for action, form in rows:
                for message in by_reference.get(action.reference, []):
                    form.add_error("public_summary", message)
        else:
            messages.success(request, "Publishing choices saved.")
            return redirect(reverse("progress:publishing", kwargs={"area_slug": area.slug}))
    return render(
        request,
        "progress/publishing.html",
        {
            "area": area,
            "plan": plan,
            "plan_form": plan_form,
            "rows": rows,
            "errors": _error_summary(rows),
        },
    )


def _error_summary(rows: list[tuple[Action, ActionPublicationForm]]) -> list[dict[str, str]]:
    """Entries of the "There is a problem" box, each linking to its action's summary box."""
    return [
        {
            "text": f"Action {action.reference}: {message}",
            "href": f"#{form['public_summary'].auto_id}",
        }
        for action, form in rows
        for bound in form
        for message in bound.errors
    ]
