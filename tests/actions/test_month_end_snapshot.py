"""The month-end snapshot agrees with the figures rebuilt from the audit history.

The dashboards read their monthly series and "Red since" from the snapshot the services keep;
whatever path changes a status, the kept figures must be the ones the history gives.
"""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.utils import timezone

from actions import services
from actions.admin import ActionAdmin, ActionAdminForm
from actions.models import BRAG, Action, MonthCountChange, RedSpell
from actions.selectors import actions_as_at, end_of_day
from actions.selectors.dates import month_end, month_ends_between
from actions.selectors.history import history_rows, red_since
from actions.selectors.snapshot import counts_at_month_end
from actions.selectors.snapshot import red_since as kept_red_since
from actions.services.bulk import action_bulk_create, action_bulk_update
from tests.board.board_plans import hand_built_plan, people
from tests.factories import UserFactory


def from_history(plan, day: dt.date) -> dict:
    """(theme, workstream, status) → count at the end of `day`, rebuilt from the history."""
    counts = Counter(
        (row.weakness_id, row.workstream_id, row.status)
        for row in actions_as_at(plan=plan, as_at=day)
    )
    return dict(counts)


def assert_snapshot_agrees(plan) -> None:
    today = timezone.localdate()
    first = timezone.localtime(plan.actions.earliest("created_at").created_at).date()
    first = min(first, dt.date(2018, 7, 1))
    for day in month_ends_between(first, month_end(today)):
        assert counts_at_month_end(plan=plan, month_end=day) == from_history(plan, day), day
    # "Red since" for every action Red today, and at a past month-end.
    for day in (today, dt.date(2018, 10, 31), dt.date(2018, 9, 30)):
        reds = [row.id for row in actions_as_at(plan=plan, as_at=day) if row.status == BRAG.RED]
        timeline = history_rows(plan=plan, as_at=day)
        assert kept_red_since(action_ids=reds, as_at=day) == red_since(timeline, set(reds)), day
    # The rebuild from the history gives the same rows the services kept.
    kept_rows = _rows(plan)
    call_command("rebuild_month_end_snapshot", plan=[plan.pk], stdout=open("/dev/null", "w"))
    assert _rows(plan) == kept_rows


def _rows(plan):
    changes = {
        (row.month_end, row.weakness_id, row.workstream_key, row.status): row.change
        for row in MonthCountChange.objects.filter(plan=plan)
        if row.change
    }
    spells = sorted(
        (spell.action_id, spell.began_at, spell.ended_at)
        for spell in RedSpell.objects.filter(action__plan=plan)
    )
    return changes, spells


@pytest.fixture
def built(db):
    built = hand_built_plan()
    cast = people(built.plan.local_area, built.workstreams[0])
    return built, cast


@pytest.mark.django_db
def test_the_snapshot_agrees_with_the_history_at_every_month_end(built):
    plan = built[0].plan
    assert MonthCountChange.objects.filter(plan=plan).exists()
    assert_snapshot_agrees(plan)
    # The hand-built plan's figures, as the Board saw them at the end of September 2018.
    september = counts_at_month_end(plan=plan, month_end=dt.date(2018, 9, 30))
    by_status = Counter()
    for (_, _, status), n in september.items():
        by_status[status] += n
    assert dict(by_status) == {BRAG.RED: 1, BRAG.AMBER: 1, BRAG.BLUE: 1, BRAG.WHITE: 3}


@pytest.mark.django_db
def test_the_monthly_update_moves_the_snapshot(built):
    hand, cast = built
    action = hand.actions["b2"]
    services.action_record_progress(
        action=action,
        actor=cast["manager"],
        status=BRAG.RED,
        narrative="The panel has stopped meeting",
        remedial_action="Escalated",
    )
    services.action_update(
        action=hand.actions["a3"], actor=None, reason="Moved", workstream=hand.workstreams[1]
    )
    assert_snapshot_agrees(hand.plan)


@pytest.mark.django_db
def test_sign_off_moves_the_snapshot(built):
    hand, cast = built
    action = hand.actions["b2"]
    officer = cast["officer"]
    services.action_propose_completion(
        action=action,
        actor=officer,
        completed_date=timezone.localdate(),
        evidence="Minutes",
        narrative="Done",
    )
    assert_snapshot_agrees(hand.plan)
    services.action_confirm_completion(action=action, actor=cast["manager"])
    assert Action.objects.get(pk=action.pk).status == BRAG.BLUE
    assert_snapshot_agrees(hand.plan)


@pytest.mark.django_db
def test_the_spreadsheet_import_moves_the_snapshot(built):
    hand, _ = built
    plan = hand.plan
    a1 = Action.objects.get(pk=hand.actions["a1"].pk)
    b2 = Action.objects.get(pk=hand.actions["b2"].pk)
    action_bulk_update(
        plan=plan,
        actor=None,
        reason="Imported from plan.xlsx",
        changes=[
            (a1, {"status": BRAG.RED, "remedial_action": "Escalated"}),
            (
                b2,
                {
                    "status": BRAG.AMBER,
                    "remedial_action": "Late",
                    "workstream": hand.workstreams[0],
                },
            ),
        ],
    )
    action_bulk_create(
        plan=plan,
        actor=None,
        reason="Imported from plan.xlsx",
        rows=[
            {
                "reference": "2.9",
                "title": "A new action",
                "weakness": a1.weakness,
                "workstream": hand.workstreams[1],
                "status": BRAG.GREEN,
            }
        ],
    )
    assert_snapshot_agrees(plan)


@pytest.mark.django_db
def test_withdrawal_and_rebaseline_move_the_snapshot(built):
    hand, cast = built
    services.action_rebaseline(
        action=hand.actions["a3"],
        actor=cast["manager"],
        due_date=dt.date(2030, 1, 1),
        reason="Later",
    )
    services.action_withdraw(action=hand.actions["a2"], actor=cast["manager"], reason="Merged")
    services.action_withdraw(action=hand.actions["b2"], actor=cast["manager"], reason="Not needed")
    assert_snapshot_agrees(hand.plan)
    # Withdrawn today: counted at last month-end, gone from this month's.
    today = timezone.localdate()
    now = counts_at_month_end(plan=hand.plan, month_end=month_end(today))
    assert sum(now.values()) == 4


@pytest.mark.django_db
def test_an_admin_edit_moves_the_snapshot(built):
    hand, _ = built
    admin_user = UserFactory(username="root", is_staff=True, is_superuser=True)
    action = Action.objects.get(pk=hand.actions["a1"].pk)
    data = {
        key: value
        for key, value in model_to_dict(action).items()
        if value is not None and key in ActionAdminForm._meta.fields
    }
    data.update(status=BRAG.RED, remedial_action="Escalated", change_reason="Board decision")
    form = ActionAdminForm(data=data, instance=action)
    assert form.is_valid(), form.errors
    request = RequestFactory().post("/")
    request.user = admin_user
    ActionAdmin(Action, site).save_model(request, form.save(commit=False), form, change=True)
    assert Action.objects.get(pk=action.pk).status == BRAG.RED
    assert_snapshot_agrees(hand.plan)


@pytest.mark.django_db
def test_a_snapshot_lost_or_wrong_is_rebuilt_from_the_history(built):
    plan = built[0].plan
    MonthCountChange.objects.filter(plan=plan).delete()
    RedSpell.objects.all().delete()
    call_command("rebuild_month_end_snapshot", stdout=open("/dev/null", "w"))
    assert_snapshot_agrees(plan)
    cutoff = end_of_day(dt.date(2018, 10, 31))
    assert RedSpell.objects.filter(began_at__lt=cutoff).count() == 2
