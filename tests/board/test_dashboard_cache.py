"""Dashboards for past dates come from the cache, and change at once when the plan does."""

import datetime as dt

import pytest
from django.urls import reverse

from actions.models import BRAG
from tests.board.board_plans import hand_built_plan, people
from tests.board.timeline import change

pytestmark = pytest.mark.django_db

OCTOBER = dt.date(2018, 10, 31)


@pytest.fixture
def board_client(client):
    built = hand_built_plan()
    cast = people(built.plan.local_area)
    client.force_login(cast["board"])
    return client, built


def test_a_past_dashboard_is_read_once_then_kept(board_client, django_assert_max_num_queries):
    client, built = board_client
    url = reverse("dashboard", kwargs={"area_slug": built.plan.local_area.slug})
    first = client.get(url, {"as_at": OCTOBER.isoformat()})
    # The session, the user, the membership (with the area), the plan and the freshness stamp;
    # then what is read afresh beside the kept figures: the forum's view, the external
    # oversight, the measures and, in one query, their findings, owners, milestones and values.
    with django_assert_max_num_queries(8):
        second = client.get(url, {"as_at": OCTOBER.isoformat()})
    assert second.context["board"] == first.context["board"]


def test_a_kept_past_dashboard_changes_at_once_after_a_status_change(board_client):
    client, built = board_client
    url = reverse("dashboard", kwargs={"area_slug": built.plan.local_area.slug})
    before = client.get(url, {"as_at": OCTOBER.isoformat()}).context["board"]
    assert before.summary.total.counts.get(BRAG.RED) == 1
    # An import records a change made on 20 October, after the action's last one.
    change(built.actions["b2"], BRAG.RED, dt.date(2018, 10, 20))
    after = client.get(url, {"as_at": OCTOBER.isoformat()}).context["board"]
    assert after.summary.total.counts.get(BRAG.RED) == 2
    assert [line.action.reference for line in after.exceptions] == ["1.2", "2.2"]
