from django.urls import path

from progress import views

app_name = "progress"

urlpatterns = [
    path("progress/", views.index, name="index"),
    path("progress/<slug:area_slug>/", views.area, name="area"),
    path(
        "progress/<slug:area_slug>/you-said-we-did/",
        views.you_said_we_did,
        name="you_said_we_did",
    ),
    path("progress/<slug:area_slug>/feed/", views.feed, name="feed"),
    path("progress/<slug:area_slug>/actions.csv", views.actions_csv, name="actions_csv"),
    path(
        "progress/<slug:area_slug>/actions/<str:reference>/",
        views.action_detail,
        name="action",
    ),
    path("areas/<slug:area_slug>/publishing/", views.publishing, name="publishing"),
]
