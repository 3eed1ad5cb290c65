"""Refused requests are logged as one line; errors keep their traceback."""

import io
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import include, path


def refuse(request):
    raise PermissionDenied


def hide(request):
    raise Http404("No such action")


def fail(request):
    raise RuntimeError("the database went away")


# The error pages link to the service's own pages.
urlpatterns = [
    path("refuse/", refuse),
    path("hide/", hide),
    path("fail/", fail),
    path("", include("wsoa.urls")),
]


@pytest.fixture
def console():
    """What the console handler configured in settings.LOGGING writes."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


def test_a_refused_request_writes_one_line_without_a_traceback(client, console):
    assert client.get("/refuse/").status_code == 403
    assert console.getvalue() == "Forbidden (Permission denied): /refuse/\n"


def test_a_missing_page_writes_one_line(client, console):
    assert client.get("/hide/").status_code == 404
    assert console.getvalue() == "Not Found: /hide/\n"


def test_an_error_keeps_its_traceback(client, console):
    client.raise_request_exception = False
    assert client.get("/fail/").status_code == 500
    logged = console.getvalue()
    assert logged.startswith("Internal Server Error: /fail/\nTraceback")
    assert "RuntimeError: the database went away" in logged
