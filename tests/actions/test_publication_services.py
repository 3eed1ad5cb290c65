import pytest
from django.core.exceptions import ValidationError

from actions.services import (
    ActionPublication,
    action_set_publication,
    plan_publication_update,
    plan_set_published,
)
from tests.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_publishing_an_action_records_who_and_why(action, officer):
    action_set_publication(
        action=action, actor=officer, published=True, public_summary="For parents"
    )

    action.refresh_from_db()
    assert action.published
    latest = action.history.latest()
    assert latest.history_user == officer
    assert latest.history_change_reason == "Published on the progress pages"


def test_an_action_cannot_be_published_without_a_public_summary(action, officer):
    with pytest.raises(ValidationError) as error:
        action_set_publication(action=action, actor=officer, published=True, public_summary=" ")

    assert error.value.message_dict == {
        "public_summary": ["Write a public summary before publishing this action."]
    }
    action.refresh_from_db()
    assert not action.published


def test_an_unchanged_choice_writes_no_history(action, officer):
    before = action.history.count()

    action_set_publication(action=action, actor=officer, published=False, public_summary="")

    assert action.history.count() == before


def test_withdrawing_a_plan_records_the_reason(plan, officer):
    plan_set_published(plan=plan, actor=officer, is_published=False)

    plan.refresh_from_db()
    assert not plan.is_published
    assert plan.history.latest().history_change_reason == "Withdrawn from the progress pages"


def test_one_bad_action_leaves_the_whole_publication_unsaved(plan, officer):
    good = ActionFactory(plan=plan, reference="1.1.1")
    bad = ActionFactory(plan=plan, reference="1.1.2")

    with pytest.raises(ValidationError) as error:
        plan_publication_update(
            plan=plan,
            actor=officer,
            is_published=False,
            actions=[
                ActionPublication(good, True, "Fine"),
                ActionPublication(bad, True, ""),
            ],
        )

    assert list(error.value.message_dict) == ["1.1.2"]
    good.refresh_from_db()
    plan.refresh_from_db()
    assert not good.published
    assert plan.is_published


def test_an_action_of_another_plan_is_refused(plan, officer):
    stranger = ActionFactory(plan=PlanFactory())

    with pytest.raises(ValueError):
        plan_publication_update(
            plan=plan,
            actor=officer,
            is_published=True,
            actions=[ActionPublication(stranger, True, "x")],
        )


def test_an_action_published_before_summaries_were_asked_for_can_stay_as_it_is(plan, officer):
    legacy = ActionFactory(plan=plan, published=True, public_summary="")

    action_set_publication(action=legacy, actor=officer, published=True, public_summary="")

    legacy.refresh_from_db()
    assert legacy.published


def test_the_summary_of_a_published_action_cannot_be_cleared(plan, officer):
    action = ActionFactory(plan=plan, published=True, public_summary="For parents")

    with pytest.raises(ValidationError):
        action_set_publication(action=action, actor=officer, published=True, public_summary="")
