"""Addresses the Board pages point at, built in one place."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse


def action_list_url(area_slug: str, **filters: object) -> str:
    """The area's action list, filtered: `status`, `weakness` and `workstream` (numbers), `due`."""
    base = reverse("action_list", kwargs={"area_slug": area_slug})
    query = urlencode({key: value for key, value in filters.items() if value not in (None, "")})
    return f"{base}?{query}" if query else base


def action_url(area_slug: str, reference: str) -> str:
    return reverse("action_detail", kwargs={"area_slug": area_slug, "reference": reference})


def absolute(path: str) -> str:
    """`path` as a full address on this installation (settings.SITE_URL), for e-mails."""
    return settings.SITE_URL.rstrip("/") + path
