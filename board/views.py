"""Steering Board and workstream dashboards, the printable Board report and the exports.

Every page reads `?as_at=YYYY-MM-DD` (default today) and rebuilds its figures from the audit
history as it stood at the end of that day. Any member of the area may read them; people
outside it get 404 and anonymous visitors the sign-in page.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from actions.models import Plan, Workstream
from actions.permissions import can_view_dashboard, get_area_for_user, plan_or_404
from actions.selectors import current_plan
from actions.selectors.freshness import plan_last_change
from board.charts import bar_chart, series_chart
from board.dates import next_month_end, previous_month_end
from board.exports import FORMATS, actions_export, summary_dataset
from board.forms import AsAtForm
from board.pdf import html_to_pdf
from board.selectors.dashboard import Dashboard, action_lines, dashboard
from board.selectors.summary import brag_summary
from inspections.models import LocalArea
from voice.selectors import ForumBeside, forum_beside_status
from wsoa.lib.downloads import download
from wsoa.lib.page_cache import page_key

# A past date's figures stay kept for a day unless the plan changes first.
PAST_DASHBOARD_TIMEOUT = 24 * 3600


@dataclass(frozen=True)
class _Scope:
    area: LocalArea
    plan: Plan | None
    workstream: Workstream | None
    form: AsAtForm
    as_at: dt.date
    since: dt.date | None


def _scope(request: HttpRequest, area_slug: str, workstream_number: int | None = None) -> _Scope:
    area = get_area_for_user(request, area_slug)
    if not can_view_dashboard(request.user, area):
        raise PermissionDenied("You cannot see this area's dashboards.")
    plan = current_plan(area)
    workstream = None
    if workstream_number is not None:
        workstream = get_object_or_404(Workstream, plan=plan_or_404(plan), number=workstream_number)
    form = AsAtForm(request.GET, today=timezone.localdate())
    form.is_valid()
    as_at, since = form.dates()
    return _Scope(area, plan, workstream, form, as_at, since)


def _page(
    request: HttpRequest, scope: _Scope, template: str, *, with_forum: bool = False
) -> HttpResponse:
    if scope.plan is None:
        return render(request, "board/no_plan.html", {"area": scope.area})
    board = _dashboard(scope)
    scope.form.offer(board.meeting_dates)
    context = _context(scope, board)
    if with_forum:
        context["forum_rows"] = _forum_rows(scope.plan, board)
    return render(request, template, context, status=400 if scope.form.errors else 200)


def _forum_rows(plan: Plan, board: Dashboard) -> list[ForumBeside]:
    """The parent carer forum's latest view of each theme beside the officers' statuses."""
    return forum_beside_status(
        plan,
        [(row.weakness_id, row.label, row.title, row.counts) for row in board.summary.rows],
        as_at=board.as_at,
    )


def _dashboard(scope: _Scope) -> Dashboard:
    """The dashboard's figures; for a past date, kept in the cache until the plan changes.

    Today's figures move with every update and are always read afresh.
    """
    assert scope.plan is not None
    plan = scope.plan

    def read() -> Dashboard:
        return dashboard(
            plan=plan, as_at=scope.as_at, since=scope.since, workstream=scope.workstream
        )

    if scope.as_at >= scope.form.today or scope.form.errors:
        return read()
    key = page_key(
        "board",
        plan.pk,
        scope.as_at,
        scope.since,
        scope.workstream.pk if scope.workstream else None,
        plan_last_change(plan),
    )
    kept = cache.get(key)
    if not isinstance(kept, Dashboard):
        kept = read()
        cache.set(key, kept, timeout=PAST_DASHBOARD_TIMEOUT)
    return kept


def _context(scope: _Scope, board: Dashboard) -> dict:
    today = scope.form.today
    query = {"as_at": board.as_at.isoformat()}
    if scope.since:
        query["since"] = scope.since.isoformat()
    export_query = {"as_at": board.as_at.isoformat()}
    if scope.workstream:
        export_query["workstream"] = str(scope.workstream.number)
    later = next_month_end(board.as_at)
    subject = f"WS{scope.workstream.number} {scope.workstream.name}" if scope.workstream else ""
    return {
        "area": scope.area,
        "plan": scope.plan,
        "workstream": scope.workstream,
        "board": board,
        "form": scope.form,
        "is_today": board.as_at == today,
        "earlier": previous_month_end(board.as_at),
        "later": min(later, today) if board.as_at < today else None,
        "query": urlencode(query),
        "export_query": urlencode(export_query),
        "summary_chart": bar_chart(
            board.summary,
            chart_id="chart-themes",
            title=f"BRAG status of {subject or 'actions'} by theme, {board.as_at:%-d %B %Y}",
        ),
        "series_chart": series_chart(
            board.series,
            chart_id="chart-months",
            title=f"BRAG status of {subject or 'actions'} month by month",
        ),
    }


@login_required
@require_GET
def board_dashboard(request: HttpRequest, area_slug: str) -> HttpResponse:
    return _page(request, _scope(request, area_slug), "board/dashboard.html", with_forum=True)


@login_required
@require_GET
def workstream_dashboard(request: HttpRequest, area_slug: str, number: int) -> HttpResponse:
    return _page(request, _scope(request, area_slug, number), "board/workstream.html")


@login_required
@require_GET
def board_report(request: HttpRequest, area_slug: str) -> HttpResponse:
    return _page(request, _scope(request, area_slug), "board/report.html")


@login_required
@require_GET
def board_report_pdf(request: HttpRequest, area_slug: str) -> HttpResponse:
    """The Board report as a tagged PDF (PDF/UA-1) to file with the Board papers: the same
    reads as the report page, without the SVG charts, whose figures are in its tables."""
    scope = _scope(request, area_slug)
    if scope.form.errors:
        return _bad_dates(scope)
    plan = plan_or_404(scope.plan)
    board = dashboard(plan=plan, as_at=scope.as_at, since=scope.since)
    html = render_to_string("board/report_pdf.html", _context(scope, board), request=request)
    filename = f"{scope.area.slug}-board-report-{scope.as_at:%Y-%m-%d}.pdf"
    return download(html_to_pdf(html), content_type="application/pdf", file_name=filename)


def _bad_dates(scope: _Scope) -> HttpResponse:
    messages = "; ".join(str(error) for errors in scope.form.errors.values() for error in errors)
    return HttpResponseBadRequest(messages, content_type="text/plain; charset=utf-8")


def _export_scope(request: HttpRequest, area_slug: str) -> tuple[_Scope, Plan] | HttpResponse:
    number = request.GET.get("workstream") or None
    if number is not None and not number.isdigit():
        return HttpResponseBadRequest("The workstream must be a number, for example 2.")
    scope = _scope(request, area_slug, int(number) if number else None)
    if scope.form.errors:
        return _bad_dates(scope)
    return scope, plan_or_404(scope.plan)


def _download(content, export_format: str, filename: str) -> HttpResponse:
    return download(content, content_type=FORMATS[export_format], file_name=filename)


def _filename(scope: _Scope, what: str, export_format: str) -> str:
    workstream = f"-ws{scope.workstream.number}" if scope.workstream else ""
    return f"{scope.area.slug}{workstream}-{what}-{scope.as_at:%Y-%m-%d}.{export_format}"


@login_required
@require_GET
def summary_export(request: HttpRequest, area_slug: str, export_format: str) -> HttpResponse:
    """The Board table: `theme,green,amber,red,blue,white,total`, a row per theme, Total."""
    scoped = _export_scope(request, area_slug)
    if isinstance(scoped, HttpResponse):
        return scoped
    scope, plan = scoped
    summary = brag_summary(plan=plan, as_at=scope.as_at, workstream=scope.workstream)
    content = summary_dataset(summary).export(export_format)
    return _download(content, export_format, _filename(scope, "brag-summary", export_format))


@login_required
@require_GET
def actions_download(request: HttpRequest, area_slug: str, export_format: str) -> HttpResponse:
    """Every action as it stood at the end of the as-at day."""
    scoped = _export_scope(request, area_slug)
    if isinstance(scoped, HttpResponse):
        return scoped
    scope, plan = scoped
    lines = action_lines(plan=plan, as_at=scope.as_at, workstream=scope.workstream)
    export = actions_export(lines, export_format, title=f"Actions {scope.as_at:%Y-%m-%d}")
    return _download(export.export(), export_format, _filename(scope, "actions", export_format))
