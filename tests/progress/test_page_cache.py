"""The public pages are served from Django's cache, and change at once when what they show does."""

import re

import pytest
from django.urls import reverse

from actions.models import BRAG
from actions.services import action_change_status, action_set_publication, plan_set_published
from wsoa.lib.page_cache import NONCE_PLACEHOLDER, cached_page, page_key
from wsoa.lib.redis_cache import RedisCache

pytestmark = pytest.mark.django_db

AREA_URL = reverse("progress:area", kwargs={"area_slug": "sutton"})
ACTION_URL = reverse("progress:action", kwargs={"area_slug": "sutton", "reference": "1.1.1"})


def nonce_of(response) -> str:
    [nonce] = set(re.findall(r'nonce="([^"]+)"', response.text))
    return nonce


@pytest.mark.parametrize("url", [AREA_URL, ACTION_URL])
def test_a_public_page_comes_from_the_cache_after_its_first_visit(
    client, sutton, url, django_assert_max_num_queries
):
    first = client.get(url)
    # Kept: the next visit reads only the area's last change.
    with django_assert_max_num_queries(1):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content.replace(nonce_of(second).encode(), b"N") == first.content.replace(
        nonce_of(first).encode(), b"N"
    )


def test_a_cached_page_never_replays_a_nonce(client, sutton):
    pages = [client.get(AREA_URL) for _ in range(3)]
    nonces = [nonce_of(page) for page in pages]
    assert len(set(nonces)) == 3
    for page, nonce in zip(pages, nonces, strict=True):
        assert f"'nonce-{nonce}'" in page["Content-Security-Policy"]
        assert NONCE_PLACEHOLDER.decode() not in page.text


def test_a_cached_page_changes_at_once_after_a_status_change(client, sutton, officer):
    action = sutton["actions"][0]
    before = client.get(ACTION_URL).text
    assert client.get(ACTION_URL).text.count("Red") == before.count("Red")
    action_change_status(
        action=action,
        actor=officer,
        status=BRAG.RED,
        reason="Stalled",
        remedial_action="Escalated to the Board",
    )
    after = client.get(ACTION_URL).text
    assert after.count("Red") > before.count("Red")
    area = client.get(AREA_URL).text
    assert area != before


def test_a_cached_page_changes_at_once_after_a_publication(client, sutton, officer):
    action = sutton["actions"][2]
    assert "Relaunch the Local Offer website" in client.get(AREA_URL).text
    action_set_publication(action=action, actor=officer, published=False, public_summary="")
    assert "Relaunch the Local Offer website" not in client.get(AREA_URL).text
    plan_set_published(plan=sutton["plan"], actor=officer, is_published=False)
    assert client.get(AREA_URL).status_code == 404


def test_only_plain_pages_are_kept(rf):
    from django.http import HttpResponse

    request = rf.get("/")
    calls = []

    def missing():
        calls.append(1)
        return HttpResponse("gone", status=404)

    cached_page(request, page_key("t", 1), missing)
    cached_page(request, page_key("t", 1), missing)
    assert len(calls) == 2


def test_the_redis_backend_keeps_pages_under_its_own_prefix():
    """With REDIS_URL set, the cache is Django's Redis backend (needs redis-server)."""
    redis_cache = RedisCache("redis://127.0.0.1:6379/7", {"KEY_PREFIX": "wsoa-test", "TIMEOUT": 30})
    try:
        redis_cache.set("page:probe", (b"x", [], b"body"))
    except Exception as error:  # pragma: no cover - the machine must run redis-server
        pytest.fail(f"redis-server is not running on 127.0.0.1:6379: {error}")
    assert redis_cache.get("page:probe") == (b"x", [], b"body")
    # One Redis client serves every call rather than a new one each time.
    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)
    redis_cache.delete("page:probe")


@pytest.fixture
def stamps_kept(settings):
    """As with Redis: the area's last change is kept until the next write."""
    settings.KEEP_FRESHNESS_STAMPS = True


def test_with_stamps_kept_a_cached_page_costs_no_query(
    client, sutton, stamps_kept, django_assert_num_queries
):
    client.get(AREA_URL)
    with django_assert_num_queries(0):
        assert client.get(AREA_URL).status_code == 200


def test_with_stamps_kept_a_status_change_still_shows_at_once(
    client, sutton, officer, stamps_kept, django_capture_on_commit_callbacks
):
    before = client.get(ACTION_URL).text
    # The stamps move on when the write commits (each test runs in a transaction).
    with django_capture_on_commit_callbacks(execute=True):
        action_change_status(
            action=sutton["actions"][0],
            actor=officer,
            status=BRAG.RED,
            reason="Stalled",
            remedial_action="Escalated to the Board",
        )
    assert client.get(ACTION_URL).text.count("Red") > before.count("Red")


def test_with_stamps_kept_a_publication_still_shows_at_once(
    client, sutton, officer, stamps_kept, django_capture_on_commit_callbacks
):
    assert "Relaunch the Local Offer website" in client.get(AREA_URL).text
    with django_capture_on_commit_callbacks(execute=True):
        action_set_publication(
            action=sutton["actions"][2], actor=officer, published=False, public_summary=""
        )
    assert "Relaunch the Local Offer website" not in client.get(AREA_URL).text


def test_with_stamps_kept_an_import_still_shows_at_once(
    client, sutton, stamps_kept, django_capture_on_commit_callbacks
):
    from actions.models import Action
    from actions.services.bulk import action_bulk_update

    action = Action.objects.get(pk=sutton["actions"][0].pk)
    before = client.get(ACTION_URL).text
    with django_capture_on_commit_callbacks(execute=True):
        action_bulk_update(
            plan=action.plan,
            actor=None,
            reason="Imported from plan.xlsx",
            changes=[
                (
                    action,
                    {"status": BRAG.RED, "remedial_action": "Escalated", "completed_date": None},
                )
            ],
        )
    assert client.get(ACTION_URL).text.count("Red") > before.count("Red")


def test_with_stamps_kept_a_write_not_yet_committed_changes_nothing(
    client, sutton, officer, stamps_kept, django_capture_on_commit_callbacks
):
    """Until the write commits, nobody can read it: the kept stamp stays."""
    from wsoa.lib.page_cache import generation

    before = generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        action_set_publication(
            action=sutton["actions"][2], actor=officer, published=False, public_summary=""
        )
    assert generation() == before and callbacks
