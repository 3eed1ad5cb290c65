"""The scale-data generator builds plans every rule of the models accepts, with their history."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from actions.models import BRAG, Action, Membership, Plan, ProgressUpdate
from actions.selectors import actions_as_at
from actions.selectors.dates import month_end
from actions.selectors.snapshot import counts_at_month_end
from inspections.models import LocalArea
from scaledata.generator import Sizes, generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    generate(Sizes(areas=2, actions=31, months=10, seed=3), progress=lambda line: None)
    return Plan.objects.filter(local_area__slug__startswith="scale-").order_by("pk")


def test_every_generated_row_passes_the_models_rules(generated):
    assert generated.count() == 2
    for plan in generated:
        plan.full_clean()
        assert plan.actions.count() == 31
    for action in Action.objects.select_related("plan", "weakness", "commitment", "workstream"):
        action.full_clean()
    for update in ProgressUpdate.objects.all()[:200]:
        update.full_clean()
    for membership in Membership.objects.all():
        membership.full_clean()
    for area in LocalArea.objects.all():
        area.full_clean()


def test_the_history_is_written_as_the_services_write_it(generated):
    historical = Action.history.model
    for action in Action.objects.all():
        rows = list(historical.objects.filter(id=action.pk).order_by("history_date", "history_id"))
        assert rows[0].history_type == "+"
        assert {row.history_type for row in rows[1:]} <= {"~"}
        assert [row.version for row in rows] == list(range(1, len(rows) + 1))
        assert all(row.history_user_id and row.history_change_reason for row in rows)
        assert rows[-1].status == action.status and rows[-1].version == action.version
        if action.status == BRAG.BLUE:
            # An officer proposed completion; the lead confirmed it.
            assert rows[-2].completion_proposed_by_id is not None
            assert rows[-1].history_user_id != rows[-2].history_user_id
    assert ProgressUpdate.objects.count() > Action.objects.count() * 3


def test_a_realistic_mix_of_statuses_and_most_actions_published(generated):
    statuses = Counter(Action.objects.values_list("status", flat=True))
    total = sum(statuses.values())
    assert statuses[BRAG.BLUE] < total * 0.5
    assert statuses[BRAG.GREEN] > 0 and statuses[BRAG.AMBER] + statuses[BRAG.RED] > 0
    assert Action.objects.filter(published=True).count() > total * 0.6


def test_the_snapshot_agrees_with_the_generated_history(generated):
    today = timezone.localdate()
    for plan in generated:
        day = month_end(today - dt.timedelta(days=100))
        expected = Counter(
            (row.weakness_id, row.workstream_id, row.status)
            for row in actions_as_at(plan=plan, as_at=day)
        )
        assert counts_at_month_end(plan=plan, month_end=day) == dict(expected)


def test_the_command_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("generate_scale_data", areas=1, actions=2, months=2)
    call_command("generate_scale_data", areas=1, actions=2, months=2, force=True)
    assert Action.objects.count() == 2
