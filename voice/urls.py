"""URLs of the families' voice and the revisit readiness page, included under
areas/<slug:area_slug>/. Every name here needs a row in the permission matrix of
tests/voice/test_permission_matrix.py, or the suite fails."""

from django.urls import path

from voice import views

urlpatterns = [
    path("forum/", views.forum_views, name="forum_views"),
    path("forum/record/", views.forum_view_record, name="forum_view_record"),
    path("you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    path("you-said-we-did/add/", views.you_said_we_did_add, name="you_said_we_did_add"),
    path(
        "you-said-we-did/<int:entry_id>/", views.you_said_we_did_edit, name="you_said_we_did_edit"
    ),
    path(
        "you-said-we-did/<int:entry_id>/withdraw/",
        views.you_said_we_did_withdraw,
        name="you_said_we_did_withdraw",
    ),
    path("findings/<int:number>/", views.finding_readiness, name="finding_readiness"),
    path("findings/<int:number>/easy-read/", views.easy_read_edit, name="easy_read_edit"),
]
