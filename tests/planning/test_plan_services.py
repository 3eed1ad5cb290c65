"""The rules of the services a programme manager's changes go through."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions import services
from actions.models import BRAG, Action, BoardMeeting, Plan
from actions.selectors import actions_as_at
from board.selectors.summary import brag_summary
from tests.factories import (
    ActionFactory,
    BoardMeetingFactory,
    CommitmentFactory,
    KeyObjectiveFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

A_YEAR_AGO = timezone.now() - dt.timedelta(days=365)


def _today() -> dt.date:
    # Read when the test runs, not when the module loads: a long run may cross midnight.
    return timezone.localdate()


def _yesterday() -> dt.date:
    return _today() - dt.timedelta(days=1)


def _created_a_year_ago(cast, reference="2.1.2", **fields) -> Action:
    return services.action_create(
        plan=cast.plan,
        actor=None,
        at=A_YEAR_AGO,
        reference=reference,
        title="Train every SENCO",
        weakness=cast.action.weakness,
        workstream=cast.workstream,
        due_date=dt.date(2026, 9, 30),
        **fields,
    )


# --- withdrawal -----------------------------------------------------------------------------


def test_withdrawn_action_counts_before_its_withdrawal_date_and_not_from_it(cast):
    action = _created_a_year_ago(cast)
    services.action_withdraw(action=action, actor=cast.manager, reason="Merged into 2.1.1")

    yesterday = {row.reference for row in actions_as_at(plan=cast.plan, as_at=_yesterday())}
    today = {row.reference for row in actions_as_at(plan=cast.plan, as_at=_today())}
    assert action.reference in yesterday
    assert action.reference not in today


def test_board_summary_leaves_out_a_withdrawn_action_from_its_withdrawal_date(cast):
    action = _created_a_year_ago(cast)
    yesterday = brag_summary(plan=cast.plan, as_at=_yesterday()).total.total
    today = brag_summary(plan=cast.plan, as_at=_today()).total.total
    services.action_withdraw(action=action, actor=cast.manager, reason="No longer needed")
    assert brag_summary(plan=cast.plan, as_at=_yesterday()).total.total == yesterday
    assert brag_summary(plan=cast.plan, as_at=_today()).total.total == today - 1


def test_in_force_counts_a_withdrawn_action_only_before_its_withdrawal_date(cast):
    action = _created_a_year_ago(cast)
    services.action_withdraw(action=action, actor=cast.manager, reason="No longer needed")
    assert action not in Action.objects.in_force()
    assert action in Action.objects.in_force(as_at=_yesterday())
    assert action not in Action.objects.in_force(as_at=_today())
    assert action in Action.objects.withdrawn()


def test_withdrawal_is_kept_in_the_history_with_the_person_and_reason(cast):
    services.action_withdraw(action=cast.action, actor=cast.manager, reason="Duplicate of 2.1.3")
    newest = cast.action.history.first()
    assert newest.history_user == cast.manager
    assert newest.history_change_reason == "Withdrawn: Duplicate of 2.1.3"
    assert newest.withdrawn_date == _today()
    assert Action.objects.filter(pk=cast.action.pk).exists()


def test_withdrawing_needs_a_reason(cast):
    with pytest.raises(ValidationError) as error:
        services.action_withdraw(action=cast.action, actor=cast.manager, reason="  ")
    assert "reason" in error.value.message_dict
    cast.action.refresh_from_db()
    assert not cast.action.is_withdrawn


def test_a_complete_action_cannot_be_withdrawn(cast):
    done = ActionFactory(plan=cast.plan, reference="2.1.9", blue=True)
    with pytest.raises(ValidationError):
        services.action_withdraw(action=done, actor=cast.manager, reason="Not needed")


def test_a_withdrawn_action_takes_no_more_status_updates(cast):
    services.action_withdraw(action=cast.action, actor=cast.manager, reason="Not needed")
    with pytest.raises(ValidationError, match="withdrawn"):
        services.action_record_progress(
            action=cast.action, actor=cast.officer, status=BRAG.GREEN, narrative="On track"
        )


def test_officer_cannot_update_a_withdrawn_action_they_lead(cast, client):
    services.action_withdraw(action=cast.action, actor=cast.manager, reason="Not needed")
    client.force_login(cast.officer)
    response = client.get(f"/areas/sutton/actions/{cast.action.reference}/update/")
    assert response.status_code == 403


# --- re-baselining --------------------------------------------------------------------------


def test_rebaselined_due_date_keeps_the_original_and_is_in_the_history(cast):
    action = _created_a_year_ago(cast)
    assert action.original_due_date == dt.date(2026, 9, 30)
    services.action_rebaseline(
        action=action,
        actor=cast.manager,
        due_date=dt.date(2026, 11, 30),
        reason="Recruitment took longer",
    )
    action.refresh_from_db()
    assert (action.due_date, action.original_due_date) == (
        dt.date(2026, 11, 30),
        dt.date(2026, 9, 30),
    )
    newest = action.history.first()
    assert newest.history_user == cast.manager
    assert newest.history_change_reason == (
        "Due date re-baselined from 30 September 2026 to 30 November 2026: Recruitment took longer"
    )
    assert newest.due_date == dt.date(2026, 11, 30)
    assert action.history.last().due_date == dt.date(2026, 9, 30)


def test_second_rebaseline_keeps_the_first_original_due_date(cast):
    action = _created_a_year_ago(cast)
    for new_due in (dt.date(2026, 11, 30), dt.date(2027, 1, 31)):
        services.action_rebaseline(
            action=action, actor=cast.manager, due_date=new_due, reason="Slipped"
        )
    action.refresh_from_db()
    assert action.original_due_date == dt.date(2026, 9, 30)


def test_an_action_made_before_original_due_dates_were_kept_keeps_its_first_due_date(cast):
    assert cast.action.original_due_date is None
    first_due = cast.action.due_date
    services.action_rebaseline(
        action=cast.action, actor=cast.manager, due_date=dt.date(2027, 6, 30), reason="Slipped"
    )
    cast.action.refresh_from_db()
    assert cast.action.original_due_date == first_due


def test_rebaseline_needs_a_reason_and_a_different_date(cast):
    with pytest.raises(ValidationError):
        services.action_rebaseline(
            action=cast.action, actor=cast.manager, due_date=dt.date(2027, 1, 1), reason=""
        )
    with pytest.raises(ValidationError):
        services.action_rebaseline(
            action=cast.action, actor=cast.manager, due_date=cast.action.due_date, reason="x"
        )


def test_action_page_shows_the_original_due_date_beside_the_new_one(cast, client):
    action = _created_a_year_ago(cast)
    services.action_rebaseline(
        action=action, actor=cast.manager, due_date=dt.date(2026, 11, 30), reason="Slipped"
    )
    client.force_login(cast.board)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "30 November 2026 (originally 30 September 2026)" in page


# --- action details -------------------------------------------------------------------------


def test_editing_an_action_needs_a_reason_and_records_it(cast):
    services.action_edit(
        action=cast.action, actor=cast.manager, reason="Clearer title", title="QA every EHC plan"
    )
    cast.action.refresh_from_db()
    assert cast.action.title == "QA every EHC plan"
    assert cast.action.history.first().history_change_reason == "Clearer title"
    with pytest.raises(ValidationError):
        services.action_edit(action=cast.action, actor=cast.manager, reason="", title="X")


def test_action_lead_must_be_a_member_of_the_area(cast):
    with pytest.raises(ValidationError) as error:
        services.action_edit(
            action=cast.action, actor=cast.manager, reason="New lead", lead=cast.outsider
        )
    assert "lead" in error.value.message_dict


def test_action_commitment_must_belong_to_its_finding(cast):
    elsewhere = CommitmentFactory()
    with pytest.raises(ValidationError) as error:
        services.action_edit(
            action=cast.action, actor=cast.manager, reason="Moved", commitment=elsewhere
        )
    assert "commitment" in error.value.message_dict


# --- the plan and its structure -------------------------------------------------------------


def test_plan_returned_for_changes_needs_the_date_it_was_returned(cast):
    with pytest.raises(ValidationError) as error:
        services.plan_update(
            plan=cast.plan, actor=cast.manager, reason="DfE letter", status=Plan.Status.RETURNED
        )
    assert "returned_date" in error.value.message_dict
    services.plan_update(
        plan=cast.plan,
        actor=cast.manager,
        reason="DfE letter",
        status=Plan.Status.RETURNED,
        returned_date=dt.date(2018, 7, 8),
    )
    cast.plan.refresh_from_db()
    assert cast.plan.get_status_display() == "Returned for changes"
    assert cast.plan.history.first().history_change_reason == "DfE letter"


def test_key_objectives_take_the_next_number_and_refuse_a_taken_one(cast):
    KeyObjectiveFactory(plan=cast.plan, number=1)
    added = services.key_objective_create(plan=cast.plan, actor=cast.manager, text="Co-produce")
    assert added.number == 2
    with pytest.raises(ValidationError):
        services.key_objective_update(
            objective=added, actor=cast.manager, reason="Reorder", number=1, text="Co-produce"
        )


def test_workstream_lead_must_be_a_member_of_the_area(cast):
    with pytest.raises(ValidationError):
        services.workstream_update(
            workstream=cast.workstream,
            actor=cast.manager,
            reason="New lead",
            number=cast.workstream.number,
            name=cast.workstream.name,
            lead=UserFactory(),
        )


def test_workstream_member_is_added_with_role_organisation_and_history(cast):
    member = services.workstream_member_add(
        workstream=cast.workstream,
        actor=cast.manager,
        role="Designated Clinical Officer",
        organisation="Sutton CCG",
        reason="Joined the group",
    )
    assert member.history.first().history_user == cast.manager
    assert list(cast.workstream.members.all()) == [member]


def test_commitment_rewording_is_in_the_history(cast):
    commitment = CommitmentFactory(weakness=cast.action.weakness, number=1)
    services.commitment_update(
        commitment=commitment, actor=cast.manager, reason="Typo", number=1, text="We will listen"
    )
    assert commitment.history.first().history_change_reason == "Typo"


# --- visits and meetings --------------------------------------------------------------------


def test_monitoring_visit_is_made_by_the_dfe_nhs_england_or_both(cast):
    with pytest.raises(ValidationError):
        services.monitoring_visit_record(
            plan=cast.plan,
            actor=cast.manager,
            date=dt.date(2019, 1, 10),
            by_dfe=False,
            by_nhse=False,
        )
    visit = services.monitoring_visit_record(
        plan=cast.plan,
        actor=cast.manager,
        date=dt.date(2019, 1, 10),
        by_dfe=True,
        by_nhse=True,
        grade="met",
        reason="Visit letter received",
    )
    assert visit.history.first().history_change_reason == "Visit letter received"


def test_two_board_meetings_cannot_share_a_date(cast):
    BoardMeetingFactory(plan=cast.plan, date=dt.date(2019, 2, 14))
    with pytest.raises(ValidationError) as error:
        services.board_meeting_record(plan=cast.plan, actor=cast.manager, date=dt.date(2019, 2, 14))
    assert "date" in error.value.message_dict
    meeting = services.board_meeting_record(
        plan=cast.plan, actor=cast.manager, date=dt.date(2019, 3, 14), notes="Exceptions reviewed"
    )
    assert meeting.history.first().history_user == cast.manager
    assert BoardMeeting.objects.filter(plan=cast.plan).count() == 2
