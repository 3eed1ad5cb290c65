import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions import services
from actions.history import action_history_rows
from actions.models import BRAG
from tests.factories import ActionFactory, AreaOfWeaknessFactory, ProgressUpdateFactory

# Queries for the area's action list, whatever the number of actions.
ACTION_LIST_MAX_QUERIES = 10


def references(html: str) -> list[str]:
    return re.findall(
        r'<td class="govuk-table__cell"><a [^>]*href="[^"]+"[^>]*>([^<]+)</a></td>', html
    )


def run_a_month_of_updates(cast):
    services.action_record_progress(
        action=cast.action,
        actor=cast.officer,
        status=BRAG.AMBER,
        narrative="Recruitment to the QA officer post slipped to October.",
        remedial_action="Agency cover agreed",
    )
    services.action_record_progress(
        action=cast.action,
        actor=cast.lead,
        status=BRAG.RED,
        narrative="Agency cover fell through.",
        remedial_action="Escalated to the Board",
    )
    services.action_record_progress(
        action=cast.action,
        actor=cast.officer,
        status=BRAG.BLUE,
        narrative="Post filled; every new plan audited since March.",
        completed_date=dt.date(2019, 2, 28),
        evidence="Audit report, March 2019",
    )
    services.action_confirm_completion(action=cast.action, actor=cast.lead)


def changes_of(row) -> list[tuple[str, str, str]]:
    return [(c.label, c.old, c.new) for c in row.changes]


@pytest.mark.django_db
def test_history_rows_show_who_what_and_why_after_a_sequence_of_updates(cast):
    run_a_month_of_updates(cast)
    confirmed, proposed, red, amber, created = action_history_rows(cast.action)

    assert confirmed.who == "Leah Lead"
    assert confirmed.reason.startswith("Completion proposed by Olivia Officer on ")
    assert confirmed.reason.endswith("confirmed by Leah Lead")
    assert ("Status", "Red", "Blue") in changes_of(confirmed)
    assert ("Completed date", "(none)", "28 February 2019") in changes_of(confirmed)
    assert ("Completion proposed by", "Olivia Officer", "(none)") in changes_of(confirmed)

    assert proposed.who == "Olivia Officer"
    assert (
        proposed.reason == "Completion proposed: Post filled; every new plan audited since March."
    )
    assert ("Evidence", "(none)", "Audit report, March 2019") in changes_of(proposed)
    assert ("Proposed completed date", "(none)", "28 February 2019") in changes_of(proposed)
    assert "Status" not in [label for label, _, _ in changes_of(proposed)]

    assert red.who == "Leah Lead"
    assert red.reason == "Agency cover fell through."
    assert changes_of(red) == [
        ("Status", "Amber", "Red"),
        ("Remedial action", "Agency cover agreed", "Escalated to the Board"),
    ]

    assert amber.who == "Olivia Officer"
    assert changes_of(amber) == [
        ("Status", "Green", "Amber"),
        ("Remedial action", "(none)", "Agency cover agreed"),
    ]
    assert created.event == "Created"
    assert changes_of(created) == [("Status", "(none)", "Green")]


@pytest.mark.django_db
def test_history_never_shows_bookkeeping_fields(cast):
    run_a_month_of_updates(cast)
    labels = {c.label for row in action_history_rows(cast.action) for c in row.changes}
    assert not labels & {"Version", "Completion proposed on", "Created at"}


@pytest.mark.django_db
def test_history_names_workstreams_and_people_not_numbers(cast):
    services.action_update(
        action=cast.action,
        actor=cast.manager,
        reason="Moved to the Local Offer workstream",
        workstream=cast.other_workstream,
        lead=cast.colleague,
    )
    newest = action_history_rows(cast.action)[0]
    assert changes_of(newest) == [
        ("Workstream", "WS2 EHC Planning", "WS3 Local Offer"),
        ("Lead", "Olivia Officer", "Colin Colleague"),
    ]
    assert newest.who == "Mo Manager"


@pytest.mark.django_db
def test_the_detail_page_shows_the_action_its_updates_newest_first_and_its_history(client, cast):
    run_a_month_of_updates(cast)
    client.force_login(cast.board)
    html = client.get(cast.action.get_absolute_url()).content.decode()
    assert "Quality assure every new EHC plan" in html
    assert "Audit report, March 2019" in html
    first_update = html.index("Completion proposed by Olivia Officer")
    assert (
        first_update
        < html.index("Agency cover fell through.")
        < html.index("Recruitment to the QA officer post slipped")
    )
    history = html[html.index("History of changes") :]
    assert "<strong>Status</strong>: from Amber to Red" in history
    assert "Leah Lead" in history and "Agency cover fell through." in history


@pytest.mark.django_db
def test_only_people_who_may_update_see_the_update_button(client, cast):
    client.force_login(cast.board)
    assert "Update this action" not in client.get(cast.action.get_absolute_url()).content.decode()
    client.force_login(cast.officer)
    assert "Update this action" in client.get(cast.action.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_detail_page_costs_the_same_queries_however_long_the_history(client, cast):
    def queries_for_detail() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(cast.action.get_absolute_url())
        return len(captured)

    client.force_login(cast.board)
    run_a_month_of_updates(cast)
    short = queries_for_detail()
    # Ending Amber: a Green action's page also reads its finding's measures, for the
    # "Green but its measure is off track" suggestion (tests/measures/test_suggestions.py).
    for month in range(10):
        services.action_record_progress(
            action=cast.action,
            actor=cast.lead,
            status=BRAG.AMBER if month % 2 else BRAG.GREEN,
            narrative=f"Month {month}",
            remedial_action="Watching",
        )
    assert queries_for_detail() == short


@pytest.mark.django_db
def test_the_area_list_shows_the_plans_actions_to_every_member(client, cast):
    client.force_login(cast.board)
    html = client.get(reverse("action_list", kwargs={"area_slug": "sutton"})).content.decode()
    assert references(html) == ["2.1.1"]


@pytest.mark.django_db
def test_the_area_list_filters_by_status_and_weakness_from_a_dashboard_link(client, cast):
    second_theme = AreaOfWeaknessFactory(inspection=cast.plan.inspection, number=2)
    first_theme = cast.action.weakness
    first_theme.number = 1
    first_theme.save()
    for reference, weakness, status in [
        ("1.1.2", first_theme, BRAG.RED),
        ("2.1.2", second_theme, BRAG.RED),
        ("1.1.3", first_theme, BRAG.AMBER),
    ]:
        ActionFactory(
            plan=cast.plan,
            weakness=weakness,
            workstream=cast.workstream,
            reference=reference,
            status=status,
            remedial_action="Issue",
        )
    client.force_login(cast.board)
    url = reverse("action_list", kwargs={"area_slug": "sutton"})
    assert references(client.get(f"{url}?status=red&weakness=1").content.decode()) == ["1.1.2"]
    assert sorted(references(client.get(f"{url}?status=red").content.decode())) == [
        "1.1.2",
        "2.1.2",
    ]


@pytest.mark.django_db
def test_the_area_list_filters_by_workstream_number(client, cast):
    ActionFactory(
        plan=cast.plan,
        weakness=cast.action.weakness,
        workstream=cast.other_workstream,
        reference="3.1.1",
    )
    client.force_login(cast.board)
    url = reverse("action_list", kwargs={"area_slug": "sutton"})
    assert references(client.get(f"{url}?workstream=3").content.decode()) == ["3.1.1"]


@pytest.mark.django_db
def test_the_area_list_never_shows_another_areas_actions(client, cast):
    ActionFactory(reference="7.7.7")
    client.force_login(cast.manager)
    html = client.get(reverse("action_list", kwargs={"area_slug": "sutton"})).content.decode()
    assert "7.7.7" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 200])
def test_the_area_list_costs_the_same_queries_for_10_or_200_actions(
    client, cast, count, django_assert_max_num_queries
):
    weakness = AreaOfWeaknessFactory(inspection=cast.plan.inspection)
    for number in range(count):
        action = ActionFactory(
            plan=cast.plan,
            weakness=weakness,
            workstream=cast.workstream,
            lead=cast.officer,
            reference=f"5.{number}",
        )
        ProgressUpdateFactory(action=action, author=cast.officer)
    client.force_login(cast.board)
    url = reverse("action_list", kwargs={"area_slug": "sutton"})
    with django_assert_max_num_queries(ACTION_LIST_MAX_QUERIES):
        response = client.get(url, {"status": "white", "sort": "status"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_area_list_offers_the_plan_download_to_members_and_the_import_to_the_manager(
    client, cast
):
    client.force_login(cast.officer)
    html = client.get(reverse("action_list", kwargs={"area_slug": "sutton"})).content.decode()
    assert 'href="/areas/sutton/export.csv"' in html
    assert 'href="/areas/sutton/export.xlsx"' in html
    assert "Import actions from a spreadsheet" not in html
    client.force_login(cast.manager)
    html = client.get(reverse("action_list", kwargs={"area_slug": "sutton"})).content.decode()
    assert 'href="/areas/sutton/import/"' in html
