"""Every screen passes axe-core's WCAG 2.2 AA rules and the Nu HTML Checker in a real browser.

To check another screen, add one line to SCREENS, e.g.
    Screen("My actions", "my_actions", user="officer"),
    Screen("Board dashboard", "dashboard", SUTTON, user="board"),
The `people` fixture (conftest.py) has a programme manager, an officer who leads action 2.1.1 and a Board
member of Sutton.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from actions.models import Membership
from tests.browser.checks import (
    axe_violations,
    describe_html_errors,
    describe_violations,
    html_errors,
    keyboard_walk,
)
from tests.browser.conftest import INVITATION_TOKEN

pytestmark = pytest.mark.browser

SUTTON = {"area_slug": "sutton"}


def sign_in_with_a_wrong_password(page: Page) -> None:
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()


def sign_in_wrongly_until_paused(page: Page) -> None:
    paused = page.get_by_role("heading", name="Sign-in is paused")
    # Earlier screens of the same run may already have failed from this address.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        if paused.count():
            break
        sign_in_with_a_wrong_password(page)
    expect(page.get_by_role("heading", name="Sign-in is paused")).to_be_visible()


def enter_a_code_too_short(page: Page) -> None:
    page.get_by_label("Code from your authenticator app").fill("123")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def set_up_with_a_code_too_short(page: Page) -> None:
    page.get_by_label("Enter the code the app now shows").fill("123")
    page.get_by_role("button", name="Turn on one-time codes").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def publish_an_action_without_a_summary(page: Page) -> None:
    page.get_by_label("Publish action 2.2.1").check()
    page.get_by_role("button", name="Save publishing choices").click()


def set_red_without_a_remedial_action(page: Page) -> None:
    page.get_by_label("Red", exact=False).first.check()
    page.get_by_label("Progress since the last update").fill("Panel dates slipped")
    page.get_by_label("Issue and remedial action").fill("")
    page.get_by_role("button", name="Save update").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def ask_for_a_date_that_does_not_exist(page: Page) -> None:
    page.goto(page.url + "?as_at=2018-02-30")
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def save_an_empty_form(page: Page) -> None:
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def clear_and_save(page: Page) -> None:
    for box in page.locator("main form input[type=text], main form input[type=number]").all():
        box.fill("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def give_a_lifted_notice_without_dates(page: Page) -> None:
    page.get_by_label("Lifted").check()
    page.get_by_label("DfE letter").fill("not a web address")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def invite_without_an_address(page: Page) -> None:
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def accept_with_mismatched_passwords(page: Page) -> None:
    page.get_by_label("Password", exact=True).fill("a long passphrase 42")
    page.get_by_label("Confirm password").fill("something else")
    page.get_by_role("button", name="Join and set password").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


@dataclass(frozen=True)
class Screen:
    name: str
    url_name: str
    kwargs: dict = field(default_factory=dict)
    # Who is signed in: a key of the `people` fixture, or None for a visitor.
    user: str | None = None
    # What to do on the page before checking it, e.g. submit a form to show its errors.
    then: Callable[[Page], None] | None = None
    # The status the page answers with, e.g. 410 for a link that can no longer be used.
    status: int = 200


SCREENS = [
    Screen("progress index", "progress:index"),
    Screen("public area page", "progress:area", SUTTON),
    Screen("public action page", "progress:action", {**SUTTON, "reference": "1.1.1"}),
    Screen("public You said, we did", "progress:you_said_we_did", SUTTON),
    Screen("sign-in", "login"),
    Screen("sign-in with an error", "login", then=sign_in_with_a_wrong_password),
    Screen("sign-in paused", "login", then=sign_in_wrongly_until_paused),
    Screen("one-time code", "one_time_code", user="coder"),
    Screen(
        "one-time code with an error", "one_time_code", user="coder", then=enter_a_code_too_short
    ),
    Screen("set up one-time codes", "one_time_code_setup", user="officer"),
    Screen(
        "set up one-time codes with an error",
        "one_time_code_setup",
        user="officer",
        then=set_up_with_a_code_too_short,
    ),
    Screen("home, signed out", "home"),
    Screen("accessibility statement", "accessibility"),
    Screen("publishing", "progress:publishing", SUTTON, user="manager"),
    Screen("plan import", "plan_import", SUTTON, user="manager"),
    Screen("My actions", "my_actions", user="officer"),
    Screen("action list", "action_list", SUTTON, user="officer"),
    Screen("action detail", "action_detail", {**SUTTON, "reference": "2.1.1"}, user="officer"),
    Screen(
        "action update form with an error",
        "action_update",
        {**SUTTON, "reference": "2.1.1"},
        user="officer",
        then=set_red_without_a_remedial_action,
    ),
    Screen("Board dashboard", "dashboard", SUTTON, user="board"),
    Screen(
        "Board dashboard with a bad date",
        "dashboard",
        SUTTON,
        user="board",
        then=ask_for_a_date_that_does_not_exist,
    ),
    Screen("workstream dashboard", "workstream_dashboard", {**SUTTON, "number": 2}, user="board"),
    Screen("Board report", "board_report", SUTTON, user="board"),
    Screen("inspection page", "inspection", SUTTON, user="board"),
    Screen("plan page", "plan", SUTTON, user="manager"),
    Screen("workstream page", "workstream", {**SUTTON, "number": 2}, user="manager"),
    Screen("Manage the plan", "manage_plan", SUTTON, user="manager"),
    Screen("change the inspection", "inspection_edit", SUTTON, user="manager"),
    Screen("add a revisit", "revisit_add", SUTTON, user="manager"),
    Screen("add a finding", "finding_add", SUTTON, user="manager"),
    Screen("change a finding", "finding_edit", {**SUTTON, "number": 1}, user="manager"),
    Screen("revisit judgement", "finding_judgement", {**SUTTON, "number": 1}, user="manager"),
    Screen("add a commitment", "commitment_add", {**SUTTON, "finding": 1}, user="manager"),
    Screen(
        "change a commitment",
        "commitment_edit",
        {**SUTTON, "finding": 1, "number": 1},
        user="manager",
    ),
    Screen("change the plan", "plan_edit", SUTTON, user="manager"),
    Screen("add a key objective", "key_objective_add", SUTTON, user="manager"),
    Screen("change a key objective", "key_objective_edit", {**SUTTON, "number": 1}, user="manager"),
    Screen("add a priority", "priority_add", SUTTON, user="manager"),
    Screen("add a workstream", "workstream_add", SUTTON, user="manager"),
    Screen(
        "add a workstream with errors",
        "workstream_add",
        SUTTON,
        user="manager",
        then=save_an_empty_form,
    ),
    Screen("change a workstream", "workstream_edit", {**SUTTON, "number": 2}, user="manager"),
    Screen(
        "add a workstream member", "workstream_member_add", {**SUTTON, "number": 2}, user="manager"
    ),
    Screen("add an action", "action_add", SUTTON, user="manager"),
    Screen(
        "add an action with errors", "action_add", SUTTON, user="manager", then=save_an_empty_form
    ),
    Screen("change an action", "action_edit", {**SUTTON, "reference": "2.1.1"}, user="manager"),
    Screen(
        "re-baseline a due date",
        "action_rebaseline",
        {**SUTTON, "reference": "2.1.1"},
        user="manager",
    ),
    Screen(
        "withdraw an action", "action_withdraw", {**SUTTON, "reference": "2.1.1"}, user="manager"
    ),
    Screen("record a monitoring visit", "monitoring_visit_add", SUTTON, user="manager"),
    Screen("record a Board meeting", "board_meeting_add", SUTTON, user="manager"),
    Screen("people", "people", SUTTON, user="manager"),
    Screen("invite a person", "people_invite", SUTTON, user="manager"),
    Screen(
        "invite a person with an error",
        "people_invite",
        SUTTON,
        user="manager",
        then=invite_without_an_address,
    ),
    Screen("change a role", "person_role", {**SUTTON, "membership_id": 0}, user="manager"),
    Screen("remove a person", "person_remove", {**SUTTON, "membership_id": 0}, user="manager"),
    Screen("accept an invitation", "invitation_accept", {"token": INVITATION_TOKEN}),
    Screen(
        "accept an invitation with an error",
        "invitation_accept",
        {"token": INVITATION_TOKEN},
        then=accept_with_mismatched_passwords,
    ),
    Screen(
        "invitation link that cannot be used",
        "invitation_accept",
        {"token": "no-such-invitation"},
        status=410,
    ),
    Screen("start a local area", "area_create", user="operator"),
    Screen("update round", "update_round", SUTTON, user="manager"),
    Screen("set up the update round", "update_round_settings", SUTTON, user="manager"),
    Screen(
        "set up the update round with errors",
        "update_round_settings",
        SUTTON,
        user="manager",
        then=clear_and_save,
    ),
    Screen("My actions, a programme manager's notices", "my_actions", user="manager"),
    Screen("change the external oversight", "oversight_edit", SUTTON, user="manager"),
    Screen(
        "change the external oversight with errors",
        "oversight_edit",
        SUTTON,
        user="manager",
        then=give_a_lifted_notice_without_dates,
    ),
    Screen("the forum's view", "forum_views", SUTTON, user="forum"),
    Screen("record the forum's view", "forum_view_record", SUTTON, user="forum"),
    Screen(
        "record the forum's view with errors",
        "forum_view_record",
        SUTTON,
        user="forum",
        then=save_an_empty_form,
    ),
    Screen("You said, we did", "you_said_we_did", SUTTON, user="manager"),
    Screen("add a You said, we did entry", "you_said_we_did_add", SUTTON, user="manager"),
    Screen(
        "add a You said, we did entry with errors",
        "you_said_we_did_add",
        SUTTON,
        user="manager",
        then=save_an_empty_form,
    ),
    Screen("revisit readiness", "finding_readiness", {**SUTTON, "number": 1}, user="board"),
    Screen("easy-read summary", "easy_read_edit", {**SUTTON, "number": 1}, user="manager"),
    Screen("measures", "measure_list", SUTTON, user="board"),
    Screen("measure detail", "measure_detail", {**SUTTON, "number": 1}, user="manager"),
    Screen("add a measure", "measure_add", SUTTON, user="manager"),
    Screen(
        "add a measure with errors", "measure_add", SUTTON, user="manager", then=save_an_empty_form
    ),
    Screen("change a measure", "measure_edit", {**SUTTON, "number": 1}, user="manager"),
    Screen("set a milestone", "milestone_add", {**SUTTON, "number": 1}, user="manager"),
    Screen("record a value", "value_record", {**SUTTON, "number": 1}, user="officer"),
    Screen(
        "record a value with errors",
        "value_record",
        {**SUTTON, "number": 1},
        user="officer",
        then=save_an_empty_form,
    ),
    Screen("withdraw a measure", "measure_withdraw", {**SUTTON, "number": 1}, user="manager"),
    Screen("measures import", "measures_import", SUTTON, user="manager"),
    Screen(
        "publishing with an error",
        "progress:publishing",
        SUTTON,
        user="manager",
        then=publish_an_action_without_a_summary,
    ),
]
PUBLIC_SCREENS = [s for s in SCREENS if s.url_name.startswith("progress:") and s.user is None]


def open_screen(page: Page, live_server, people, screen: Screen) -> str:
    """Open the screen as its person and return the HTML the server sent for the final page."""
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
        lambda response: (
            documents.append(response) if response.request.resource_type == "document" else None
        ),
    )
    kwargs = dict(screen.kwargs)
    if kwargs.get("membership_id") == 0:
        kwargs["membership_id"] = Membership.objects.get(user=people["officer"]).pk
    response = page.goto(live_server.url + reverse(screen.url_name, kwargs=kwargs))
    assert response.status == screen.status, f"{screen.name}: HTTP {response.status}"
    if screen.then:
        screen.then(page)
        page.wait_for_load_state()
    final = documents[-1]
    return final.text()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.name)
def test_screen_has_no_wcag_22_aa_violations(page, live_server, people, screen):
    open_screen(page, live_server, people, screen)

    violations = axe_violations(page)

    assert not violations, f"{screen.name}:\n{describe_violations(violations)}"


def test_every_screen_sends_valid_html(page, live_server, people):
    documents = {screen.name: open_screen(page, live_server, people, screen) for screen in SCREENS}

    errors = html_errors(documents)

    assert not errors, describe_html_errors(errors)


@pytest.mark.parametrize("screen", PUBLIC_SCREENS, ids=lambda s: s.name)
def test_every_link_of_a_public_page_takes_keyboard_focus_visibly(
    page, live_server, people, screen
):
    open_screen(page, live_server, people, screen)

    expected, reached, invisible = keyboard_walk(page)

    assert expected, "the page has nothing to tab to"
    assert reached == expected, f"never reached by Tab: {sorted(expected - reached)}"
    assert not invisible, "focus not visible on:\n" + "\n".join(invisible)
