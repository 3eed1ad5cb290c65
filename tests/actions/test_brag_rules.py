import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions import services
from actions.models import BRAG, Action


def errors_of(action: Action) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        action.full_clean()
    return caught.value.message_dict


def test_display_order_is_the_board_table_order():
    assert [s.label for s in BRAG.ordered()] == ["Green", "Amber", "Red", "Blue", "White"]


def test_every_status_has_a_word_a_meaning_and_a_colour():
    for status in BRAG:
        assert status.label and status.meaning and status.colour.startswith("#")
    assert BRAG.BLUE.meaning == "Complete"
    assert BRAG.WHITE.meaning == "Not started"


@pytest.mark.django_db
def test_blue_needs_a_completed_date(action):
    action.status, action.evidence = BRAG.BLUE, "Panel minutes"
    assert errors_of(action) == {
        "completed_date": ["A Blue (complete) action needs the date it was completed."]
    }


@pytest.mark.django_db
def test_blue_needs_evidence(action):
    action.status, action.completed_date = BRAG.BLUE, dt.date(2018, 9, 1)
    assert errors_of(action) == {
        "evidence": ["A Blue (complete) action needs evidence of what was done."]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("status,word", [(BRAG.AMBER, "An Amber"), (BRAG.RED, "A Red")])
def test_amber_and_red_need_the_remedial_action(action, status, word):
    action.status = status
    assert errors_of(action) == {
        "remedial_action": [f"{word} action needs the issue and what is being done about it."]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("status", [BRAG.GREEN, BRAG.WHITE, BRAG.AMBER])
def test_only_blue_has_a_completed_date(action, status):
    action.status, action.remedial_action = status, "Covering the vacancy"
    action.completed_date = dt.date(2018, 9, 1)
    assert errors_of(action) == {
        "completed_date": ["Only a Blue (complete) action has a completed date."]
    }


@pytest.mark.django_db
def test_completed_date_cannot_be_in_the_future(action):
    action.status, action.evidence = BRAG.BLUE, "Panel minutes"
    action.completed_date = timezone.localdate() + dt.timedelta(days=1)
    assert errors_of(action) == {"completed_date": ["The completed date cannot be in the future."]}


@pytest.mark.django_db
def test_due_date_cannot_precede_start_date(action):
    action.start_date, action.due_date = dt.date(2019, 1, 1), dt.date(2018, 1, 1)
    assert "due_date" in errors_of(action)


@pytest.mark.django_db
def test_reference_is_unique_within_a_plan(action):
    twin = Action(
        plan=action.plan, weakness=action.weakness, reference=action.reference, title="Twin"
    )
    assert "__all__" in errors_of(twin)


@pytest.mark.django_db
def test_the_service_refuses_a_rule_breaking_status_and_saves_nothing(action, officer):
    with pytest.raises(ValidationError) as caught:
        services.action_change_status(
            action=action, actor=officer, status=BRAG.RED, reason="Slipping", narrative="Late"
        )
    assert "remedial_action" in caught.value.message_dict
    action.refresh_from_db()
    assert action.status == BRAG.WHITE
    assert action.progress_updates.count() == 0
    assert action.history.count() == 1


@pytest.mark.django_db
def test_a_status_change_without_a_reason_is_refused_even_from_the_shell(action):
    action.status = BRAG.GREEN
    with pytest.raises(ValidationError) as caught:
        action.save()
    assert caught.value.message_dict == {"status": ["Say why the status changed."]}


@pytest.mark.django_db
def test_the_service_refuses_a_status_change_without_a_reason(action, officer):
    with pytest.raises(ValidationError) as caught:
        services.action_change_status(action=action, actor=officer, status=BRAG.GREEN, reason=" ")
    assert "reason" in caught.value.message_dict


def clean_errors_of(action: Action) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        action.clean()
    return caught.value.message_dict


@pytest.mark.django_db
def test_clean_itself_states_every_check_the_services_leave_to_it(action):
    """Services that ran clean() skip the database's evaluation of these check constraints
    before saving (Action.CHECKS_IN_CLEAN): clean() must refuse what each one refuses."""
    breaking = {
        "action_completed_date_only_when_blue": {
            "status": BRAG.GREEN,
            "completed_date": dt.date(2018, 9, 1),
        },
        "action_completion_proposed_only_when_not_blue": {
            "status": BRAG.BLUE,
            "completed_date": dt.date(2018, 9, 1),
            "evidence": "Panel minutes",
            "completion_proposed_at": timezone.now(),
            "proposed_completed_date": dt.date(2018, 9, 1),
        },
        "action_due_not_before_start": {
            "start_date": dt.date(2019, 1, 1),
            "due_date": dt.date(2018, 1, 1),
        },
    }
    checks = {c.name for c in Action._meta.constraints if c.name in Action.CHECKS_IN_CLEAN}
    assert checks == set(breaking) == Action.CHECKS_IN_CLEAN
    for name, values in breaking.items():
        candidate = Action.objects.get(pk=action.pk)
        for field, value in values.items():
            setattr(candidate, field, value)
        constraint = next(c for c in Action._meta.constraints if c.name == name)
        with pytest.raises(ValidationError):
            constraint.validate(Action, candidate)
        assert clean_errors_of(candidate), name
