"""The public progress pages, and the programme manager's screen that chooses what they show.

Public views read only through `progress.selectors`, never touch the session or the signed-in
user (so they set no cookie and every visitor gets the same cacheable page), and answer
conditional GETs from the newest change to what they show.
"""

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
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


def _index_last_modified(request: HttpRequest) -> dt.datetime | None:
    return public.published_areas_last_modified()


def _start_of_today() -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))


def public_page(last_modified_func):
    """A public, cacheable GET page whose freshness is `last_modified_func(request, **kwargs)`.

    The freshness is read once a request: it answers conditional GETs (304) and keys the copy
    of the page kept in Django's cache, so any change it covers shows on the next request.
    The pages also change with the day with no row changing (an action becomes late, a
    measure's milestone passes), so the freshness is never earlier than the start of today,
    and a browser asking about yesterday's copy gets today's page.
    """

    def decorator(view):
        def last_change(request, *args, **kwargs):
            if not hasattr(request, "_public_last_change"):
                stamp = last_modified_func(request, *args, **kwargs)
                request._public_last_change = stamp and max(stamp, _start_of_today())
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
            # The stamp is never earlier than today's start, so the key changes with the day.
            key = page_key("public", request.get_full_path(), stamp.isoformat())
            return cached_page(request, key, lambda: view(request, *args, **kwargs))

        return wrapped

    return decorator


@public_page(_index_last_modified)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "progress/index.html", {"areas": public.published_areas()})


@public_page(_area_last_modified)
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
            "brag_scale": [(status, public.PLAIN_MEANINGS[status]) for status in BRAG.ordered()],
        },
    )


@public_page(_area_last_modified)
def you_said_we_did(request: HttpRequest, area_slug: str) -> HttpResponse:
    page = public.published_you_said_we_did(area_slug)
    if page is None:
        raise Http404("This local area has no published plan.")
    return render(request, "progress/you_said_we_did.html", {"page": page})


@public_page(_area_last_modified)
def feed(request: HttpRequest, area_slug: str) -> HttpResponse:
    """An Atom feed (RFC 4287) of the area's published changes."""
    published = public.published_feed(area_slug)
    if published is None:
        raise Http404("This local area has no published plan.")
    area_url = request.build_absolute_uri(reverse("progress:area", kwargs={"area_slug": area_slug}))
    atom = Atom1Feed(
        title=f"{published.area.name}: {published.plan_title}",
        link=area_url,
        description="Published changes to the local area's SEND improvement plan.",
        feed_url=request.build_absolute_uri(),
        feed_guid=request.build_absolute_uri(),
        language="en-GB",
        # RFC 4287 wants an author of the feed when its entries name none: the partners.
        author_name=f"{published.area.council_name} and {published.area.health_partner_name}",
    )
    for entry in published.entries:
        if entry.reference:
            link = request.build_absolute_uri(
                reverse(
                    "progress:action",
                    kwargs={"area_slug": area_slug, "reference": entry.reference},
                )
            )
        elif entry.key.startswith("you-said-we-did"):
            page_url = reverse("progress:you_said_we_did", kwargs={"area_slug": area_slug})
            link = request.build_absolute_uri(f"{page_url}#{entry.anchor}")
        else:
            link = f"{area_url}#{entry.anchor}"
        atom.add_item(
            title=entry.title,
            link=link,
            description=entry.summary,
            unique_id=f"{area_url}#{entry.key}",
            updateddate=entry.updated,
            pubdate=entry.updated,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    return response


@public_page(_area_last_modified)
def action_detail(request: HttpRequest, area_slug: str, reference: str) -> HttpResponse:
    page = public.published_action(area_slug, reference)
    if page is None:
        raise Http404("No such published action.")
    return render(request, "progress/action.html", {"page": page})


@public_page(_area_last_modified)
def actions_csv(request: HttpRequest, area_slug: str) -> HttpResponse:
    plan = public.published_plan(area_slug, with_voice=False)
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
