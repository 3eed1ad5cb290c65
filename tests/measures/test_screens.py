"""The measure screens as their users meet them."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Membership
from measures import services
from measures.models import Measure
from tests.factories import ActionFactory, MembershipFactory, PlanFactory


def url(name, measure_or_plan, **kwargs):
    plan = getattr(measure_or_plan, "plan", measure_or_plan)
    return reverse(name, kwargs={"area_slug": plan.local_area.slug, **kwargs})


def date_parts(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.fixture
def board_member(plan):
    return MembershipFactory(local_area=plan.local_area, role=Membership.Role.BOARD_MEMBER).user


def test_a_member_reads_the_measures_with_their_rating_and_reason(client, measure, board_member):
    services.milestone_set(
        measure=measure, actor=None, date=dt.date(2025, 3, 31), value=D("12"), reason="Plan"
    )
    services.measure_value_record(
        measure=measure, actor=None, period_end=dt.date(2025, 1, 31), value=D("14.2"), reason="Q3"
    )
    client.force_login(board_member)
    page = client.get(url("measure_list", measure)).content.decode()
    assert "M1 Exclusions of primary pupils with EHC plans" in page
    assert "Off track" in page
    assert "14.2% against a milestone of 12% by March 2025" in page
    detail = client.get(url("measure_detail", measure, number=1)).content.decode()
    assert "<svg" in detail and "<title" in detail and "<desc" in detail
    assert "figures as a table" in detail
    assert "Record a value" not in detail
    assert "Agreed at the Board" in detail  # the measure's own history, with the reason


def test_the_programme_manager_adds_a_measure(client, plan, manager):
    client.force_login(manager)
    finding = plan.weaknesses().get(number=2)
    response = client.post(
        url("measure_add", plan),
        {
            "name": "Annual reviews on time",
            "findings": [finding.pk],
            "direction": "higher",
            "unit": "%",
            "baseline_value": "38",
            **date_parts("baseline_date", dt.date(2023, 3, 31)),
            "target_value": "80",
            **date_parts("target_date", dt.date(2026, 3, 31)),
            "reason": "Agreed at the Board",
        },
    )
    measure = Measure.objects.get(plan=plan, name="Annual reviews on time")
    assert response.status_code == 302
    assert response["Location"] == url("measure_detail", plan, number=measure.number)
    assert measure.history.get().history_change_reason == "Agreed at the Board"


def test_the_add_form_lists_every_problem_beside_its_field(client, plan, manager):
    client.force_login(manager)
    response = client.post(
        url("measure_add", plan), {"target_value": "abc", "benchmark_value": "3"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Enter the measure&#x27;s name",
        "Choose the findings this measure shows",
        "Say whether higher or lower is better",
        "Target value (optional) must be a number",
        "Say why you are making this change",
    ):
        assert message in page
    assert not Measure.objects.exists()


def test_an_owner_records_a_value_and_a_correction_keeps_the_history(client, measure, owner):
    client.force_login(owner)
    form = url("value_record", measure, number=1)
    assert client.get(form).status_code == 200
    for value, reason in (("14.2", "SEN2 return"), ("13.9", "Late returns counted")):
        response = client.post(
            form,
            {**date_parts("period_end", dt.date(2025, 1, 31)), "value": value, "reason": reason},
        )
        assert response.status_code == 302
    detail = client.get(url("measure_detail", measure, number=1)).content.decode()
    assert "Late returns counted" in detail and "SEN2 return" in detail
    assert measure.values.get().value == D("13.9")


def test_an_owner_finds_the_link_to_record_a_value_on_the_measures_page(client, measure, owner):
    client.force_login(owner)
    page = client.get(url("measure_list", measure)).content.decode()
    assert url("value_record", measure, number=1) in page


def test_a_member_who_is_not_an_owner_cannot_record_values(client, measure, board_member):
    client.force_login(board_member)
    page = client.get(url("measure_list", measure)).content.decode()
    assert url("value_record", measure, number=1) not in page
    client.force_login(board_member)
    assert client.get(url("value_record", measure, number=1)).status_code == 403


def test_an_owner_cannot_change_the_measure(client, measure, owner):
    client.force_login(owner)
    assert client.get(url("measure_edit", measure, number=1)).status_code == 403
    assert client.get(url("milestone_add", measure, number=1)).status_code == 403


def test_people_of_another_area_see_nothing(client, measure):
    outsider = MembershipFactory(
        local_area=PlanFactory().local_area, role=Membership.Role.PROGRAMME_MANAGER
    ).user
    client.force_login(outsider)
    assert client.get(url("measure_list", measure)).status_code == 404
    assert client.get(url("measure_detail", measure, number=1)).status_code == 404


def test_the_manager_sets_a_milestone_and_withdraws_a_measure(client, measure, manager):
    client.force_login(manager)
    response = client.post(
        url("milestone_add", measure, number=1),
        {**date_parts("date", dt.date(2025, 3, 31)), "value": "12", "reason": "Interim target"},
    )
    assert response.status_code == 302
    assert measure.milestones.get().value == D("12")
    response = client.post(
        url("measure_withdraw", measure, number=1), {"reason": "Replaced by a better measure"}
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.withdrawn_date is not None


def test_the_board_dashboard_shows_measures_and_flags_good_delivery_with_poor_impact(
    client, measure, board_member
):
    plan = measure.plan
    finding = plan.weaknesses().get(number=1)
    for _ in range(4):
        ActionFactory(plan=plan, weakness=finding, green=True)
    services.milestone_set(
        measure=measure, actor=None, date=dt.date(2025, 3, 31), value=D("12"), reason="Plan"
    )
    services.measure_value_record(
        measure=measure, actor=None, period_end=dt.date(2025, 1, 31), value=D("14.2"), reason="Q3"
    )
    client.force_login(board_member)
    page = client.get(reverse("dashboard", kwargs={"area_slug": plan.local_area.slug}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Measures of impact" in html
    assert "Delivery good, impact not" in html
    assert "14.2% against a milestone of 12% by March 2025" in html


def test_the_dashboard_as_at_an_earlier_date_shows_the_values_known_then(
    client, measure, board_member
):
    services.measure_value_record(
        measure=measure, actor=None, period_end=dt.date(2025, 1, 31), value=D("14.2"), reason="Q3"
    )
    client.force_login(board_member)
    slug = measure.plan.local_area.slug
    earlier = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    html = client.get(reverse("dashboard", kwargs={"area_slug": slug}), {"as_at": earlier})
    assert "No value has been recorded yet as at" in html.content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_dashboards_measures_cost_the_same_queries_whatever_their_number(
    client, plan, manager, board_member, count, django_assert_max_num_queries
):
    finding = plan.weaknesses().get(number=1)
    for index in range(count):
        measure = services.measure_create(
            plan=plan,
            actor=None,
            name=f"Measure {index}",
            direction="higher",
            findings=[finding],
            owners=[manager],
            reason="New",
        )
        services.measure_value_record(
            measure=measure, actor=None, period_end=dt.date(2025, 1, 31), value=D(index), reason="x"
        )
    client.force_login(board_member)
    with django_assert_max_num_queries(24):
        response = client.get(reverse("dashboard", kwargs={"area_slug": plan.local_area.slug}))
    assert response.status_code == 200
