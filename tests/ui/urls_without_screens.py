"""Only the web foundation's own URLs and sign-in, as before any screen is built."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("ui.urls")),
    path("", include("accounts.urls")),
]
