"""Board papers: the list and the lock form, each paper's page (laid out to print), its PDF,
CSV and Excel, what changed since the last paper, approval, minutes and publication; and the
public monthly progress report.

Any member of the area reads the papers; the programme manager locks, minutes and publishes;
the approver named on a paper approves it. People outside the area get 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST, require_safe

from actions import permissions
from actions.models import BRAG, Plan
from board.pdf import html_to_pdf
from inspections.models import LocalArea
from papers import selectors, services
from papers.forms import ApproveForm, LockForm, MinutesForm, PublishForm
from papers.selectors import Paper
from spreadsheets.writer import CONTENT_TYPES, write
from wsoa.lib.downloads import download
from wsoa.lib.requests import AuthenticatedHttpRequest

# The public report may be cached like the other public pages.
PUBLIC_MAX_AGE = 300


def _area_and_plan(request: HttpRequest, area_slug: str) -> tuple[LocalArea, Plan]:
    area = permissions.get_area_for_user(request, area_slug)
    if not permissions.can_view_dashboard(request.user, area):
        raise PermissionDenied("You cannot see this area's Board papers.")
    return area, permissions.get_current_plan_or_404(area)


def _lock_form(request, plan: Plan, data=None) -> LockForm:
    form = LockForm(data, today=timezone.localdate(), approvers=services.approvers_for(plan))
    # The chair (the last paper's approver, or the only Board member) unless another is chosen.
    chair = services.default_approver(plan)
    form.fields["approver"].initial = chair.pk if chair else None
    return form


def _list_page(request, area, plan, form: LockForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "papers/list.html",
        {
            "area": area,
            "plan": plan,
            "papers": list(selectors.papers_of(plan)),
            "form": form,
            "can_lock": permissions.can_manage_plan(request.user, area),
        },
        status=status,
    )


@login_required
def paper_list(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    area, plan = _area_and_plan(request, area_slug)
    if request.method == "POST":
        if not permissions.can_manage_plan(request.user, area):
            raise PermissionDenied("Only the programme manager locks the Board paper.")
        form = _lock_form(request, plan, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                paper = services.paper_lock(
                    plan=plan,
                    actor=request.user,
                    as_at=data["as_at"],
                    approver=data["approver"],
                    reason=data["reason"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, f"{paper} locked. It waits for approval by its approver.")
                return redirect(paper)
        return _list_page(request, area, plan, form, status=400)
    return _list_page(request, area, plan, _lock_form(request, plan))


def _paper(request: HttpRequest, area_slug: str, number: int) -> tuple[LocalArea, Paper]:
    area, plan = _area_and_plan(request, area_slug)
    return area, selectors.paper_or_404(plan, number)


def _paper_page(request, area, paper: Paper, forms=None, status: int = 200) -> HttpResponse:
    user = request.user
    forms = forms or {}
    can_approve = services.can_approve(user, paper.record) and not paper.approval
    can_manage = services.can_manage(user, paper.record)
    return render(
        request,
        "papers/paper.html",
        {
            "area": area,
            "paper": paper,
            "content": paper.content,
            "approve_form": forms.get("approve") or (ApproveForm() if can_approve else None),
            "minutes_form": forms.get("minutes")
            or (MinutesForm() if services.can_record_minutes(user, paper.record) else None),
            "publish_form": forms.get("publish")
            or (PublishForm() if can_manage and paper.approval and not paper.publication else None),
            "brag_scale": BRAG.ordered(),
        },
        status=status,
    )


@login_required
@require_GET
def paper_detail(request: HttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, paper = _paper(request, area_slug, number)
    return _paper_page(request, area, paper)


def _decide(
    request, area_slug: str, number: int, key: str, form_class, act, allowed
) -> HttpResponse:
    """Bind `form_class`, call `act(paper, cleaned_data)`; back to the paper, or its errors.
    Refused (403) before anything is read from the form when `allowed(user, paper)` is not."""
    area, paper = _paper(request, area_slug, number)
    if not allowed(request.user, paper.record):
        raise PermissionDenied("You cannot do this to the paper.")
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(paper.record, form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect(paper.record)
    return _paper_page(request, area, paper, {key: form}, status=400)


@login_required
@require_POST
def paper_approve(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    def act(record, data):
        services.paper_approve(paper=record, actor=request.user, reason=data["note"])
        messages.success(request, f"{record} approved.")

    return _decide(request, area_slug, number, "approve", ApproveForm, act, services.can_approve)


@login_required
@require_POST
def paper_minutes(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    def act(record, data):
        services.paper_record_minutes(paper=record, actor=request.user, minutes=data["minutes"])
        messages.success(request, f"Minutes of {record} recorded.")

    return _decide(
        request, area_slug, number, "minutes", MinutesForm, act, services.can_record_minutes
    )


@login_required
@require_POST
def paper_publish(request: AuthenticatedHttpRequest, area_slug: str, number: int) -> HttpResponse:
    def act(record, data):
        services.paper_publish(paper=record, actor=request.user, reason=data["introduction"])
        messages.success(request, f"{record} published as the monthly progress report.")

    return _decide(request, area_slug, number, "publish", PublishForm, act, services.can_manage)


@login_required
@require_GET
def paper_compare(request: HttpRequest, area_slug: str, number: int) -> HttpResponse:
    area, paper = _paper(request, area_slug, number)
    previous = selectors.previous_paper(paper)
    comparison = selectors.compare(paper, previous) if previous else None
    return render(
        request,
        "papers/compare.html",
        {"area": area, "paper": paper, "previous": previous, "comparison": comparison},
    )


@login_required
@require_GET
def paper_pdf(request: HttpRequest, area_slug: str, number: int) -> HttpResponse:
    """The locked paper as a tagged PDF: page numbers, its date and status on every page."""
    area, paper = _paper(request, area_slug, number)
    html = render_to_string(
        "papers/paper_pdf.html", {"area": area, "paper": paper, "content": paper.content}
    )
    filename = f"{area.slug}-board-paper-{paper.number}-{paper.as_at:%Y-%m-%d}.pdf"
    return download(html_to_pdf(html), content_type="application/pdf", file_name=filename)


# Every action of a locked paper: the columns of its appendix.
EXPORT_HEADER = (
    "Reference",
    "Theme",
    "Action",
    "Lead",
    "Lead role",
    "Lead organisation",
    "Status",
    "Start date",
    "Due date",
    "Completed date",
    "Issue and remedial action",
    "Latest progress update",
    "Progress update dated",
)


def export_rows(paper: Paper) -> list[list]:
    return [
        [
            action["reference"],
            action["theme"],
            action["title"],
            action["lead"],
            action["lead_role"],
            action["lead_organisation"],
            BRAG(action["status"]).label,
            action["start_date"],
            action["due_date"],
            action["completed_date"],
            action["remedial_action"],
            action["narrative"],
            action["narrative_date"],
        ]
        for action in paper.content["actions"]
    ]


@login_required
@require_GET
def paper_export(
    request: HttpRequest, area_slug: str, number: int, export_format: str
) -> HttpResponse:
    area, paper = _paper(request, area_slug, number)
    content = write(
        export_format,
        EXPORT_HEADER,
        export_rows(paper),
        title=f"Paper {paper.number} {paper.as_at:%Y-%m-%d}",
    )
    filename = f"{area.slug}-board-paper-{paper.number}-{paper.as_at:%Y-%m-%d}.{export_format}"
    return download(content, content_type=CONTENT_TYPES[export_format], file_name=filename)


# --- public ---------------------------------------------------------------------------------


@login_not_required
@require_safe
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
def public_report(request: HttpRequest, area_slug: str, number: int) -> HttpResponse:
    """A published paper as parents read it: published actions only, in plain words."""
    report = selectors.public_report(area_slug, number)
    if report is None:
        raise Http404("No such published report.")
    earlier = [r for r in selectors.published_reports(area_slug) if r.number != number]
    return render(
        request,
        "papers/public_report.html",
        {"report": report, "earlier": earlier, "brag_scale": BRAG.ordered()},
    )
