import csv
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from board.dates import previous_month_end
from board.selectors.summary import brag_summary
from tests.board.board_plans import people, plan_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def board_plan(transactional_db):
    plan = plan_with_history(actions=15, months=6, end=timezone.localdate())
    people(plan.local_area)
    return plan


def total_row(page: Page) -> list[str]:
    cells = page.locator("#summary tfoot tr").first.locator("th, td")
    # The visible count comes first; a link's visually hidden words follow it.
    return [text.split("\n")[0].strip() for text in cells.all_inner_texts()]


def expected_total(plan, day) -> list[str]:
    record = brag_summary(plan=plan, as_at=day).total.as_record()
    return [str(value) for value in record]


def test_a_board_member_steps_back_month_by_month_downloads_and_prints(
    page: Page, live_server, board_plan
):
    today = timezone.localdate()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("board")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Dashboard").click()

    expect(page.get_by_role("heading", name="Steering Board dashboard")).to_be_visible()
    assert total_row(page) == expected_total(board_plan, today)

    last_month = previous_month_end(today)
    page.get_by_label("Figures as at").select_option(last_month.isoformat())
    page.get_by_role("button", name="Show figures").click()
    expect(page).to_have_url(re.compile(rf"as_at={last_month.isoformat()}"))
    assert total_row(page) == expected_total(board_plan, last_month)

    before = previous_month_end(last_month)
    page.get_by_role("link", name=re.compile("^Previous month-end")).click()
    expect(page.get_by_text(f"Figures as at the end of {before:%-d %B %Y}")).to_be_visible()
    assert total_row(page) == expected_total(board_plan, before)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the summary table as a CSV file").click()
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        rows = list(csv.reader(io.StringIO(exported.read())))
    assert rows[0] == ["theme", "green", "amber", "red", "blue", "white", "total"]
    assert rows[-1] == expected_total(board_plan, before)

    page.get_by_role("link", name="Board report to print").click()
    expect(page.get_by_role("heading", name=re.compile("^Steering Board report"))).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Show figures")).to_be_hidden()
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(page.get_by_role("table", name=re.compile("^BRAG status by theme"))).to_be_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
