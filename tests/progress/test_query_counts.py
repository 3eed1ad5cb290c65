import pytest
from django.urls import reverse

from tests.scenarios import make_actions

pytestmark = pytest.mark.django_db

# Freshness (1), the page's selector with the families' voice (9), and the "Last updated"
# line (1).
AREA_PAGE_QUERIES = 11
ACTION_PAGE_QUERIES = 6
CSV_QUERIES = 7


@pytest.mark.parametrize("extra_actions", [10, 200])
def test_area_page_costs_the_same_queries_however_many_actions(
    client, sutton, extra_actions, django_assert_max_num_queries
):
    make_actions(sutton["plan"], sutton["weaknesses"][1], sutton["workstream"], extra_actions)

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
