import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from tests.board.board_plans import hand_built_plan, people
from tests.board.html import table

PAGES = [
    ("dashboard", {}),
    ("workstream_dashboard", {"number": 1}),
    ("board_report", {}),
    ("summary_csv", {}),
    ("summary_xlsx", {}),
    ("actions_csv", {}),
    ("actions_xlsx", {}),
]


@pytest.fixture
def built(db):
    return hand_built_plan()


@pytest.fixture
def cast(built):
    return people(built.plan.local_area, built.workstreams[0])


def url(built, name="dashboard", **kwargs):
    return reverse(name, kwargs={"area_slug": built.plan.local_area.slug, **kwargs})


@pytest.mark.parametrize("name, kwargs", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, built, name, kwargs):
    response = client.get(url(built, name, **kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name, kwargs", PAGES)
@pytest.mark.parametrize("who", ["outsider", "nobody"])
def test_people_outside_the_area_get_not_found(client, built, cast, name, kwargs, who):
    client.force_login(cast[who])
    assert client.get(url(built, name, **kwargs)).status_code == 404


@pytest.mark.parametrize("name, kwargs", PAGES)
@pytest.mark.parametrize("who", ["board", "manager", "wslead", "officer"])
def test_every_member_of_the_area_can_read_the_dashboards(client, built, cast, name, kwargs, who):
    client.force_login(cast[who])
    assert client.get(url(built, name, **kwargs)).status_code == 200


def test_an_unknown_workstream_is_not_found(client, built, cast):
    client.force_login(cast["board"])
    assert client.get(url(built, "workstream_dashboard", number=9)).status_code == 404


def test_the_dashboard_shows_the_board_table_as_at_today(client, built, cast):
    client.force_login(cast["board"])
    response = client.get(url(built))
    assert table(response.content, "summary") == [
        ["Theme (area of weakness)", "Green", "Amber", "Red", "Blue", "White", "Total"],
        ["1. Leadership", "0", "1", "1", "0", "1", "3"],
        ["2. EHC plans", "1", "0", "0", "1", "1", "3"],
        ["3. Local Offer", "0", "0", "0", "0", "0", "0"],
        ["Total", "1", "1", "1", "1", "2", "6"],
    ]


def test_moving_the_date_back_shows_the_figures_the_history_gives(client, built, cast):
    client.force_login(cast["board"])
    september = client.get(url(built), {"as_at": "2018-09-30"})
    august = client.get(url(built), {"as_at": "2018-08-31"})
    assert table(september.content, "summary")[-1] == ["Total", "0", "1", "1", "1", "3", "6"]
    assert table(august.content, "summary")[-1] == ["Total", "2", "0", "0", "0", "3", "5"]
    assert "Figures as at the end of <strong>30 September 2018</strong>" in september.text


def test_counts_link_to_the_filtered_action_list_for_todays_figures(client, built, cast):
    client.force_login(cast["board"])
    page = client.get(url(built)).text
    slug = built.plan.local_area.slug
    assert f'href="/areas/{slug}/actions/?status=red&amp;weakness=1"' in page


def test_past_figures_do_not_link_to_todays_action_list(client, built, cast):
    client.force_login(cast["board"])
    page = client.get(url(built), {"as_at": "2018-09-30"}).text
    assert "/actions/?status=" not in page


def test_the_dashboard_lists_movement_exceptions_overdue_and_stale(client, built, cast):
    client.force_login(cast["manager"])
    page = client.get(url(built), {"as_at": "2018-09-30"}).text
    assert "Movement since 31 August 2018" in page
    assert "New Red" in page
    assert "Escalated to the Board" in page
    assert "5 Sep 2018 (25 days)" in page
    assert "No update in September 2018" in page


@pytest.mark.parametrize("bad", ["2018-13-01", "yesterday", "30/09/2018"])
def test_a_bad_date_gets_a_clear_message_not_an_error_page(client, built, cast, bad):
    client.force_login(cast["board"])
    response = client.get(url(built), {"as_at": bad})
    assert response.status_code == 400
    assert "Select the date of the figures from the list" in response.text
    assert "There is a problem" in response.text
    # The page still shows today's figures under the message.
    assert table(response.content, "summary")[-1][-1] == "6"


def test_a_bad_date_asks_for_a_choice_from_the_list_the_page_offers(client, built, cast):
    client.force_login(cast["board"])
    response = client.get(url(built), {"as_at": "2018-02-30", "since": "soon"})
    assert response.status_code == 400
    assert '<select name="as_at"' in response.text
    assert "Select the date of the figures from the list" in response.text
    assert "Select the date to compare with from the list" in response.text
    assert "Enter a" not in response.text


def test_a_future_date_is_refused_with_a_message(client, built, cast):
    client.force_login(cast["board"])
    tomorrow = dt.date.today() + dt.timedelta(days=2)  # noqa: DTZ011
    response = client.get(url(built), {"as_at": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "The date must be today or in the past" in response.text


def test_a_comparison_date_after_the_as_at_date_is_refused(client, built, cast):
    client.force_login(cast["board"])
    response = client.get(url(built), {"as_at": "2018-09-30", "since": "2018-10-31"})
    assert response.status_code == 400
    assert "The date to compare with must be before the as-at date" in response.text


def test_the_month_picker_offers_month_ends_and_board_meetings(client, built, cast):
    from tests.factories import BoardMeetingFactory

    BoardMeetingFactory(plan=built.plan, date=dt.date(2018, 9, 20))
    client.force_login(cast["board"])
    page = client.get(url(built), {"as_at": "2018-09-20"}).text
    assert '<form method="get" class="app-board-picker' in page
    assert '<option value="2018-09-20" selected>20 September 2018 (Board meeting)</option>' in page
    # 24 month-ends, today, and the asked-for date (also a Board meeting date).
    assert page.count("<option") >= 2 * 26


def test_the_previous_month_end_link_steps_back_a_month(client, built, cast):
    client.force_login(cast["board"])
    page = client.get(url(built), {"as_at": "2018-09-30"}).text
    assert 'href="?as_at=2018-08-31"' in page
    assert 'href="?as_at=2018-10-31"' in page


def test_the_workstream_dashboard_counts_only_its_actions(client, built, cast):
    client.force_login(cast["wslead"])
    response = client.get(url(built, "workstream_dashboard", number=1), {"as_at": "2018-09-30"})
    assert table(response.content, "summary")[-1] == ["Total", "0", "1", "1", "0", "1", "3"]
    assert "WS1 Leadership and governance" in response.text


def test_the_workstream_dashboard_shows_update_completeness_per_lead(client, built, cast):
    client.force_login(cast["officer"])
    response = client.get(url(built, "workstream_dashboard", number=1), {"as_at": "2018-09-30"})
    assert "Updates in September 2018 by lead" in response.text
    assert "Lee Dunn" in response.text
    assert "67%" in response.text


def test_an_area_without_a_plan_says_so(client, db):
    from tests.factories import LocalAreaFactory, MembershipFactory, UserFactory

    area = LocalAreaFactory(slug="empty")
    user = UserFactory(username="b")
    MembershipFactory(user=user, local_area=area, role="board_member")
    client.force_login(user)
    response = client.get(reverse("dashboard", kwargs={"area_slug": "empty"}))
    assert response.status_code == 200
    assert "has no plan yet" in response.text


def test_every_count_link_opens_an_action_list_of_that_many_actions(client, built, cast):
    client.force_login(cast["board"])
    slug = built.plan.local_area.slug
    page = client.get(url(built)).text
    summary = page.split('id="summary"')[1].split("</table>")[0]
    links = re.findall(r'href="([^"]+)">(\d+)<span', summary)
    assert len(links) >= 10
    for href, count in links:
        listed = client.get(html.unescape(href)).text
        references = set(re.findall(rf'href="/areas/{slug}/actions/([^/"]+)/"', listed))
        assert len(references) == int(count), href


def test_the_overdue_list_links_to_the_same_actions_in_the_action_list(client, built, cast):
    client.force_login(cast["board"])
    slug = built.plan.local_area.slug
    page = client.get(url(built)).text
    overdue = page.split('id="overdue"')[1].split('id="stale"')[0]
    shown = set(re.findall(rf'href="/areas/{slug}/actions/([^/"]+)/"', overdue))
    [href] = re.findall(r'href="([^"]*due=overdue[^"]*)"', overdue)
    listed = client.get(html.unescape(href)).text
    assert set(re.findall(rf'href="/areas/{slug}/actions/([^/"]+)/"', listed)) == shown
    assert len(shown) == 5


@pytest.mark.parametrize("name, kwargs", PAGES[:2])
def test_each_download_link_says_what_it_downloads_and_in_which_format(
    client, built, cast, name, kwargs
):
    client.force_login(cast["board"])
    page = client.get(url(built, name, **kwargs)).text
    links = re.findall(r'<a [^>]*href="[^"]*\.(?:csv|xlsx)\?[^"]*"[^>]*>(.*?)</a>', page)
    assert len(links) == 4
    for text in links:
        assert text.startswith("Download "), text
        assert text.endswith((" as a CSV file", " as an Excel spreadsheet")), text
