"""URLs of the screens the navigation links to, stubbed, beside the real ones."""

from django.http import HttpResponse
from django.urls import path

from wsoa.urls import urlpatterns as real_urlpatterns


def _stub(request, **kwargs):
    return HttpResponse("stub")


urlpatterns = [
    path("my-actions/", _stub, name="my_actions"),
    path("areas/<slug:area_slug>/dashboard/", _stub, name="dashboard"),
    path("areas/<slug:area_slug>/actions/", _stub, name="action_list"),
    path("areas/<slug:area_slug>/plan/", _stub, name="manage_plan"),
    *real_urlpatterns,
]
