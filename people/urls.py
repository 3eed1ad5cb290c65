"""URLs of the people screens. Every name here needs a row in the permission matrix of
tests/actions/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from people import views

urlpatterns = [
    # Before the area's own address, so "new" is never read as an area.
    path("areas/new/", views.area_create, name="area_create"),
    path("areas/<slug:area_slug>/people/", views.people, name="people"),
    path("areas/<slug:area_slug>/people/invite/", views.people_invite, name="people_invite"),
    path(
        "areas/<slug:area_slug>/people/<int:membership_id>/role/",
        views.person_role,
        name="person_role",
    ),
    path(
        "areas/<slug:area_slug>/people/<int:membership_id>/remove/",
        views.person_remove,
        name="person_remove",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
