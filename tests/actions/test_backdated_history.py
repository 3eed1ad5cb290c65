import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions import services
from actions.models import BRAG
from tests.factories import AreaOfWeaknessFactory, PlanFactory


def days_ago(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def plan(db):
    return PlanFactory()


def create(plan, **fields):
    return services.action_create(
        plan=plan,
        actor=None,
        reference=fields.pop("reference", "1.1.1"),
        title="Clear the annual review backlog",
        weakness=AreaOfWeaknessFactory(inspection=plan.inspection),
        **fields,
    )


def test_an_action_created_with_a_past_moment_has_its_first_history_row_then(plan):
    action = create(plan, at=days_ago(90))
    assert action.history.get().history_date == days_ago(90)


def test_a_backdated_status_change_dates_the_history_row_and_the_progress_update(plan, officer):
    action = create(plan, at=days_ago(90))
    services.action_change_status(
        action=action,
        actor=officer,
        status=BRAG.AMBER,
        reason="Backlog growing",
        narrative="Backlog at 240",
        remedial_action="Two temporary case officers",
        at=days_ago(30, hour=23),
    )
    row = action.history.latest()
    assert (row.history_date, row.status, row.history_user) == (
        days_ago(30, hour=23),
        BRAG.AMBER,
        officer,
    )
    update = action.progress_updates.get()
    assert update.created_at == days_ago(30, hour=23)
    assert update.date == timezone.localdate() - dt.timedelta(days=30)


def test_the_next_change_without_a_moment_is_recorded_as_now(plan, officer):
    action = create(plan, at=days_ago(90))
    services.action_change_status(
        action=action, actor=officer, status=BRAG.GREEN, reason="Started", at=days_ago(60)
    )
    before = timezone.now()
    services.action_change_status(
        action=action,
        actor=officer,
        status=BRAG.RED,
        reason="Stalled",
        remedial_action="Escalated",
    )
    assert action.history.latest().history_date >= before


def test_history_cannot_be_recorded_in_the_future(plan):
    tomorrow = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        create(plan, at=tomorrow)
    action = create(plan, reference="1.1.2")
    with pytest.raises(ValidationError):
        services.action_change_status(
            action=action, actor=None, status=BRAG.GREEN, reason="Go", at=tomorrow
        )
    action.refresh_from_db()
    assert action.status == BRAG.WHITE
    assert action.history.count() == 1


def test_a_change_cannot_be_dated_before_the_last_recorded_change(plan, officer):
    action = create(plan, at=days_ago(90))
    services.action_change_status(
        action=action, actor=officer, status=BRAG.GREEN, reason="Started", at=days_ago(30)
    )
    with pytest.raises(ValidationError):
        services.action_change_status(
            action=action,
            actor=officer,
            status=BRAG.RED,
            reason="Stalled",
            remedial_action="Escalated",
            at=days_ago(60),
        )
    action.refresh_from_db()
    assert action.status == BRAG.GREEN
