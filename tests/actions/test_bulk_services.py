import pytest
from django.core.exceptions import ValidationError

from actions import services
from actions.models import BRAG, Action
from tests.factories import (
    ActionFactory,
    AreaOfWeaknessFactory,
    PlanFactory,
    UserFactory,
    WorkstreamFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return PlanFactory()


@pytest.fixture
def weakness(plan):
    return AreaOfWeaknessFactory(inspection=plan.inspection, number=1)


def test_bulk_created_actions_each_get_a_created_row_with_the_user_and_reason(plan, weakness):
    actor = UserFactory()
    created = services.action_bulk_create(
        plan=plan,
        actor=actor,
        reason="Imported from plan.csv",
        rows=[
            {"reference": f"1.1.{n}", "title": f"Action {n}", "weakness": weakness} for n in (1, 2)
        ],
    )
    assert [action.reference for action in created] == ["1.1.1", "1.1.2"]
    rows = Action.history.order_by("reference")
    assert [
        (r.reference, r.history_type, r.history_user, r.history_change_reason) for r in rows
    ] == [
        ("1.1.1", "+", actor, "Imported from plan.csv"),
        ("1.1.2", "+", actor, "Imported from plan.csv"),
    ]


def test_bulk_creation_obeys_each_rule_and_saves_nothing_when_one_breaks(plan, weakness):
    ActionFactory(plan=plan, weakness=weakness, reference="1.1.1")
    elsewhere = WorkstreamFactory()  # another plan's
    with pytest.raises(services.ActionsInvalid) as invalid:
        services.action_bulk_create(
            plan=plan,
            actor=None,
            reason="Imported",
            rows=[
                {"reference": "1.1.2", "title": "Fine", "weakness": weakness},
                {"reference": "1.1.1", "title": "Taken", "weakness": weakness},
                {"reference": "1.1.3", "title": "Blue", "weakness": weakness, "status": BRAG.BLUE},
                {
                    "reference": "1.1.4",
                    "title": "Away",
                    "weakness": weakness,
                    "workstream": elsewhere,
                },
            ],
        )
    errors = {position: error.message_dict for position, error in invalid.value.errors.items()}
    assert errors[1] == {"reference": ["The plan already has an action 1.1.1."]}
    assert set(errors[2]) == {"completed_date", "evidence"}
    assert errors[3] == {"workstream": ["The workstream must belong to the same plan."]}
    assert 0 not in errors
    assert Action.objects.count() == 1


def test_bulk_updated_actions_each_get_a_changed_row_and_their_next_version(plan, weakness):
    actor = UserFactory()
    actions = [ActionFactory(plan=plan, weakness=weakness, reference=f"1.1.{n}") for n in (1, 2)]
    services.action_bulk_update(
        plan=plan,
        actor=actor,
        reason="Imported from plan.csv",
        changes=[(action, {"title": f"Renamed {action.reference}"}) for action in actions],
    )
    assert [a.title for a in actions] == ["Renamed 1.1.1", "Renamed 1.1.2"]
    assert {a.version for a in Action.objects.all()} == {actions[0].version} == {2}
    changed = Action.history.filter(history_type="~")
    assert {(r.title, r.history_user, r.history_change_reason) for r in changed} == {
        ("Renamed 1.1.1", actor, "Imported from plan.csv"),
        ("Renamed 1.1.2", actor, "Imported from plan.csv"),
    }


def test_a_bulk_status_change_needs_a_reason(plan, weakness):
    action = ActionFactory(plan=plan, weakness=weakness)
    with pytest.raises(ValidationError) as error:
        services.action_bulk_update(
            plan=plan, actor=None, reason="", changes=[(action, {"status": BRAG.GREEN})]
        )
    assert "Say why the status changed." in str(error.value)
    assert Action.objects.get().status == action.status
