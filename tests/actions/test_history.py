import datetime as dt

import pytest
from django.utils import timezone

from actions import services
from actions.models import BRAG, Action, Membership
from actions.selectors import actions_as_at, statuses_as_at
from tests.factories import ActionFactory, MembershipFactory, PlanFactory, UserFactory
from tests.history import history_dated


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


@pytest.mark.django_db
def test_a_status_change_leaves_a_history_row_with_who_from_to_and_why(action, officer):
    services.action_change_status(
        action=action,
        actor=officer,
        status=BRAG.GREEN,
        reason="Work has started",
        narrative="Recruitment under way",
    )
    newest, previous = action.history.order_by("-history_date")[:2]
    assert (previous.status, newest.status) == (BRAG.WHITE, BRAG.GREEN)
    assert newest.history_user == officer
    assert newest.history_change_reason == "Work has started"
    assert newest.history_date is not None


@pytest.mark.django_db
def test_a_status_change_records_a_progress_update_with_the_status_it_set(action, officer):
    services.action_change_status(
        action=action,
        actor=officer,
        status=BRAG.AMBER,
        reason="Delay",
        narrative="Recruitment slipped to October",
        remedial_action="Agency cover agreed",
    )
    update = action.progress_updates.get()
    assert (update.status, update.author, update.narrative) == (
        BRAG.AMBER,
        officer,
        "Recruitment slipped to October",
    )


@pytest.mark.django_db
def test_moving_back_from_blue_clears_the_completed_date(action, officer):
    # Only a lead or programme manager marks an action complete.
    manager = MembershipFactory(
        local_area=action.plan.local_area, role=Membership.Role.PROGRAMME_MANAGER
    ).user
    services.action_change_status(
        action=action,
        actor=manager,
        status=BRAG.BLUE,
        reason="Done",
        completed_date=dt.date(2018, 9, 1),
        evidence="Panel minutes",
    )
    services.action_change_status(
        action=action, actor=officer, status=BRAG.GREEN, reason="Reopened after audit"
    )
    action.refresh_from_db()
    assert (action.status, action.completed_date) == (BRAG.GREEN, None)


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_changes_nothing(action, officer):
    opened_at_version = action.version
    services.action_change_status(action=action, actor=officer, status=BRAG.GREEN, reason="Go")
    with pytest.raises(services.StaleEditError):
        services.action_change_status(
            action=action,
            actor=officer,
            status=BRAG.RED,
            reason="Stop",
            remedial_action="x",
            expected_version=opened_at_version,
        )
    action.refresh_from_db()
    assert action.status == BRAG.GREEN


@pytest.mark.django_db
def test_status_as_at_past_dates_follows_the_history():
    plan = PlanFactory()
    user = UserFactory()
    with history_dated(at(dt.date(2018, 7, 3)), Action):
        first, second = ActionFactory.create_batch(2, plan=plan)
    services.action_change_status(
        action=first, actor=user, status=BRAG.GREEN, reason="Started", at=at(dt.date(2018, 8, 15))
    )
    services.action_change_status(
        action=first,
        actor=user,
        status=BRAG.RED,
        reason="Stalled",
        remedial_action="Escalated",
        at=at(dt.date(2018, 9, 30), hour=23),
    )
    with history_dated(at(dt.date(2018, 10, 2)), Action):
        late = ActionFactory(plan=plan)

    assert statuses_as_at(plan=plan, as_at=dt.date(2018, 7, 2)) == {}
    assert statuses_as_at(plan=plan, as_at=dt.date(2018, 7, 31)) == {
        first.pk: BRAG.WHITE,
        second.pk: BRAG.WHITE,
    }
    assert statuses_as_at(plan=plan, as_at=dt.date(2018, 8, 31))[first.pk] == BRAG.GREEN
    # 23:00 London time on 30 September is still 30 September.
    assert statuses_as_at(plan=plan, as_at=dt.date(2018, 9, 30))[first.pk] == BRAG.RED
    assert statuses_as_at(plan=plan, as_at=dt.date(2018, 9, 29))[first.pk] == BRAG.GREEN
    assert set(statuses_as_at(plan=plan, as_at=dt.date(2018, 10, 31))) == {
        first.pk,
        second.pk,
        late.pk,
    }


@pytest.mark.django_db
def test_status_as_at_leaves_out_deleted_actions_and_other_plans():
    plan = PlanFactory()
    kept, deleted = ActionFactory.create_batch(2, plan=plan)
    ActionFactory()  # another plan
    deleted.delete()
    rows = actions_as_at(plan=plan, as_at=timezone.localdate())
    assert [row.id for row in rows] == [kept.pk]
    assert rows[0].reference == kept.reference


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 200])
def test_status_as_at_takes_one_query_whatever_the_number_of_actions(
    count, django_assert_max_num_queries
):
    plan = PlanFactory()
    user = UserFactory()
    actions = ActionFactory.create_batch(count, plan=plan)
    for action in actions[::3]:
        services.action_change_status(action=action, actor=user, status=BRAG.GREEN, reason="Go")
    with django_assert_max_num_queries(1):
        statuses = statuses_as_at(plan=plan, as_at=timezone.localdate())
    assert len(statuses) == count
    assert sum(1 for s in statuses.values() if s == BRAG.GREEN) == len(actions[::3])
