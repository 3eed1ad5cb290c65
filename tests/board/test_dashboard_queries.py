import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from board.selectors.dashboard import dashboard
from tests.board.board_plans import people, plan_with_history

# Page, URL arguments, query parameters, most queries: session, user, area, memberships and
# plan, then the page's own reads (the dashboard selector's ten), then the navigation. The
# Board dashboard adds its measures section: findings, measures, their findings, milestones,
# owners and value history (tests/measures/test_screens.py pins it whatever the measures).
PAGES = [
    ("dashboard", {}, {}, 22),
    ("workstream_dashboard", {"number": 2}, {}, 17),
    ("board_report", {}, {}, 16),
    ("board_report_pdf", {}, {}, 15),
    ("summary_csv", {}, {}, 7),
    ("summary_xlsx", {}, {"workstream": 3}, 8),
    ("actions_csv", {}, {}, 8),
    ("actions_xlsx", {}, {"workstream": 1}, 9),
]


@pytest.fixture(params=[10, 300], ids=["10 actions", "300 actions"])
def big_plan(request, db):
    """A plan of 10 or 300 actions, each with a status set at every month-end for a year."""
    plan = plan_with_history(actions=request.param, months=12, end=timezone.localdate())
    return plan, people(plan.local_area, plan.workstreams.get(number=2))


@pytest.mark.django_db
def test_the_dashboard_selector_issues_ten_queries_whatever_the_size(
    big_plan, django_assert_max_num_queries
):
    plan, _ = big_plan
    with django_assert_max_num_queries(10):
        board = dashboard(plan=plan, as_at=timezone.localdate())
    assert board.summary.total.total == plan.actions.count()
    assert len(board.series) == 12


@pytest.mark.django_db
@pytest.mark.parametrize("name, kwargs, params, most", PAGES)
@pytest.mark.parametrize("as_at", ["", "past"])
def test_each_board_page_issues_a_fixed_number_of_queries(
    client, big_plan, django_assert_max_num_queries, name, kwargs, params, most, as_at
):
    plan, cast = big_plan
    client.force_login(cast["board"])
    url = reverse(name, kwargs={"area_slug": plan.local_area.slug, **kwargs})
    if as_at:
        params = {**params, "as_at": (timezone.localdate() - dt.timedelta(days=100)).isoformat()}
    with django_assert_max_num_queries(most):
        response = client.get(url, params)
    assert response.status_code == 200
