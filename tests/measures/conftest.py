import datetime as dt
from decimal import Decimal as D

import pytest

from actions.models import Membership
from measures import services
from measures.models import Direction
from tests.factories import AreaOfWeaknessFactory, MembershipFactory, PlanFactory, UserFactory


@pytest.fixture
def plan(db):
    plan = PlanFactory()
    AreaOfWeaknessFactory(inspection=plan.inspection, number=1, short_title="Joint working")
    AreaOfWeaknessFactory(inspection=plan.inspection, number=2, short_title="Annual reviews")
    return plan


@pytest.fixture
def manager(plan):
    membership = MembershipFactory(
        local_area=plan.local_area, role=Membership.Role.PROGRAMME_MANAGER
    )
    return membership.user


@pytest.fixture
def owner(plan):
    membership = MembershipFactory(
        local_area=plan.local_area, role=Membership.Role.OFFICER, user=UserFactory(username="owner")
    )
    return membership.user


@pytest.fixture
def measure(plan, manager, owner):
    finding = plan.weaknesses().get(number=1)
    return services.measure_create(
        plan=plan,
        actor=manager,
        name="Exclusions of primary pupils with EHC plans",
        direction=Direction.LOWER,
        findings=[finding],
        owners=[owner],
        unit="%",
        baseline_value=D("14.2"),
        baseline_date=dt.date(2023, 7, 31),
        target_value=D("8"),
        target_date=dt.date(2026, 3, 31),
        benchmark_value=D("9.1"),
        benchmark_label="England average",
        benchmark_date=dt.date(2023, 7, 31),
        notes="Data from the inclusion team; check against the DfE release.",
        is_published=True,
        reason="Agreed at the Board",
    )
