import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from actions.models import Membership
from measures.models import Direction
from measures.services import measure_create, measure_value_record
from tests.factories import MembershipFactory
from tests.scenarios import make_actions

pytestmark = pytest.mark.django_db


def _published_measure(sutton) -> None:
    """A published measure of finding 1 with two values, so the page reads measures too."""
    manager = MembershipFactory(
        local_area=sutton["area"], role=Membership.Role.PROGRAMME_MANAGER
    ).user
    measure = measure_create(
        plan=sutton["plan"],
        actor=manager,
        name="Annual reviews on time",
        direction=Direction.HIGHER,
        findings=[sutton["weaknesses"][0]],
        unit="%",
        baseline_value=D("40"),
        baseline_date=dt.date(2023, 3, 31),
        target_value=D("90"),
        target_date=dt.date(2026, 3, 31),
        is_published=True,
        reason="Agreed",
    )
    for day, value in ((dt.date(2024, 3, 31), D("55")), (dt.date(2024, 6, 30), D("61"))):
        measure_value_record(
            measure=measure, actor=manager, period_end=day, value=value, reason="Returns"
        )


# Freshness (1, which also says "Last updated"), the page's selector with the families' voice
# and the published measures (the measures' own fixed number), and the monthly reports (1).
AREA_PAGE_QUERIES = 15
ACTION_PAGE_QUERIES = 6
CSV_QUERIES = 7


@pytest.mark.parametrize("extra_actions", [10, 200])
def test_area_page_costs_the_same_queries_however_many_actions(
    client, sutton, extra_actions, django_assert_max_num_queries
):
    make_actions(sutton["plan"], sutton["weaknesses"][1], sutton["workstream"], extra_actions)
    _published_measure(sutton)

    with django_assert_max_num_queries(AREA_PAGE_QUERIES):
        response = client.get(reverse("progress:area", kwargs={"area_slug": "sutton"}))

    assert response.status_code == 200
    assert len(response.context["plan"].actions) == 3 + extra_actions


@pytest.mark.parametrize("extra_actions", [10, 200])
def test_csv_costs_the_same_queries_however_many_actions(
    client, sutton, extra_actions, django_assert_max_num_queries
):
    make_actions(sutton["plan"], sutton["weaknesses"][1], sutton["workstream"], extra_actions)

    with django_assert_max_num_queries(CSV_QUERIES):
        response = client.get(reverse("progress:actions_csv", kwargs={"area_slug": "sutton"}))

    assert response.content.decode().count("\n") == 1 + 3 + extra_actions


@pytest.mark.parametrize("extra_actions", [10, 200])
def test_action_page_costs_the_same_queries_however_many_actions(
    client, sutton, extra_actions, django_assert_max_num_queries
):
    make_actions(sutton["plan"], sutton["weaknesses"][1], sutton["workstream"], extra_actions)

    with django_assert_max_num_queries(ACTION_PAGE_QUERIES):
        response = client.get(
            reverse("progress:action", kwargs={"area_slug": "sutton", "reference": "1.1.1"})
        )

    assert response.status_code == 200


def test_index_costs_two_queries(client, sutton, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get(reverse("progress:index"))

    assert response.status_code == 200
