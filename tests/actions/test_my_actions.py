import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import BRAG
from tests.factories import ActionFactory, AreaOfWeaknessFactory, ProgressUpdateFactory

# Queries for a page of My actions, whatever the number of actions: session, user,
# memberships, workstreams led, sign-off queue, workstream choices, count, rows, navigation.
MY_ACTIONS_MAX_QUERIES = 9


def references(html: str) -> list[str]:
    return re.findall(
        r'<td class="govuk-table__cell"><a [^>]*href="[^"]+"[^>]*>([^<]+)</a></td>', html
    )


def my_actions(client, **query):
    return client.get(reverse("my_actions"), query).content.decode()


def add_action(cast, reference, *, lead=None, workstream=None, **fields):
    return ActionFactory(
        plan=cast.plan,
        weakness=cast.action.weakness,
        workstream=workstream or cast.workstream,
        lead=lead,
        reference=reference,
        **{"start_date": None, **fields},
    )


@pytest.mark.django_db
def test_an_officer_sees_the_actions_they_lead_and_no_others(client, cast):
    add_action(cast, "2.1.2", lead=cast.colleague)
    client.force_login(cast.officer)
    html = my_actions(client)
    assert references(html) == ["2.1.1"]
    assert "Quality assure every new EHC plan" in html
    assert 'href="/areas/sutton/actions/2.1.1/"' in html


@pytest.mark.django_db
def test_a_workstream_lead_sees_every_action_of_their_workstream(client, cast):
    add_action(cast, "2.1.2", lead=cast.colleague)
    add_action(cast, "3.1.1", lead=cast.colleague, workstream=cast.other_workstream)
    client.force_login(cast.lead)
    assert sorted(references(my_actions(client))) == ["2.1.1", "2.1.2"]


@pytest.mark.django_db
def test_the_table_shows_status_word_due_date_and_last_update(client, cast):
    ProgressUpdateFactory(action=cast.action, date=dt.date(2019, 1, 15), author=cast.officer)
    client.force_login(cast.officer)
    html = my_actions(client)
    assert "<caption" in html
    assert 'app-brag--green">Green</strong>' in html
    assert "31 Mar 2019" in html
    assert "15 Jan 2019" in html


@pytest.mark.django_db
def test_an_action_never_updated_says_never(client, cast):
    client.force_login(cast.officer)
    assert "Never" in my_actions(client)


@pytest.mark.django_db
def test_filter_by_status(client, cast):
    add_action(cast, "2.1.2", lead=cast.officer, status=BRAG.RED, remedial_action="Escalated")
    client.force_login(cast.officer)
    assert references(my_actions(client, status="red")) == ["2.1.2"]
    assert references(my_actions(client, status="green")) == ["2.1.1"]


@pytest.mark.django_db
def test_filter_by_workstream(client, cast):
    add_action(cast, "3.1.1", lead=cast.officer, workstream=cast.other_workstream)
    client.force_login(cast.officer)
    html = my_actions(client, workstream=cast.other_workstream.pk)
    assert references(html) == ["3.1.1"]


@pytest.mark.django_db
def test_filter_due_in_the_next_30_days_and_overdue(client, cast):
    today = timezone.localdate()
    cast.action.delete()
    add_action(cast, "1.1.1", lead=cast.officer, due_date=today + dt.timedelta(days=10))
    add_action(cast, "1.1.2", lead=cast.officer, due_date=today + dt.timedelta(days=60))
    add_action(cast, "1.1.3", lead=cast.officer, due_date=today - dt.timedelta(days=1))
    add_action(
        cast,
        "1.1.4",
        lead=cast.officer,
        due_date=today - dt.timedelta(days=1),
        status=BRAG.BLUE,
        completed_date=today - dt.timedelta(days=2),
        evidence="Minutes",
    )
    client.force_login(cast.officer)
    assert references(my_actions(client, due="next_30_days")) == ["1.1.1"]
    assert references(my_actions(client, due="overdue")) == ["1.1.3"]


@pytest.mark.django_db
def test_filter_not_updated_this_month(client, cast):
    today = timezone.localdate()
    updated = add_action(cast, "1.1.1", lead=cast.officer)
    stale = add_action(cast, "1.1.2", lead=cast.officer)
    ProgressUpdateFactory(action=updated, date=today)
    ProgressUpdateFactory(action=stale, date=today.replace(day=1) - dt.timedelta(days=1))
    client.force_login(cast.officer)
    assert references(my_actions(client, due="not_updated_this_month")) == ["1.1.2", "2.1.1"]


@pytest.mark.django_db
def test_sorting_by_a_column(client, cast):
    add_action(cast, "2.1.2", lead=cast.officer, due_date=dt.date(2018, 12, 1))
    client.force_login(cast.officer)
    assert references(my_actions(client, sort="due_date")) == ["2.1.2", "2.1.1"]
    assert references(my_actions(client, sort="-due_date")) == ["2.1.1", "2.1.2"]
    html = my_actions(client, sort="-due_date")
    assert 'aria-sort="descending"' in html


@pytest.mark.django_db
def test_an_unknown_filter_value_is_explained_not_an_error(client, cast):
    client.force_login(cast.officer)
    response = client.get(reverse("my_actions"), {"status": "purple"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_a_board_member_is_told_they_lead_no_actions(client, cast):
    client.force_login(cast.board)
    assert "You do not lead or update any actions" in my_actions(client)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 200])
def test_my_actions_costs_the_same_queries_for_10_or_200_actions(
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
            status=BRAG.AMBER if number % 3 else BRAG.GREEN,
            remedial_action="Delayed",
        )
        ProgressUpdateFactory(action=action, author=cast.officer)
    client.force_login(cast.lead)
    with django_assert_max_num_queries(MY_ACTIONS_MAX_QUERIES):
        response = client.get(reverse("my_actions"), {"sort": "-last_update"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_actions_without_a_due_date_sort_last_either_way(client, cast):
    add_action(cast, "2.1.2", lead=cast.officer, due_date=None)
    add_action(cast, "2.1.3", lead=cast.officer, due_date=dt.date(2018, 12, 1))
    client.force_login(cast.officer)
    assert references(my_actions(client)) == ["2.1.3", "2.1.1", "2.1.2"]
    assert references(my_actions(client, sort="-due_date")) == ["2.1.1", "2.1.3", "2.1.2"]


@pytest.mark.django_db
def test_an_action_that_has_not_started_is_not_counted_as_missing_its_update(client, cast):
    today = timezone.localdate()
    due = today + dt.timedelta(days=90)
    add_action(
        cast, "1.1.5", lead=cast.officer, start_date=today + dt.timedelta(days=10), due_date=due
    )
    add_action(
        cast, "1.1.6", lead=cast.officer, start_date=today - dt.timedelta(days=10), due_date=due
    )
    client.force_login(cast.officer)
    assert "1.1.5" not in references(my_actions(client, due="not_updated_this_month"))
    assert "1.1.6" in references(my_actions(client, due="not_updated_this_month"))
