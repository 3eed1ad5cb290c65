"""Addresses the Board pages point at, built in one place."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def action_list_url(area_slug: str, **filters: object) -> str:
    """The area's action list, filtered by `status`, `weakness` and `workstream` numbers."""
    try:
        base = reverse("action_list", kwargs={"area_slug": area_slug})
    except NoReverseMatch:
        base = f"/areas/{area_slug}/actions/"
    query = urlencode({key: value for key, value in filters.items() if value not in (None, "")})
    return f"{base}?{query}" if query else base


def action_url(area_slug: str, reference: str) -> str:
    try:
        return reverse("action_detail", kwargs={"area_slug": area_slug, "reference": reference})
    except NoReverseMatch:
        return f"/areas/{area_slug}/actions/{reference}/"


def absolute(path: str) -> str:
    """`path` as a full address on this installation (settings.SITE_URL), for e-mails."""
    return settings.SITE_URL.rstrip("/") + path
