"""URLs of the action screens. Every name here needs a row in the permission matrix of
tests/actions/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from actions.views import spreadsheets, tracking

urlpatterns = [
    path("my-actions/", tracking.my_actions, name="my_actions"),
    path("areas/<slug:area_slug>/actions/", tracking.action_list, name="action_list"),
    path(
        "areas/<slug:area_slug>/actions/<str:reference>/",
        tracking.action_detail,
        name="action_detail",
    ),
    path(
        "areas/<slug:area_slug>/actions/<str:reference>/update/",
        tracking.action_update,
        name="action_update",
    ),
    path(
        "areas/<slug:area_slug>/actions/<str:reference>/sign-off/",
        tracking.action_sign_off,
        name="action_sign_off",
    ),
    path("areas/<slug:area_slug>/import/", spreadsheets.plan_import_upload, name="plan_import"),
    path(
        "areas/<slug:area_slug>/import/confirm/",
        spreadsheets.plan_import_confirm,
        name="plan_import_confirm",
    ),
    path(
        "areas/<slug:area_slug>/export.csv",
        spreadsheets.plan_export,
        {"fmt": "csv"},
        name="plan_export_csv",
    ),
    path(
        "areas/<slug:area_slug>/export.xlsx",
        spreadsheets.plan_export,
        {"fmt": "xlsx"},
        name="plan_export_xlsx",
    ),
]
