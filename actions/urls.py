"""URLs of the action screens. Every name here needs a row in the permission matrix of
tests/actions/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from actions.views import tracking

urlpatterns = [
    path("my-actions/", tracking.my_actions, name="my_actions"),
    path("help/status-suggestions/", tracking.suggestion_rules, name="status_suggestion_rules"),
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
]
