"""URLs of the plan import and export. Every name here needs a row in the permission matrix of
tests/actions/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from spreadsheets import views

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
]
