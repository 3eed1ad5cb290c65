"""URLs of the plan import and export. Every name here needs a row in the permission matrix of
tests/actions/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from spreadsheets import measure_views, views

urlpatterns = [
    path("areas/<slug:area_slug>/import/", views.plan_import_upload, name="plan_import"),
    path(
        "areas/<slug:area_slug>/import/confirm/",
        views.plan_import_confirm,
        name="plan_import_confirm",
    ),
    path(
        "areas/<slug:area_slug>/export.csv",
        views.plan_export,
        {"fmt": "csv"},
        name="plan_export_csv",
    ),
    path(
        "areas/<slug:area_slug>/export.xlsx",
        views.plan_export,
        {"fmt": "xlsx"},
        name="plan_export_xlsx",
    ),
    path(
        "areas/<slug:area_slug>/measures/import/",
        measure_views.measures_import_upload,
        name="measures_import",
    ),
    path(
        "areas/<slug:area_slug>/measures/import/confirm/",
        measure_views.measures_import_confirm,
        name="measures_import_confirm",
    ),
    path(
        "areas/<slug:area_slug>/measures/export.csv",
        measure_views.measures_download,
        {"fmt": "csv"},
        name="measures_export_csv",
    ),
    path(
        "areas/<slug:area_slug>/measures/export.xlsx",
        measure_views.measures_download,
        {"fmt": "xlsx"},
        name="measures_export_xlsx",
    ),
]
