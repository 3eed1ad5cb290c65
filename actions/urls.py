"""URLs of the action screens. Every name here needs a row in the permission matrix of
tests/actions/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from actions.views import people, tracking

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
    # Before the area's own address, so "new" is never read as an area.
    path("areas/new/", people.area_create, name="area_create"),
    path("areas/<slug:area_slug>/people/", people.people, name="people"),
    path("areas/<slug:area_slug>/people/invite/", people.people_invite, name="people_invite"),
    path(
        "areas/<slug:area_slug>/people/<int:membership_id>/role/",
        people.person_role,
        name="person_role",
    ),
    path(
        "areas/<slug:area_slug>/people/<int:membership_id>/remove/",
        people.person_remove,
        name="person_remove",
    ),
    path("invitations/<str:token>/", people.invitation_accept, name="invitation_accept"),
]
