"""Import a plan's measures from a spreadsheet (upload, preview, confirm) and download them
as one. The format is docs/measures-format.md."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from actions import permissions
from actions.models import Plan
from inspections.models import LocalArea
from measures.permissions import can_manage_measures
from spreadsheets import pending_uploads
from spreadsheets.forms import MeasuresImportForm
from spreadsheets.measures import (
    COLUMNS,
    LAYOUT,
    REQUIRED,
    MeasuresImportResult,
    measures_export,
    measures_import,
)
from spreadsheets.reader import SpreadsheetError, read_spreadsheet
from spreadsheets.views import file_response, problems_summary
from wsoa.lib.requests import AuthenticatedHttpRequest


def _area_for_import(request: HttpRequest, area_slug: str) -> tuple[LocalArea, Plan]:
    area = permissions.get_area_for_user(request, area_slug)
    if not can_manage_measures(request.user, area):
        raise PermissionDenied("Only the programme manager can import measures.")
    return area, permissions.get_current_plan_or_404(area)


def _preview(
    request: HttpRequest, area: LocalArea, result: MeasuresImportResult, token: str = ""
) -> HttpResponse:
    summary = problems_summary(len(result.errors))
    return render(
        request,
        "spreadsheets/measures_import_preview.html",
        {
            "area": area,
            "result": result,
            "token": token,
            "form": MeasuresImportForm(),
            "error_summary": summary,
        },
    )


@login_required
def measures_import_upload(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    """Upload a spreadsheet and see what importing it would do; nothing is saved here."""
    area, plan = _area_for_import(request, area_slug)
    form = (
        MeasuresImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else MeasuresImportForm()
    )
    if form.is_bound and form.is_valid():
        sheet = form.cleaned_data["sheet"]
        result = measures_import(
            plan=plan, rows=sheet.rows, actor=request.user, file_name=sheet.file_name, dry_run=True
        )
        token = ""
        if result.is_valid and result.has_changes:
            token = pending_uploads.keep(
                request, form.cleaned_data["file"], owner=request.user, area=area
            )
        return _preview(request, area, result, token)
    return render(
        request,
        "spreadsheets/measures_import.html",
        {"area": area, "plan": plan, "form": form, "columns": COLUMNS, "required": REQUIRED},
    )


@login_required
@require_POST
def measures_import_confirm(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    """Import the file the person has just previewed, all of it or (if anything fails) none."""
    area, plan = _area_for_import(request, area_slug)
    token = request.POST.get("token", "")
    pending = pending_uploads.take(request, token, owner=request.user, area=area)
    if pending is None:
        messages.error(request, "That upload has expired. Upload the file again to import it.")
        return redirect("measures_import", area_slug=area.slug)
    try:
        sheet = read_spreadsheet(
            io.BytesIO(pending.content), file_name=pending.name, size=pending.size, layout=LAYOUT
        )
    except SpreadsheetError:
        messages.error(request, "That upload can no longer be read. Upload the file again.")
        return redirect("measures_import", area_slug=area.slug)
    result = measures_import(plan=plan, rows=sheet.rows, actor=request.user, file_name=pending.name)
    if not result.saved:
        return _preview(request, area, result)
    messages.success(
        request,
        f"{pending.name} imported: {len(result.created)} measures created, "
        f"{len(result.updated)} changed, {result.milestones} milestones set and "
        f"{result.values} values recorded.",
    )
    return redirect("measure_list", area_slug=area.slug)


@login_required
@require_GET
def measures_download(request: HttpRequest, area_slug: str, fmt: str) -> HttpResponse:
    """The plan's measures and values in the import format. Any member of the area: the file
    holds what the measure pages show them (unpublished measures and value notes included)."""
    area = permissions.get_area_for_user(request, area_slug)
    return file_response(measures_export(plan=permissions.get_current_plan_or_404(area), fmt=fmt))
