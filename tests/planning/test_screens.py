"""The Manage the plan screens as a programme manager uses them, and the pages members read."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action, Workstream
from inspections.clock import add_working_days
from inspections.models import AreaOfWeakness, Inspection
from tests.factories import AreaOfWeaknessFactory, KeyObjectiveFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def _url(name: str, **kwargs) -> str:
    return reverse(name, kwargs={"area_slug": "sutton", **kwargs})


def test_programme_manager_adds_a_workstream_with_its_lead(client, cast):
    client.force_login(cast.manager)
    response = client.post(
        _url("workstream_add"),
        {
            "number": "5",
            "name": "Preparing for adulthood",
            "lead": cast.lead.pk,
            "reason": "Board agreed",
        },
    )
    assert response.status_code == 302
    added = Workstream.objects.get(plan=cast.plan, number=5)
    assert added.lead == cast.lead
    assert added.history.last().history_change_reason == "Board agreed"
    assert added.history.last().history_user == cast.manager


def test_every_problem_of_a_workstream_form_is_shown_at_once_and_nothing_is_saved(client, cast):
    client.force_login(cast.manager)
    response = client.post(
        _url("workstream_add"), {"number": str(cast.workstream.number), "name": "", "reason": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the workstream&#x27;s name" in page
    assert "Say why you are making this change" in page
    assert Workstream.objects.filter(plan=cast.plan).count() == 2


def test_a_taken_workstream_number_is_shown_beside_the_field(client, cast):
    client.force_login(cast.manager)
    response = client.post(
        _url("workstream_add"),
        {"number": str(cast.workstream.number), "name": "Duplicate", "reason": "Try"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_programme_manager_adds_an_action_and_lands_on_it(client, cast):
    client.force_login(cast.manager)
    response = client.post(
        _url("action_add"),
        {
            "reference": "2.1.7",
            "title": "Publish a SEND sufficiency plan",
            "weakness": cast.action.weakness.pk,
            "workstream": cast.workstream.pk,
            "lead": cast.officer.pk,
            "due_date_day": "30",
            "due_date_month": "9",
            "due_date_year": "2026",
            "reason": "Agreed at the Board",
        },
    )
    action = Action.objects.get(plan=cast.plan, reference="2.1.7")
    assert response.url == action.get_absolute_url()
    assert action.original_due_date == dt.date(2026, 9, 30)
    assert action.history.first().history_change_reason == "Agreed at the Board"


def test_an_existing_reference_is_refused_beside_the_field(client, cast):
    client.force_login(cast.manager)
    response = client.post(_url("action_add"), {"reference": cast.action.reference, "reason": "x"})
    assert f"The plan already has an action {cast.action.reference}." in response.content.decode()


def test_withdrawing_through_the_screen_lists_the_action_as_withdrawn(client, cast):
    client.force_login(cast.manager)
    response = client.post(
        _url("action_withdraw", reference=cast.action.reference),
        {"reason": "Merged into 2.1.2", "version": cast.action.version},
    )
    assert response.status_code == 302
    cast.action.refresh_from_db()
    assert cast.action.withdrawn_date == timezone.localdate()
    client.force_login(cast.board)
    listing = client.get(_url("action_list")).content.decode()
    assert "Withdrawn" in listing
    plan_page = client.get(_url("plan")).content.decode()
    assert "Withdrawn actions" in plan_page and "Merged into 2.1.2" in plan_page


def test_rebaseline_screen_records_the_reason(client, cast):
    client.force_login(cast.manager)
    client.post(
        _url("action_rebaseline", reference=cast.action.reference),
        {
            "due_date_day": "30",
            "due_date_month": "11",
            "due_date_year": "2026",
            "reason": "Waiting for the new panel",
            "version": cast.action.version,
        },
    )
    cast.action.refresh_from_db()
    assert cast.action.due_date == dt.date(2026, 11, 30)
    assert "Waiting for the new panel" in cast.action.history.first().history_change_reason


def test_a_stale_rebaseline_is_refused_and_changes_nothing(client, cast):
    client.force_login(cast.manager)
    due = cast.action.due_date
    response = client.post(
        _url("action_rebaseline", reference=cast.action.reference),
        {
            "due_date_day": "30",
            "due_date_month": "11",
            "due_date_year": "2026",
            "reason": "x",
            "version": cast.action.version - 1,
        },
    )
    assert response.status_code == 200
    assert "Somebody else updated this action" in response.content.decode()
    cast.action.refresh_from_db()
    assert cast.action.due_date == due


def test_board_member_reads_key_objectives_and_priorities_on_the_plan_page(client, cast):
    KeyObjectiveFactory(plan=cast.plan, number=1, text="Every EHC plan is good or better.")
    PriorityFactory(plan=cast.plan, number=1, text="Timeliness of EHC plans")
    client.force_login(cast.board)
    page = client.get(_url("plan")).content.decode()
    assert "Every EHC plan is good or better." in page
    assert "Timeliness of EHC plans" in page
    assert "Add a key objective" not in page


def test_workstream_page_lists_members_to_every_member_of_the_area(client, cast):
    services.workstream_member_add(
        workstream=cast.workstream,
        actor=cast.manager,
        role="Designated Clinical Officer",
        organisation="Sutton CCG",
    )
    client.force_login(cast.officer)
    page = client.get(_url("workstream", number=cast.workstream.number)).content.decode()
    assert "Designated Clinical Officer" in page and "Sutton CCG" in page


def test_inspection_page_shows_the_clock_with_working_days_left(client, cast):
    today = timezone.localdate()
    inspection = cast.plan.inspection
    inspection.start_date = today - dt.timedelta(days=14)
    inspection.end_date = today - dt.timedelta(days=10)
    inspection.letter_published_date = None
    inspection.report_received_date = None
    inspection.save()
    client.force_login(cast.board)
    page = client.get(_url("inspection")).content.decode()
    letter_due = add_working_days(inspection.end_date, 33)
    assert f"{letter_due:%-d %B %Y}" in page
    assert "working days left" in page
    assert "When the report is received" in page


def test_a_2023_plan_speaks_of_areas_for_priority_action_never_areas_of_weakness(client, cast):
    inspection = cast.plan.inspection
    inspection.framework = Inspection.Framework.AREA_SEND_2023
    inspection.save()
    for finding in AreaOfWeakness.objects.filter(inspection=inspection):
        finding.kind = AreaOfWeakness.Kind.PRIORITY_ACTION
        finding.save()
    AreaOfWeaknessFactory(inspection=inspection, number=9, kind=AreaOfWeakness.Kind.IMPROVEMENT)
    client.force_login(cast.manager)
    for name in ("inspection", "plan", "manage_plan"):
        page = client.get(_url(name)).content.decode()
        assert "Area for priority action" in page, name
        assert "rea of weakness" not in page and "rea of significant weakness" not in page, name
    detail = client.get(cast.action.get_absolute_url()).content.decode()
    assert "Area for priority action" in detail and "Area of weakness" not in detail


def test_manager_records_a_revisit_judgement(client, cast):
    weakness = cast.action.weakness
    revisit = Inspection.objects.create(
        local_area=cast.area,
        framework="2016",
        kind=Inspection.Kind.REVISIT,
        revisit_of=cast.plan.inspection,
        start_date=dt.date(2019, 9, 2),
        end_date=dt.date(2019, 9, 6),
    )
    client.force_login(cast.manager)
    response = client.post(
        _url("finding_judgement", number=weakness.number),
        {
            "judgement": "insufficient",
            "revisit": revisit.pk,
            "narrative": "Oversight of EHC plans remains weak.",
            "reason": "Revisit letter published",
        },
    )
    assert response.status_code == 302
    weakness.refresh_from_db()
    assert weakness.judgement == "insufficient"
    assert weakness.revisit == revisit
