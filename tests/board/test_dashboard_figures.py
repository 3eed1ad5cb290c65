"""The Board's set-based figures agree with the same figures made from whole rows.

The dashboard counts by GROUP BY (or from the month-end snapshot) and reads whole rows only
for the actions its lists name. Here every figure is made the long way too, from every
action as it stood at each date, and the two must agree: for the whole plan and each
workstream, as at today, a past month-end and a day mid-month, since the default month-end
and since a chosen day, with an action withdrawn, one moved between workstreams and one
added since.
"""

import datetime as dt

import pytest
from django.utils import timezone

from actions import rules, services
from actions.models import BRAG, ProgressUpdate
from actions.selectors import actions_as_at
from actions.selectors.history import history_rows, red_since
from board.dates import previous_month_end
from board.selectors.dashboard import dashboard
from board.selectors.summary import compare, in_workstream, summarise
from tests.board.board_plans import hand_built_plan
from tests.factories import ActionFactory, UserFactory


@pytest.fixture
def built(db):
    hand = hand_built_plan()
    manager = UserFactory()
    services.action_withdraw(action=hand.actions["a2"], actor=manager, reason="Merged into 1.1")
    services.action_edit(
        action=hand.actions["b2"],
        actor=manager,
        reason="Moved to the leadership workstream",
        workstream=hand.workstreams[0],
    )
    services.action_change_status(
        action=hand.actions["a1"], actor=manager, status=BRAG.GREEN, reason="Back on track"
    )
    ActionFactory(
        plan=hand.plan,
        reference="2.4",
        weakness=hand.actions["b1"].weakness,
        workstream=hand.workstreams[1],
        status=BRAG.RED,
        remedial_action="Recovery plan",
        due_date=dt.date(2018, 12, 1),
    )
    return hand


def the_long_way(plan, as_at, since, workstream):
    now = in_workstream(actions_as_at(plan=plan, as_at=as_at), workstream)
    then = in_workstream(actions_as_at(plan=plan, as_at=since), workstream)
    last = {}
    for update in ProgressUpdate.objects.filter(action__plan=plan, date__lte=as_at):
        last[update.action_id] = max(last.get(update.action_id, update.date), update.date)
    return {
        "summary": summarise(now, list(plan.weaknesses()), as_at=as_at).records(),
        "movement": moves(compare(then, now, since=since, as_at=as_at)),
        "red": red_since(
            history_rows(plan=plan, as_at=as_at),
            {row.id for row in now if row.status == BRAG.RED},
        ),
        "overdue": {
            row.id
            for row in now
            if rules.is_overdue(status=row.status, due_date=row.due_date, today=as_at)
        },
        "stale": {
            row.id
            for row in now
            if rules.owes_update(
                status=row.status,
                start_date=row.start_date,
                last_update=last.get(row.id),
                today=as_at,
            )
        },
    }


def set_based(plan, as_at, since, workstream):
    board = dashboard(plan=plan, as_at=as_at, since=since, workstream=workstream)
    return {
        "summary": board.summary.records(),
        "movement": moves(board.movement),
        "red": {line.action.id: line.red_since for line in board.exceptions},
        "overdue": {line.action.id for line in board.overdue},
        "stale": {line.action.id for line in board.stale},
    }


def moves(movement):
    return (
        [(delta.status, delta.before, delta.after) for delta in movement.deltas],
        [(change.action.id, change.before, change.after) for change in movement.changes],
    )


@pytest.mark.parametrize("workstream_index", [None, 0, 1])
@pytest.mark.parametrize(
    ("as_at", "since"),
    [
        (None, None),
        (None, dt.date(2018, 9, 12)),
        (dt.date(2018, 10, 31), None),
        (dt.date(2018, 10, 20), None),
        (dt.date(2018, 9, 30), dt.date(2018, 8, 15)),
    ],
)
def test_the_dashboard_figures_agree_with_every_row(built, as_at, since, workstream_index):
    as_at = as_at or timezone.localdate()
    since = since or previous_month_end(as_at)
    workstream = None if workstream_index is None else built.workstreams[workstream_index]
    expected = the_long_way(built.plan, as_at, since, workstream)
    assert set_based(built.plan, as_at, since, workstream) == expected


def test_the_cases_above_cover_every_kind_of_movement(built):
    today = timezone.localdate()
    since = previous_month_end(today)
    directions = {
        change.direction: change.action.reference
        for workstream in (None, *built.workstreams)
        for change in dashboard(
            plan=built.plan, as_at=today, since=since, workstream=workstream
        ).movement.changes
    }
    assert set(directions) == {"added", "removed", "improved"}
    worsened = dashboard(plan=built.plan, as_at=dt.date(2018, 10, 31)).movement
    assert worsened.worsened and worsened.improved
