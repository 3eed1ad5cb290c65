"""Import a plan from a spreadsheet (upload, preview, confirm) and download it as one."""

import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET, require_POST

from actions import permissions
from actions.models import Plan
from inspections.models import LocalArea
from spreadsheets import exporters, pending_uploads
from spreadsheets.cells import COLUMNS
from spreadsheets.forms import OverwriteForm, PlanImportForm
from spreadsheets.importer import ImportResult, plan_import
from spreadsheets.reader import SpreadsheetError, read_spreadsheet
from wsoa.lib.downloads import download
from wsoa.lib.requests import AuthenticatedHttpRequest


def _area_for_import(request: HttpRequest, area_slug: str) -> LocalArea:
    area = permissions.get_area_for_user(request, area_slug)
    if not permissions.can_import_plan(request.user, area):
        raise PermissionDenied("Only the programme manager can import the plan.")
    return area


def problems_summary(count: int) -> list[dict[str, str]]:
    """The error summary of a file with problems: how many, and a link to their list."""
    return [
        {
            "text": f"The file has {count} problem{'s' if count != 1 else ''}; "
            "nothing has been imported.",
            "href": "#problems",
        }
    ]


def file_response(export: exporters.ExportFile) -> HttpResponse:
    """A download of `export`, saved under its file name."""
    return download(export.content, content_type=export.content_type, file_name=export.file_name)


def _preview(
    request: HttpRequest,
    area: LocalArea,
    plan: Plan,
    result: ImportResult,
    token: str = "",
    in_step_on: dt.date | None = None,
) -> HttpResponse:
    summary = problems_summary(len(result.errors))
    return render(
        request,
        "spreadsheets/plan_import_preview.html",
        {
            "area": area,
            "plan": plan,
            "result": result,
            "token": token,
            "in_step_on": in_step_on.isoformat() if in_step_on else "",
            "form": PlanImportForm(),
            "error_summary": summary,
            "overwrite_form": OverwriteForm(
                references=[conflict.reference for conflict in result.conflicts]
            ),
            "kept_head": ["Action", "Row", "What changed"],
            "conflict_head": [
                "Action",
                "Column",
                "In the file",
                "In the product",
                "Changed in the product",
            ],
            "kept_rows": [[entry.reference, entry.row, str(entry)] for entry in result.kept],
            "conflict_rows": [
                [
                    conflict.reference if index == 0 else "",
                    column,
                    in_file,
                    in_product,
                    str(conflict) if index == 0 else "",
                ]
                for conflict in result.conflicts
                for index, (column, in_file, in_product) in enumerate(conflict.differences)
            ],
        },
    )


@login_required
def plan_import_upload(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    """Upload a spreadsheet and see what importing it would do; nothing is saved here."""
    area = _area_for_import(request, area_slug)
    plan = permissions.get_current_plan_or_404(area)
    if request.method == "POST":
        form = PlanImportForm(request.POST, request.FILES)
    else:
        form = PlanImportForm()
    if form.is_bound and form.is_valid():
        sheet = form.cleaned_data["sheet"]
        in_step_on = form.cleaned_data.get("in_step_on")
        result = plan_import(
            plan=plan,
            rows=sheet.rows,
            actor=request.user,
            file_name=sheet.file_name,
            dry_run=True,
            in_step_on=in_step_on,
        )
        token = ""
        if result.is_valid and result.has_changes:
            token = pending_uploads.keep(
                request, form.cleaned_data["file"], owner=request.user, area=area
            )
        return _preview(request, area, plan, result, token, in_step_on)
    return render(
        request,
        "spreadsheets/plan_import.html",
        {"area": area, "plan": plan, "form": form, "columns": COLUMNS},
    )


@login_required
@require_POST
def plan_import_confirm(request: AuthenticatedHttpRequest, area_slug: str) -> HttpResponse:
    """Import the file the person has just previewed, all of it or (if anything fails) none."""
    area = _area_for_import(request, area_slug)
    plan = permissions.get_current_plan_or_404(area)
    token = request.POST.get("token", "")
    pending = pending_uploads.take(request, token, owner=request.user, area=area)
    if pending is None:
        messages.error(request, "That upload has expired. Upload the file again to import it.")
        return redirect("plan_import", area_slug=area.slug)
    try:
        sheet = read_spreadsheet(
            io.BytesIO(pending.content), file_name=pending.name, size=pending.size
        )
    except SpreadsheetError:
        messages.error(request, "That upload can no longer be read. Upload the file again.")
        return redirect("plan_import", area_slug=area.slug)
    result = plan_import(
        plan=plan,
        rows=sheet.rows,
        actor=request.user,
        file_name=pending.name,
        overwrite=set(request.POST.getlist("overwrite")),
        in_step_on=_date_or_none(request.POST.get("in_step_on", "")),
    )
    if not result.saved:
        # The plan changed since the preview in a way that makes a row invalid.
        return _preview(request, area, plan, result)
    kept = len(result.kept) + len(result.unresolved_conflicts)
    messages.success(
        request,
        f"{pending.name} imported: {len(result.created)} actions created, "
        f"{len(result.updated)} updated, {len(result.unchanged)} unchanged."
        + (f" {kept} left as changed in the product." if kept else ""),
    )
    return redirect(_after_import_url(area))


def _date_or_none(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _after_import_url(area: LocalArea) -> str:
    for name in ("action_list", "dashboard"):
        try:
            return reverse(name, kwargs={"area_slug": area.slug})
        except NoReverseMatch:
            continue
    return reverse("plan_import", kwargs={"area_slug": area.slug})


@login_required
@require_GET
def plan_export(request: HttpRequest, area_slug: str, fmt: str) -> HttpResponse:
    """The area's current plan in the import format, as a CSV file or an Excel workbook."""
    area = permissions.get_area_for_user(request, area_slug)
    if not permissions.can_export_plan(request.user, area):
        raise PermissionDenied("You cannot download this plan.")
    return file_response(
        exporters.plan_export(plan=permissions.get_current_plan_or_404(area), fmt=fmt)
    )
