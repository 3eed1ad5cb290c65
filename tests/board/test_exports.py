import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.board.board_plans import hand_built_plan, people
from tests.board.html import table


@pytest.fixture
def built(db):
    return hand_built_plan()


@pytest.fixture
def board_client(client, built):
    cast = people(built.plan.local_area)
    client.force_login(cast["board"])
    return client


def url(built, name, **kwargs):
    return reverse(name, kwargs={"area_slug": built.plan.local_area.slug, **kwargs})


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_summary_csv_has_the_board_header_a_row_per_theme_and_a_total(board_client, built):
    response = board_client.get(url(built, "summary_csv"), {"as_at": "2018-09-30"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('-brag-summary-2018-09-30.csv"')
    assert read_csv(response) == [
        ["theme", "green", "amber", "red", "blue", "white", "total"],
        ["1", "0", "1", "1", "0", "1", "3"],
        ["2", "0", "0", "0", "1", "2", "3"],
        ["3", "0", "0", "0", "0", "0", "0"],
        ["Total", "0", "1", "1", "1", "3", "6"],
    ]


@pytest.mark.parametrize("as_at", ["2018-07-31", "2018-08-31", "2018-09-30", ""])
def test_summary_csv_matches_the_dashboard_table(board_client, built, as_at):
    page = board_client.get(url(built, "dashboard"), {"as_at": as_at} if as_at else {})
    shown = [row[1:] for row in table(page.content, "summary")[1:]]
    exported = read_csv(board_client.get(url(built, "summary_csv"), {"as_at": as_at}))
    assert [row[1:] for row in exported[1:]] == shown


def test_summary_xlsx_holds_the_same_figures_as_the_csv(board_client, built):
    params = {"as_at": "2018-09-30"}
    rows = read_xlsx(board_client.get(url(built, "summary_xlsx"), params))
    as_csv = read_csv(board_client.get(url(built, "summary_csv"), params))
    assert [[str(cell) for cell in row] for row in rows] == as_csv


def test_a_workstream_summary_export_counts_only_that_workstream(board_client, built):
    rows = read_csv(
        board_client.get(url(built, "summary_csv"), {"as_at": "2018-09-30", "workstream": 2})
    )
    assert rows[-1] == ["Total", "0", "0", "0", "1", "2", "3"]


def test_actions_csv_lists_every_action_as_at_the_date(board_client, built):
    rows = read_csv(board_client.get(url(built, "actions_csv"), {"as_at": "2018-09-30"}))
    header, *body = rows
    assert header[:3] == ["Reference", "Theme", "Action"]
    status = header.index("Status")
    assert [(row[0], row[status]) for row in body] == [
        ("1.1", "Red"),
        ("1.2", "Amber"),
        ("1.10", "White"),
        ("2.1", "Blue"),
        ("2.2", "White"),
        ("2.3", "White"),
    ]
    remedial = header.index("Issue and remedial action")
    assert body[0][remedial] == "Escalated to the Board"
    assert body[0][header.index("Lead")] == "Lee Dunn"


def test_action_export_neutralises_text_an_officer_typed_as_a_formula(board_client, built):
    for name in ("actions_csv", "actions_xlsx"):
        response = board_client.get(url(built, name))
        rows = read_csv(response) if name.endswith("csv") else read_xlsx(response)
        remedial = rows[0].index("Issue and remedial action")
        red = next(row for row in rows if row[0] == "1.2")
        assert red[remedial] == '\'=HYPERLINK("x")'


def test_actions_xlsx_opens_with_one_row_per_action(board_client, built):
    rows = read_xlsx(board_client.get(url(built, "actions_xlsx"), {"as_at": "2018-08-31"}))
    assert [row[0] for row in rows[1:]] == ["1.1", "1.2", "1.10", "2.1", "2.2"]


@pytest.mark.parametrize("name", ["summary_csv", "summary_xlsx", "actions_csv", "actions_xlsx"])
def test_an_export_with_a_bad_date_says_what_is_wrong(board_client, built, name):
    response = board_client.get(url(built, name), {"as_at": "2018-02-30"})
    assert response.status_code == 400
    assert "Select the date of the figures from the list" in response.text


def test_an_export_for_an_unknown_workstream_is_not_found(board_client, built):
    assert board_client.get(url(built, "summary_csv"), {"workstream": 7}).status_code == 404
    assert board_client.get(url(built, "summary_csv"), {"workstream": "x"}).status_code == 400
