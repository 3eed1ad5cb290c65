from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("ui.urls")),
    path("", include("accounts.urls")),
    path("", include("actions.urls")),
    path("", include("people.urls")),
    path("", include("spreadsheets.urls")),
    path("", include("progress.urls")),
    path("", include("papers.urls")),
    path("areas/<slug:area_slug>/", include("planning.urls")),
    path("areas/<slug:area_slug>/", include("board.urls")),
    path("areas/<slug:area_slug>/", include("rounds.urls")),
    path("areas/<slug:area_slug>/", include("measures.urls")),
    path("areas/<slug:area_slug>/", include("voice.urls")),
]
