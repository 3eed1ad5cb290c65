"""Long lists on the dashboard are cut short, with a link to all of them in the action list."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from board.dates import previous_month_end
from board.selectors.dashboard import dashboard
from tests.board.board_plans import people, plan_with_history


def overdue_rows(html: str) -> int:
    """Body rows of the Overdue table."""
    table = html.split('class="govuk-table app-board-overdue"', 1)[1].split("</table>", 1)[0]
    body = table.split('<tbody class="govuk-table__body">', 1)[1]
    return body.count('<tr class="govuk-table__row">')


@pytest.mark.django_db
def test_a_long_overdue_list_shows_twenty_and_links_to_them_all(client):
    plan = plan_with_history(actions=200, months=14, end=timezone.localdate())
    cast = people(plan.local_area)
    board = dashboard(plan=plan, as_at=timezone.localdate())
    assert len(board.overdue) > 20
    client.force_login(cast["board"])
    area = {"area_slug": plan.local_area.slug}
    html = client.get(reverse("dashboard", kwargs=area)).content.decode()
    assert overdue_rows(html) == 20
    assert "the 20 most overdue are shown" in html
    link = re.search(r'<a class="govuk-link" href="([^"]+)">All (\d+) overdue actions in the', html)
    assert link is not None and int(link[2]) == len(board.overdue)
    assert "due=overdue" in link[1]
    # The printed Board report keeps every line.
    report = client.get(reverse("board_report", kwargs=area)).content.decode()
    assert overdue_rows(report) == len(board.overdue)


@pytest.mark.django_db
def test_a_past_dashboard_cuts_long_lists_and_points_to_the_board_report(client):
    today = timezone.localdate()
    plan = plan_with_history(actions=200, months=14, end=today)
    cast = people(plan.local_area)
    as_at = previous_month_end(today)
    board = dashboard(plan=plan, as_at=as_at)
    assert len(board.overdue) > 20 and len(board.movement.changes) > 20
    client.force_login(cast["board"])
    area = {"area_slug": plan.local_area.slug}
    html = client.get(reverse("dashboard", kwargs=area), {"as_at": as_at.isoformat()})
    html = html.content.decode()
    assert overdue_rows(html) == 20
    assert f"All {len(board.overdue)} overdue actions in the Board report" in html
    assert f"All {len(board.movement.changes)} changes in the Board report" in html
