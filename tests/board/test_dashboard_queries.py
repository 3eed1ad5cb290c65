import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from board.selectors.dashboard import dashboard
from measures import services as measures
from measures.models import Direction
from tests.board.board_plans import people, plan_with_history

# Page, URL arguments, query parameters, most queries: session, user, memberships (with the
# area) and plan, and for a past date the plan's freshness stamp; then the page's own reads
# (the dashboard selector's six), then the navigation. The Board dashboard adds the forum's
# view, the external oversight and its measures section: the measures, then their findings,
# owners, milestones and values in one query (the findings themselves are the dashboard's).
PAGES = [
    ("dashboard", {}, {}, 15),
    ("workstream_dashboard", {"number": 2}, {}, 12),
    ("board_report", {}, {}, 11),
    ("board_report_pdf", {}, {}, 10),
    ("summary_csv", {}, {}, 6),
    ("summary_xlsx", {}, {"workstream": 3}, 7),
    ("actions_csv", {}, {}, 7),
    ("actions_xlsx", {}, {"workstream": 1}, 8),
]


@pytest.fixture(params=[10, 1000], ids=["10 actions", "1,000 actions"])
def big_plan(request, db):
    """A plan of 10 or 1,000 actions, each with a status set at every month-end for a year."""
    plan = plan_with_history(actions=request.param, months=12, end=timezone.localdate())
    cast = people(plan.local_area, plan.workstreams.get(number=2))
    with_measures(plan, cast)
    return plan, cast


def with_measures(plan, cast):
    """Three measures, one for two findings, each with owners, milestones and a year of
    monthly values recorded at the time: the measures section has something to read."""
    today = timezone.localdate()
    findings = list(plan.weaknesses())
    for number, chosen in enumerate((findings[:1], findings[1:3], findings[2:]), start=1):
        measure = measures.measure_create(
            plan=plan,
            actor=cast["manager"],
            name=f"Measure {number}",
            direction=Direction.LOWER,
            findings=chosen,
            owners=[cast["officer"], cast["wslead"]],
            unit="%",
            baseline_value=D("14.2"),
            baseline_date=today - dt.timedelta(days=400),
            target_value=D("8"),
            target_date=today + dt.timedelta(days=200),
            is_published=True,
            reason="Agreed at the Board",
        )
        for months in (9, 3):
            measures.milestone_set(
                measure=measure,
                actor=cast["manager"],
                date=today - dt.timedelta(days=30 * months),
                value=D(12 - months / 3),
                reason="Agreed at the Board",
            )
        for months in range(12, 0, -1):
            period_end = today - dt.timedelta(days=30 * months)
            measures.measure_value_record(
                measure=measure,
                actor=cast["manager"],
                period_end=period_end,
                value=D(14) - D(months) / 4,
                reason="From the quarterly return",
                at=timezone.make_aware(
                    dt.datetime.combine(period_end + dt.timedelta(days=5), dt.time(9))
                ),
            )


@pytest.mark.django_db
def test_the_dashboard_selector_issues_six_queries_whatever_the_size(
    big_plan, django_assert_max_num_queries
):
    plan, _ = big_plan
    with django_assert_max_num_queries(6):
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
    if name == "dashboard":
        # The measures section has read its measures, their values and owners.
        assert "Measure 3" in response.content.decode()
        assert response.context["board"].summary.total.total == plan.actions.count()
