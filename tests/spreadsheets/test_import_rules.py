"""The import obeys the rules of the screens: findings, commitments and publishing."""

import pytest

from actions import services
from actions.models import Action, Commitment
from inspections.models import AreaOfWeakness
from tests.factories import (
    ActionFactory,
    AreaOfWeaknessFactory,
    CommitmentFactory,
    PlanFactory,
)
from tests.spreadsheets.plan_files import import_rows, messages, new_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory()
    for number in (1, 2, 3):
        AreaOfWeaknessFactory(inspection=plan.inspection, number=number)
    return plan


# Findings come from the inspection page once the inspection has them


@pytest.mark.parametrize("cell", ["4", "4 - Transition to adulthood"])
def test_an_unknown_area_of_weakness_is_refused_naming_the_findings(plan, cell):
    result = import_rows(plan, [new_row("1.1.1"), new_row("4.1.1", area_of_weakness=cell)])
    assert messages(result) == [
        "row 3, column area_of_weakness: Area of weakness 4 is not a finding of this "
        "inspection; its findings are 1, 2 and 3. Add findings on the inspection page."
    ]
    assert result.new_weaknesses == []
    assert not AreaOfWeakness.objects.filter(number=4).exists()
    assert not Action.objects.exists()


def test_every_row_naming_an_unknown_area_of_weakness_is_refused(plan):
    result = import_rows(
        plan,
        [
            new_row("4.1.1", area_of_weakness="4 - Transition"),
            new_row("4.1.2", area_of_weakness="4"),
        ],
    )
    assert [(problem.row, problem.column) for problem in result.errors] == [
        (2, "area_of_weakness"),
        (3, "area_of_weakness"),
    ]


def test_a_plan_made_for_a_new_area_still_takes_its_findings_from_the_file():
    plan = services.plan_create_for_new_area(
        area_name="New Town", area_slug="new-town", actor=None, reason="Imported"
    )
    result = import_rows(
        plan,
        [
            new_row("1.1.1", area_of_weakness="1 - Joint working"),
            new_row("2.1.1", area_of_weakness="2 - EHC plans", commitment="We will improve"),
            new_row("2.1.2", area_of_weakness="2"),
        ],
    )
    assert messages(result) == []
    assert result.new_weaknesses == ["1 - Joint working", "2 - EHC plans"]
    assert list(plan.weaknesses().values_list("number", "short_title")) == [
        (1, "Joint working"),
        (2, "EHC plans"),
    ]
    assert plan.actions.get(reference="2.1.1").commitment.reference == "2.1"


# Commitments given by their text


def test_a_commitment_given_as_text_is_matched_whatever_its_case_and_spacing(plan):
    weakness = plan.weaknesses().get(number=1)
    known = CommitmentFactory(weakness=weakness, number=1, text="We will work  together.")
    result = import_rows(plan, [new_row(commitment=" we WILL work\ntogether. ")])
    assert messages(result) == []
    assert result.new_commitments == []
    assert plan.actions.get().commitment == known
    assert Commitment.objects.count() == 1


def test_a_new_commitment_given_as_text_is_created_with_the_next_number(plan):
    weakness = plan.weaknesses().get(number=2)
    CommitmentFactory(weakness=weakness, number=1, text="We will assess on time")
    CommitmentFactory(weakness=weakness, number=3, text="We will review plans")
    result = import_rows(
        plan,
        [
            new_row("2.4.1", area_of_weakness="2", commitment="We will train writers"),
            new_row("2.4.2", area_of_weakness="2", commitment="we will train WRITERS"),
            new_row("2.5.1", area_of_weakness="2", commitment="We will ask parents"),
        ],
    )
    assert messages(result) == []
    assert result.new_commitments == ["2.4 - We will train writers", "2.5 - We will ask parents"]
    actions = {action.reference: action.commitment for action in plan.actions.all()}
    assert actions["2.4.1"] == actions["2.4.2"]
    assert (actions["2.4.1"].number, actions["2.5.1"].number) == (4, 5)
    record = actions["2.4.1"].history.get()
    assert record.history_change_reason == "Imported from plan.csv"


def test_a_commitment_text_is_matched_only_under_the_rows_finding(plan):
    other = plan.weaknesses().get(number=2)
    CommitmentFactory(weakness=other, number=1, text="We will listen to parents")
    result = import_rows(
        plan, [new_row(area_of_weakness="1", commitment="We will listen to parents")]
    )
    assert messages(result) == []
    assert result.new_commitments == ["1.1 - We will listen to parents"]
    assert plan.actions.get().commitment.weakness.number == 1


def test_a_numbered_commitment_still_works_beside_text_ones(plan):
    weakness = plan.weaknesses().get(number=1)
    CommitmentFactory(weakness=weakness, number=1, text="We will work together")
    result = import_rows(
        plan, [new_row("1.1.1", commitment="1"), new_row("1.1.2", commitment="1.1")]
    )
    assert messages(result) == []
    assert Commitment.objects.count() == 1


# Publishing needs a public summary


def test_a_new_action_published_without_a_public_summary_is_refused(plan):
    result = import_rows(plan, [new_row("1.1.1"), new_row("1.1.2", published="yes")])
    assert messages(result) == [
        "row 3, column public_summary: Write a public summary before publishing this action."
    ]
    assert not Action.objects.exists()


def test_a_new_action_published_with_a_public_summary_is_saved(plan):
    result = import_rows(
        plan, [new_row(published="yes", public_summary="Leaders now meet as one group.")]
    )
    assert messages(result) == []
    assert plan.actions.get().published is True


def test_publishing_an_existing_action_without_a_public_summary_is_refused(plan):
    ActionFactory(plan=plan, reference="1.1.1", weakness=plan.weaknesses().get(number=1))
    result = import_rows(plan, [new_row("1.1.1", published="yes")])
    assert messages(result) == [
        "row 2, column public_summary: Write a public summary before publishing this action."
    ]
    assert plan.actions.get().published is False


def test_emptying_the_public_summary_of_a_published_action_is_refused(plan):
    ActionFactory(
        plan=plan,
        reference="1.1.1",
        weakness=plan.weaknesses().get(number=1),
        title="Action 1.1.1",
        published=True,
        public_summary="What parents see.",
    )
    result = import_rows(plan, [new_row("1.1.1", published="yes")])
    assert messages(result) == [
        "row 2, column public_summary: Write a public summary before publishing this action."
    ]


def test_an_action_published_before_summaries_were_asked_for_may_stay_as_it_is(plan):
    ActionFactory(
        plan=plan,
        reference="1.1.1",
        weakness=plan.weaknesses().get(number=1),
        title="Action 1.1.1",
        published=True,
        public_summary="",
    )
    result = import_rows(plan, [new_row("1.1.1", published="yes", title="Renamed")])
    assert messages(result) == []
    assert result.updated == ["1.1.1"]
