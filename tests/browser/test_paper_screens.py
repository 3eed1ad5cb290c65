"""The Board paper screens pass axe-core (WCAG 2.2 AA) and the Nu HTML Checker, in their
ordinary and error states, the paper in its printed layout too, and reflow at 320 px."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from actions.models import Workstream
from papers import services
from tests.browser.checks import (
    axe_violations,
    describe_html_errors,
    describe_violations,
    html_errors,
    sideways_scrolling,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def papers(people):
    """Paper 1 published, paper 2 approved, paper 3 locked, all approved by the Board member."""
    plan = Workstream.objects.get(number=2).plan
    today = timezone.localdate()
    made = []
    for days_ago in (2, 1, 0):
        made.append(
            services.paper_lock(
                plan=plan,
                actor=people["manager"],
                as_at=today - dt.timedelta(days=days_ago),
                approver=people["board"],
            )
        )
    for paper in made[:2]:
        services.paper_approve(paper=paper, actor=people["board"], reason="Agreed")
    services.paper_publish(paper=made[0], actor=people["manager"], reason="Our progress")
    return made


def submit_empty(button: str):
    def then(page: Page) -> None:
        page.get_by_role("button", name=button).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()

    return then


def lock_without_an_approver(page: Page) -> None:
    page.get_by_role("button", name="Lock the paper").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


@dataclass(frozen=True)
class Screen:
    name: str
    url_name: str
    number: int | None = None
    user: str | None = None
    then: object = None
    print: bool = False

    @property
    def url(self) -> str:
        kwargs = {"area_slug": "sutton"}
        if self.number:
            kwargs["number"] = self.number
        return reverse(self.url_name, kwargs=kwargs)


SCREENS = [
    Screen("Board papers", "board_papers", user="manager"),
    Screen(
        "Board papers, lock with an error",
        "board_papers",
        user="manager",
        then=lock_without_an_approver,
    ),
    Screen("Board papers as a Board member", "board_papers", user="board"),
    Screen("paper waiting for approval", "board_paper", 3, user="board"),
    Screen(
        "approve with an error",
        "board_paper",
        3,
        user="board",
        then=submit_empty("Approve the paper"),
    ),
    Screen(
        "minutes with an error",
        "board_paper",
        3,
        user="manager",
        then=submit_empty("Record the minutes"),
    ),
    Screen("approved paper to publish", "board_paper", 2, user="manager"),
    Screen(
        "publish with an error",
        "board_paper",
        2,
        user="manager",
        then=submit_empty("Publish as the monthly progress report"),
    ),
    Screen("printed paper", "board_paper", 1, user="officer", print=True),
    Screen("what changed since the last paper", "board_paper_compare", 2, user="officer"),
    Screen("first paper, nothing to compare", "board_paper_compare", 1, user="officer"),
    Screen("public monthly report", "progress_report", 1),
    Screen("public area page with its reports", "progress:area"),
    Screen("status suggestion rules", "status_suggestion_rules", user="officer"),
]


def open_screen(page: Page, live_server, people, screen: Screen) -> str:
    page.context.clear_cookies()
    if screen.user:
        client = Client()
        client.force_login(people[screen.user])
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    documents: list = []
    page.on(
        "response",
        lambda r: documents.append(r) if r.request.resource_type == "document" else None,
    )
    url = reverse(screen.url_name) if screen.url_name == "status_suggestion_rules" else screen.url
    response = page.goto(live_server.url + url)
    assert response.status == 200, f"{screen.name}: HTTP {response.status}"
    if screen.then:
        screen.then(page)
        page.wait_for_load_state()
    if screen.print:
        page.emulate_media(media="print")
    return documents[-1].text()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.name)
def test_paper_screen_has_no_wcag_22_aa_violations_and_reflows(
    page, live_server, people, papers, screen
):
    open_screen(page, live_server, people, screen)

    violations = axe_violations(page)

    assert not violations, f"{screen.name}:\n{describe_violations(violations)}"
    if not screen.print:
        assert not sideways_scrolling(page), f"{screen.name} scrolls sideways at 320 px"


def test_every_paper_screen_sends_valid_html(page, live_server, people, papers):
    documents = {s.name: open_screen(page, live_server, people, s) for s in SCREENS}

    errors = html_errors(documents)

    assert not errors, describe_html_errors(errors)
