import datetime as dt

import pytest

from actions import permissions
from actions.models import BRAG, Action, Commitment, Workstream
from inspections.models import AreaOfWeakness
from tests.factories import (
    AreaOfWeaknessFactory,
    MembershipFactory,
    PlanFactory,
    UserFactory,
)
from tests.spreadsheets.plan_files import import_rows, messages, new_row, sutton_like_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory()
    AreaOfWeaknessFactory(inspection=plan.inspection, number=1, short_title="Joint working")
    return plan


@pytest.fixture
def new_area_plan():
    """A plan whose inspection has no findings yet, as for a new area: the file gives them."""
    return PlanFactory()


@pytest.fixture
def manager(plan):
    user = UserFactory(username="manager")
    MembershipFactory(user=user, local_area=plan.local_area, role="programme_manager")
    return user


def history_count() -> int:
    return Action.history.count()


# Creating and updating


def test_an_import_creates_the_actions_of_the_file(plan, manager):
    result = import_rows(
        plan,
        [
            new_row(
                "1.1.1",
                title="Appoint an Assistant Director",
                status="Blue",
                completed_date="30/04/2018",
                evidence="Started 30 April",
            ),
            new_row(
                "1.1.2",
                title="Set up the Implementation Group",
                status="on track",
                due_date="2018-09-30",
                published="yes",
                public_summary="Leaders now meet as one group.",
            ),
        ],
        actor=manager,
    )
    assert messages(result) == []
    assert result.created == ["1.1.1", "1.1.2"]
    first, second = plan.actions.order_by("reference")
    assert (first.status, first.completed_date) == (BRAG.BLUE, dt.date(2018, 4, 30))
    assert (second.status, second.due_date, second.published) == (
        BRAG.GREEN,
        dt.date(2018, 9, 30),
        True,
    )


def test_created_actions_record_the_file_name_and_the_importing_user(plan, manager):
    import_rows(plan, [new_row("1.1.1")], actor=manager, file_name="Sutton WSoA.xlsx")
    record = plan.actions.get().history.get()
    assert record.history_change_reason == "Imported from Sutton WSoA.xlsx"
    assert record.history_user == manager


def test_a_new_areas_weaknesses_commitments_and_workstreams_named_in_the_file_are_created(
    new_area_plan,
):
    plan = new_area_plan
    result = import_rows(
        plan,
        [
            new_row(
                "4.1.1",
                area_of_weakness="4 - Transition to adulthood",
                commitment="4.1 - We will publish a preparing for adulthood pathway",
                workstream="5 - Preparing for adulthood",
            ),
            new_row("4.1.2", area_of_weakness="4", commitment="1", workstream="WS5"),
        ],
    )
    assert messages(result) == []
    assert result.new_weaknesses == ["4 - Transition to adulthood"]
    assert result.new_commitments == ["4.1 - We will publish a preparing for adulthood pathway"]
    assert result.new_workstreams == ["5 - Preparing for adulthood"]
    weakness = AreaOfWeakness.objects.get(inspection=plan.inspection, number=4)
    assert weakness.short_title == "Transition to adulthood"
    commitment = Commitment.objects.get(weakness=weakness, number=1)
    workstream = Workstream.objects.get(plan=plan, number=5)
    for action in plan.actions.all():
        assert (action.weakness, action.commitment, action.workstream) == (
            weakness,
            commitment,
            workstream,
        )


def test_reimporting_the_same_file_changes_nothing_and_writes_no_history(plan, manager):
    rows = [new_row("1.1.1", status="Green"), new_row("1.1.2", workstream="2 - EHC Planning")]
    import_rows(plan, rows, actor=manager)
    before = history_count()
    versions = list(plan.actions.values_list("version", flat=True))
    result = import_rows(plan, rows, actor=manager)
    assert (result.created, result.updated, result.unchanged) == ([], [], ["1.1.1", "1.1.2"])
    assert result.new_workstreams == []
    assert history_count() == before
    assert list(plan.actions.values_list("version", flat=True)) == versions


def test_a_changed_file_updates_actions_by_reference_with_the_reason_and_user(plan, manager):
    import_rows(plan, [new_row("1.1.1"), new_row("1.1.2")], actor=manager)
    result = import_rows(
        plan,
        [
            new_row("1.1.1", status="Amber", remedial_action="Recruitment delayed"),
            new_row("1.1.2"),
        ],
        actor=manager,
        file_name="wsoa-june.csv",
    )
    assert (result.updated, result.unchanged) == (["1.1.1"], ["1.1.2"])
    action = plan.actions.get(reference="1.1.1")
    assert (action.status, action.remedial_action) == (BRAG.AMBER, "Recruitment delayed")
    newest, previous = action.history.order_by("-history_date", "-history_id")[:2]
    assert (previous.status, newest.status) == (BRAG.WHITE, BRAG.AMBER)
    assert newest.history_change_reason == "Imported from wsoa-june.csv"
    assert newest.history_user == manager
    assert plan.actions.get(reference="1.1.2").history.count() == 1


def test_actions_missing_from_the_file_are_left_as_they_are(plan):
    import_rows(plan, [new_row("1.1.1"), new_row("1.1.2")])
    result = import_rows(plan, [new_row("1.1.1", title="Renamed")])
    assert result.not_in_file == 1
    assert plan.actions.filter(reference="1.1.2").exists()


def test_a_members_email_makes_them_the_lead(plan):
    officer = UserFactory(username="officer", email="siass.lead@sutton.gov.uk")
    MembershipFactory(user=officer, local_area=plan.local_area)
    result = import_rows(plan, [new_row(lead_email="SIASS.Lead@sutton.gov.uk")])
    assert result.warnings == []
    assert plan.actions.get().lead == officer


def test_an_email_of_nobody_in_the_area_leaves_the_action_without_a_named_lead(plan):
    UserFactory(username="elsewhere", email="lead@elsewhere.gov.uk")  # not a member
    result = import_rows(
        plan,
        [new_row(lead_email="lead@elsewhere.gov.uk", lead_role="Head of SEND")],
    )
    assert [str(w) for w in result.warnings] == [
        f"row 2, column lead_email: No member of {plan.local_area} has the e-mail address "
        "lead@elsewhere.gov.uk, so the action will have no named lead; its lead role and "
        "organisation are kept."
    ]
    action = plan.actions.get()
    assert (action.lead, action.lead_role) == (None, "Head of SEND")


def test_formula_guards_from_an_export_are_taken_off(plan):
    import_rows(plan, [new_row(description="'=1+1", evidence="'-0.6 FTE")])
    action = plan.actions.get()
    assert (action.description, action.evidence) == ("=1+1", "-0.6 FTE")


# Bad rows: each with its exact message, and nothing saved


def assert_nothing_saved(plan):
    assert plan.actions.count() == 0
    assert Action.history.count() == 0


def test_a_row_without_a_reference_is_refused(plan):
    result = import_rows(plan, [new_row(""), new_row("1.1.2")])
    assert messages(result) == [
        "row 2, column reference: Every action needs a reference, e.g. 1.2.3."
    ]
    assert_nothing_saved(plan)


def test_a_duplicate_reference_names_both_rows(plan):
    result = import_rows(plan, [new_row("1.1.1"), new_row("1.1.2"), new_row("1.1.1")])
    assert messages(result) == [
        "row 4, column reference: Reference 1.1.1 is also used on row 2; "
        "each action needs its own reference."
    ]
    assert_nothing_saved(plan)


def test_an_unknown_status_is_refused(plan):
    result = import_rows(plan, [new_row(status="Purple")])
    assert messages(result) == [
        'row 2, column status: "Purple" is not a BRAG status; use Blue, Red, Amber, Green or '
        "White (Complete, Completed, On track and Not started are also understood)."
    ]
    assert_nothing_saved(plan)


def test_an_impossible_date_is_refused(plan):
    result = import_rows(plan, [new_row(due_date="31/02/2019")])
    assert messages(result) == ["row 2, column due_date: 31/02/2019 is not a real date."]
    assert_nothing_saved(plan)


def test_text_longer_than_the_field_allows_is_refused(plan):
    result = import_rows(plan, [new_row("1.1.1", title="x" * 301), new_row("1." * 11)])
    assert messages(result) == [
        "row 2, column title: Ensure this value has at most 300 characters (it has 301).",
        "row 3, column reference: Ensure this value has at most 20 characters (it has 22).",
    ]
    assert_nothing_saved(plan)


def test_blue_without_a_completed_date_is_an_error_on_that_row(plan):
    result = import_rows(
        plan, [new_row("1.1.1"), new_row("1.1.2", status="Blue", evidence="Minutes")]
    )
    assert messages(result) == [
        "row 3, column completed_date: A Blue (complete) action needs the date it was completed."
    ]
    assert_nothing_saved(plan)


def test_the_brag_rules_apply_to_updated_actions_too(plan):
    import_rows(plan, [new_row("1.1.1")])
    result = import_rows(plan, [new_row("1.1.1", status="Red")])
    assert messages(result) == [
        "row 2, column remedial_action: A Red action needs the issue and what is being done "
        "about it."
    ]
    assert plan.actions.get().status == BRAG.WHITE


def test_every_problem_of_a_row_is_reported_at_once(plan):
    result = import_rows(
        plan,
        [new_row(due_date="tomorrow", status="Amber", published="maybe", title="")],
    )
    assert messages(result) == [
        'row 2, column due_date: "tomorrow" is not a date; use YYYY-MM-DD or DD/MM/YYYY.',
        'row 2, column published: "maybe" is not yes or no; use yes, no, true, false, 1, 0 '
        "or leave it blank.",
        "row 2, column title: This field cannot be blank.",
        "row 2, column remedial_action: An Amber action needs the issue and what is being "
        "done about it.",
    ]


def test_a_status_that_cannot_be_read_does_not_bring_the_brag_rules_down_on_the_row(plan):
    result = import_rows(plan, [new_row(status="Done-ish", completed_date="2018-05-01")])
    assert [problem.column for problem in result.errors] == ["status"]


def test_a_weakness_number_a_new_area_lacks_needs_a_name(new_area_plan):
    result = import_rows(new_area_plan, [new_row(area_of_weakness="7")])
    assert messages(result) == [
        "row 2, column area_of_weakness: This plan has no area of weakness 7. To add it, give "
        'its number and name, e.g. "7 - Joint working".'
    ]
    assert AreaOfWeakness.objects.filter(number=7).count() == 0


def test_a_row_without_an_area_of_weakness_is_refused(plan):
    result = import_rows(plan, [new_row(area_of_weakness="")])
    assert messages(result) == [
        "row 2, column area_of_weakness: Give the number of the area of weakness this action "
        'answers, e.g. 1 or "1 - Joint working".'
    ]


def test_a_commitment_of_another_weakness_is_refused(plan):
    result = import_rows(plan, [new_row(area_of_weakness="1", commitment="2.1 - We will")])
    assert messages(result) == [
        "row 2, column commitment: Commitment 2.1 belongs to area of weakness 2, but this "
        "row's area of weakness is 1."
    ]


def test_an_unknown_commitment_number_needs_its_text(plan):
    result = import_rows(plan, [new_row(commitment="3")])
    assert messages(result) == [
        "row 2, column commitment: Area of weakness 1 has no commitment 3. To add it, give its "
        'number and text, e.g. "1.3 - We will ...".'
    ]


def test_a_workstream_name_longer_than_allowed_is_refused_on_every_row_naming_it(plan):
    long_name = "5 - " + "w" * 201
    result = import_rows(
        plan, [new_row("1.1.1", workstream=long_name), new_row("1.1.2", workstream=long_name)]
    )
    assert messages(result) == [
        "row 2, column workstream: Ensure this value has at most 200 characters (it has 201).",
        "row 3, column workstream: Ensure this value has at most 200 characters (it has 201).",
    ]
    assert_nothing_saved(plan)
    assert Workstream.objects.count() == 0


def test_a_malformed_email_is_refused(plan):
    result = import_rows(plan, [new_row(lead_email="Jo Bloggs")])
    assert messages(result) == ['row 2, column lead_email: "Jo Bloggs" is not an e-mail address.']


def test_one_bad_row_saves_nothing_at_all_not_even_new_weaknesses(new_area_plan):
    plan = new_area_plan
    result = import_rows(
        plan,
        [
            new_row("4.1.1", area_of_weakness="4 - Transition", workstream="1 - Joint working"),
            new_row("4.1.2", area_of_weakness="4", status="Purple"),
        ],
    )
    assert len(result.errors) == 1
    assert_nothing_saved(plan)
    assert not AreaOfWeakness.objects.filter(number=4).exists()
    assert Workstream.objects.count() == 0


# Dry run


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(plan):
    import_rows(plan, [new_row("1.1.1")])
    before = (history_count(), AreaOfWeakness.history.count(), Workstream.objects.count())
    result = import_rows(
        plan,
        [
            new_row("1.1.1", status="Green"),
            new_row("1.2.1", commitment="We will work together", workstream="2 - EHC Planning"),
        ],
        dry_run=True,
    )
    assert messages(result) == []
    assert (result.created, result.updated) == (["1.2.1"], ["1.1.1"])
    assert result.new_commitments == ["1.1 - We will work together"]
    assert result.new_workstreams == ["2 - EHC Planning"]
    assert result.saved is False
    assert plan.actions.count() == 1
    assert plan.actions.get().status == BRAG.WHITE
    assert (history_count(), AreaOfWeakness.history.count(), Workstream.objects.count()) == before
    assert not Commitment.objects.exists()


# Round trip on a plan shaped like Sutton's


def test_the_importer_recognises_every_cell_of_an_export():
    from spreadsheets.exporters import plan_rows

    plan = sutton_like_plan()
    before = history_count()
    result = import_rows(plan, plan_rows(plan=plan))
    assert messages(result) == []
    assert len(result.unchanged) == plan.actions.count() == 9
    assert history_count() == before


def test_a_change_the_importer_may_not_make_is_a_row_error_and_saves_nothing(plan, monkeypatch):
    import_rows(plan, [new_row("1.1.1"), new_row("1.1.2")])
    monkeypatch.setattr(permissions, "can_set_blue_directly", lambda user, action: False)
    done = {"status": "Blue", "completed_date": "2024-01-10", "evidence": "Minutes"}
    result = import_rows(
        plan,
        [
            new_row("1.1.1", title="Renamed", **done),
            new_row("1.1.2", title="Renamed too", **done),
        ],
        actor=UserFactory(),
    )
    refused = (
        "Only the workstream lead or the programme manager can mark this action complete. "
        "Propose completion instead."
    )
    assert messages(result) == [f"row 2: {refused}", f"row 3: {refused}"]
    assert not plan.actions.filter(title__startswith="Renamed").exists()
