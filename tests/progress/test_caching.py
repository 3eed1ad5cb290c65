import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from actions.models import BRAG
from actions.services import action_change_status, action_set_publication
from tests.factories import KeyObjectiveFactory, ProgressUpdateFactory, UserFactory
from tests.scenarios import SETUP_TIME

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    reverse("progress:index"),
    reverse("progress:area", kwargs={"area_slug": "sutton"}),
    reverse("progress:action", kwargs={"area_slug": "sutton", "reference": "1.1.1"}),
    reverse("progress:actions_csv", kwargs={"area_slug": "sutton"}),
]
AREA_URL = PUBLIC_URLS[1]
SETUP_HTTP_DATE = http_date(SETUP_TIME.timestamp())


def start_of_today_http_date() -> str:
    midnight = dt.datetime.combine(timezone.localdate(), dt.time.min)
    return http_date(timezone.make_aware(midnight).timestamp())


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_may_be_cached_by_anyone_for_five_minutes(client, sutton, url):
    response = client.get(url)

    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=300"}
    # Nothing changed since the scenario was set up, long ago: the page is as of today, since
    # actions become late at midnight with no row changing.
    assert response["Last-Modified"] == start_of_today_http_date()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_conditional_get_of_an_unchanged_page_answers_not_modified(client, sutton, url):
    kept = client.get(url)
    response = client.get(url, headers={"if-modified-since": kept["Last-Modified"]})

    assert response.status_code == 304
    assert response.content == b""
    assert "max-age=300" in response["Cache-Control"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_copy_kept_from_before_today_is_sent_again(client, sutton, url):
    # The last change was the set-up; a browser that kept the page then may be showing an
    # action as on time that has become late since.
    response = client.get(url, headers={"if-modified-since": SETUP_HTTP_DATE})

    assert response.status_code == 200
    assert response["Last-Modified"] == start_of_today_http_date()


def test_status_change_of_a_published_action_makes_the_page_modified(client, sutton, officer):
    kept = client.get(AREA_URL)["Last-Modified"]
    action_change_status(
        action=sutton["actions"][2], actor=officer, status=BRAG.RED, reason="x", remedial_action="y"
    )

    response = client.get(AREA_URL, headers={"if-modified-since": kept})

    assert response.status_code == 200
    assert response["Last-Modified"] != kept


def test_withdrawing_an_action_makes_the_page_modified(client, sutton, officer):
    kept = client.get(AREA_URL)["Last-Modified"]
    action_set_publication(
        action=sutton["actions"][2], actor=officer, published=False, public_summary=""
    )

    response = client.get(AREA_URL, headers={"if-modified-since": kept})

    assert response.status_code == 200
    assert "Relaunch the Local Offer website" not in response.text


def test_new_progress_update_of_a_published_action_makes_the_page_modified(client, sutton):
    kept = client.get(AREA_URL)["Last-Modified"]
    ProgressUpdateFactory(action=sutton["actions"][0])

    response = client.get(AREA_URL, headers={"if-modified-since": kept})

    assert response.status_code == 200


def test_new_key_objective_makes_the_page_modified(client, sutton):
    kept = client.get(AREA_URL)["Last-Modified"]
    KeyObjectiveFactory(plan=sutton["plan"], number=9, text="A new objective")

    response = client.get(AREA_URL, headers={"if-modified-since": kept})

    assert response.status_code == 200
    assert "A new objective" in response.text


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_sets_no_cookie_and_does_not_vary_by_cookie(client, sutton, url):
    response = client.get(url)

    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_signed_in_visitor_gets_the_same_cacheable_page(client, sutton, url):
    client.force_login(UserFactory())

    response = client.get(url)

    assert response.status_code == 200
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()
    assert "Sign out" not in response.content.decode()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_writes_nothing_to_the_database(client, sutton, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    statements = [q["sql"].lstrip().split()[0].upper() for q in queries.captured_queries]
    assert statements and set(statements) == {"SELECT"}


def test_public_page_refuses_a_post(client, sutton):
    assert client.post(AREA_URL).status_code == 405
