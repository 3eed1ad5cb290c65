"""Requests refused before any view sees them."""

import re
from collections.abc import Callable
from urllib.parse import unquote

from csp.middleware import CSPMiddleware
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.views.defaults import bad_request

# C0 control characters and DEL. Tab, line feed and carriage return may come from a text box
# of a GET form, so only the path refuses those.
_CONTROL_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_QUERY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RefuseControlCharactersMiddleware:
    """Answers 400 to a URL with a control character in its path or query string.

    No address of the service has one, and a NUL byte passed on to PostgreSQL is an error
    there, so the request stops here with the "could not be understood" page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = unquote(request.META.get("QUERY_STRING", ""), errors="replace")
        if _CONTROL_IN_PATH.search(request.path) or _CONTROL_IN_QUERY.search(query):
            return bad_request(request, BadRequest("Control character in the address"))
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, left off "304 Not Modified" answers.

    A 304 renders no page, so its policy would carry no nonce, and the browser would lay its
    headers over the page it kept, whose scripts carry the nonce of the first answer.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.status_code == 304:
            return response
        return super().process_response(request, response)
