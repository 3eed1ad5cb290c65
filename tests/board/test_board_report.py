import pytest
from django.urls import reverse

from tests.board.board_plans import hand_built_plan, people
from tests.board.html import table


@pytest.fixture
def report(client, db):
    built = hand_built_plan()
    client.force_login(people(built.plan.local_area)["board"])
    url = reverse("board_report", kwargs={"area_slug": built.plan.local_area.slug})
    return built, client.get(url, {"as_at": "2018-09-30"})


def test_the_board_report_is_a_paper_with_the_plan_name_and_date(report):
    built, response = report
    assert response.status_code == 200
    page = response.text
    assert f"Steering Board report: {built.plan.title}" in page
    assert "As at 30 September 2018. Movement since 31 August 2018." in page
    assert "<title>Steering Board report, 30 September 2018" in page


def test_the_board_report_holds_summary_movement_exceptions_overdue_and_charts(report):
    _, response = report
    page = response.text
    assert table(page, "summary")[-1] == ["Total", "0", "1", "1", "1", "3", "6"]
    for heading in (
        "Movement since 31 August 2018",
        "Exception report: Red actions",
        "Overdue",
        "Coming up",
    ):
        assert heading in page
    assert page.count('role="img"') == 2
    assert "Escalated to the Board" in page


def test_the_board_report_has_no_links_into_the_service_in_its_body(report):
    _, response = report
    body = response.text.split('<header class="app-report__header">')[1]
    assert "/actions/" not in body


def test_the_site_furniture_and_date_picker_are_left_off_the_printed_page(report):
    _, response = report
    assert 'class="app-no-print"' in response.text
    with open("static/scss/_board.scss") as scss:
        styles = scss.read()
    assert "size: A4 portrait" in styles
    assert ".app-no-print" in styles.split("@media print")[1]
