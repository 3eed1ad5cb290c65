"""Whole pages kept in Django's cache, safe with the Content-Security-Policy nonce.

A page's key carries what makes it current (e.g. its area's last change), so a change shows
at once: the next request asks for a new key and renders afresh; old entries simply expire.

Pages carry a CSP nonce in their inline scripts, and a nonce must never be replayed: the
cached copy holds a placeholder instead, and each response served from the cache gets its
own new nonce (which django-csp then puts in that response's header).
"""

import hashlib
from collections.abc import Callable, Hashable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

NONCE_PLACEHOLDER = b"__wsoa-csp-nonce__"
# Response headers a cached page keeps (the middleware adds the rest on every response).
KEPT_HEADERS = ("Content-Disposition",)


def page_key(*parts: Hashable) -> str:
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_page(
    request: HttpRequest, key: str, render: Callable[[], HttpResponse], timeout: int | None = None
) -> HttpResponse:
    """The response under `key` if kept, else `render()`'s, kept when it is a plain 200."""
    kept = cache.get(key)
    if kept is not None:
        content_type, headers, body = kept
        if NONCE_PLACEHOLDER in body:
            body = body.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())  # type: ignore[attr-defined]
        response = HttpResponse(body, content_type=content_type)
        for name, value in headers:
            response[name] = value
        return response
    response = render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        body = response.content
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str):
            body = body.replace(nonce.encode(), NONCE_PLACEHOLDER)
        headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
        cache.set(key, (response["Content-Type"], headers, body), timeout)
    return response
