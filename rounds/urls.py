"""URLs of the update round, included under areas/<slug:area_slug>/. Every name here needs a
row in the permission matrix of tests/planning/test_permission_matrix.py."""

from django.urls import path

from rounds import views

urlpatterns = [
    path("update-round/", views.update_round, name="update_round"),
    path("update-round/send/", views.update_round_send, name="update_round_send"),
    path("update-round/settings/", views.round_settings, name="update_round_settings"),
]
