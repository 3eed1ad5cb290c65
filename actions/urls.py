"""URLs of the action screens. Every name here needs a row in the permission matrix of
tests/actions/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from actions import views

urlpatterns = [
    path("my-actions/", views.my_actions, name="my_actions"),
    path("areas/<slug:area_slug>/actions/", views.action_list, name="action_list"),
    path(
        "areas/<slug:area_slug>/actions/<str:reference>/",
        views.action_detail,
        name="action_detail",
    ),
    path(
        "areas/<slug:area_slug>/actions/<str:reference>/update/",
        views.action_update,
        name="action_update",
    ),
    path(
        "areas/<slug:area_slug>/actions/<str:reference>/sign-off/",
        views.action_sign_off,
        name="action_sign_off",
    ),
]
