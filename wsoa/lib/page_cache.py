"""Whole pages kept in Django's cache, safe with the Content-Security-Policy nonce.

A page's key carries what makes it current (e.g. its area's last change), so a change shows
at once: the next request asks for a new key and renders afresh; old entries simply expire.

Pages carry a CSP nonce in their inline scripts, and a nonce must never be replayed: the
cached copy holds a placeholder instead, and each response served from the cache gets its
own new nonce (which django-csp then puts in that response's header).
"""

import hashlib
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
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


# --- what changed: one generation number for all kept freshness stamps ---------------------

GENERATION_KEY = "content-generation"


def generation() -> int:
    """The number every write to shown content moves on (0 until the first)."""
    return cache.get(GENERATION_KEY, 0)


def content_changed() -> None:
    """Say that content pages show has changed, once the transaction commits.

    Stamps kept under the current generation (`kept_stamp`) are then asked afresh. Called for
    every history row and progress update (progress/apps.py) and by bulk writes that send no
    signals.
    """
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    if not cache.add(GENERATION_KEY, 1, timeout=None):
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # expired between add() and incr()
            cache.add(GENERATION_KEY, 1, timeout=None)


def kept_stamp(name: str, read: Callable[[], Any], timeout: int) -> Any:
    """`read()`, kept in the cache until the next content change (or `timeout` seconds).

    The kept value carries the generation it was read under; the generation and the value
    come back in one round trip to the cache, and a value from an older generation is read
    afresh. Only with a cache every process shares (settings.KEEP_FRESHNESS_STAMPS, on with
    Redis): a process's own memory would not hear of the others' writes.
    """
    if not settings.KEEP_FRESHNESS_STAMPS:
        return read()
    key = f"stamp:{name}"
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY, 0)
    kept = found.get(key)
    if kept is not None and kept[0] == current:
        return kept[1]
    # Read after the generation: a write committing meanwhile moves the generation on, so
    # this value, kept under the older one, is read afresh on the next request.
    value = read()
    cache.set(key, (current, value), timeout)
    return value
