"""Who may change measures, and what the services refuse."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from measures import services
from tests.factories import MembershipFactory, PlanFactory


def test_creating_a_measure_records_who_and_why(measure, manager):
    row = measure.history.get()
    assert (row.history_user, row.history_change_reason) == (manager, "Agreed at the Board")
    assert measure.reference == "M1"
    assert [f.number for f in measure.findings.all()] == [1]
    assert row.findings.count() == 1


def test_an_owner_records_values_but_cannot_manage_the_measure(measure, owner):
    services.measure_value_record(
        measure=measure, actor=owner, period_end=dt.date(2024, 12, 31), value=D("13"), reason="Q3"
    )
    with pytest.raises(PermissionDenied):
        services.measure_update(measure=measure, actor=owner, name="Renamed", reason="Tidy")


def test_a_member_who_is_not_an_owner_cannot_record_values(measure):
    other = MembershipFactory(local_area=measure.plan.local_area).user
    with pytest.raises(PermissionDenied):
        services.measure_value_record(
            measure=measure, actor=other, period_end=dt.date(2024, 12, 31), value=D("1"), reason="x"
        )


def test_a_value_needs_a_reason_and_no_future_period(measure, owner):
    with pytest.raises(ValidationError) as error:
        services.measure_value_record(
            measure=measure, actor=owner, period_end=dt.date(2024, 12, 31), value=D("1"), reason=" "
        )
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.measure_value_record(
            measure=measure, actor=owner, period_end=dt.date(2999, 1, 1), value=D("1"), reason="x"
        )
    assert "period_end" in error.value.message_dict


def test_a_measure_lists_every_problem_at_once(plan, manager):
    other_plan = PlanFactory()
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            plan=plan,
            actor=manager,
            name="",
            direction="sideways",
            findings=[],
            owners=[MembershipFactory(local_area=other_plan.local_area).user],
            target_value=D("3"),
            reason="New",
        )
    assert set(error.value.message_dict) >= {
        "name",
        "direction",
        "findings",
        "owners",
        "target_date",
    }
    assert not plan.measures.exists()


def test_findings_must_be_of_the_plans_inspection(plan, manager):
    foreign = PlanFactory()
    from tests.factories import AreaOfWeaknessFactory

    finding = AreaOfWeaknessFactory(inspection=foreign.inspection)
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            plan=plan, actor=manager, name="X", direction="higher", findings=[finding], reason="New"
        )
    assert "findings" in error.value.message_dict
