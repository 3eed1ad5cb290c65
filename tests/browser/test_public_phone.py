"""The public pages on a phone (390 CSS px wide): axe-core and the HTML checker pass with every
collapsed part open, nothing scrolls sideways, the collapsed parts open without JavaScript,
and the Sutton demo's area page stays under 6,000 px tall."""

import pytest
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import expect

from demo.installer import load_demo
from tests.browser.checks import (
    axe_violations,
    describe_html_errors,
    describe_violations,
    html_errors,
    keyboard_walk,
    sideways_scrolling,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SUTTON = {"area_slug": "sutton"}
PUBLIC_PAGES = [
    ("progress:area", SUTTON),
    ("progress:action", {**SUTTON, "reference": "1.1.1"}),
    ("progress:you_said_we_did", SUTTON),
    ("progress:index", {}),
]


def open_everything(page) -> None:
    for details in page.locator("details").all():
        details.evaluate("(el) => { el.open = true; }")


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES, ids=[p[0] for p in PUBLIC_PAGES])
def test_the_public_pages_pass_the_checks_on_a_phone(page, live_server, people, name, kwargs):
    page.set_viewport_size(PHONE)
    response = page.goto(live_server.url + reverse(name, kwargs=kwargs))
    assert response.status == 200
    html = response.text()

    for state in ("closed", "open"):
        if state == "open":
            open_everything(page)
        violations = axe_violations(page)
        assert not violations, f"{name}, {state}:\n{describe_violations(violations)}"
        for spacing in (False, True):
            assert not sideways_scrolling(page, text_spacing=spacing), f"{name}, {state}"

    errors = html_errors({name: html})
    assert not errors, describe_html_errors(errors)

    # With every collapsed part open, every link inside takes keyboard focus visibly.
    expected, reached, invisible = keyboard_walk(page)
    assert reached == expected, f"never reached by Tab: {sorted(expected - reached)}"
    assert not invisible, "focus not visible on:\n" + "\n".join(invisible)


def test_actions_open_by_finding_without_javascript(browser, live_server, people):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + reverse("progress:area", kwargs=SUTTON))
    link = page.get_by_role("link", name="Relaunch the Local Offer website")
    expect(link).to_be_hidden()

    page.get_by_text("The 1 action", exact=False).first.click()

    expect(link).to_be_visible()
    context.close()


@pytest.fixture
def demo(transactional_db):
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        load_demo()


def test_the_sutton_demo_area_page_is_under_6000_px_tall_on_a_phone(page, live_server, demo):
    page.set_viewport_size(PHONE)
    response = page.goto(live_server.url + reverse("progress:area", kwargs=SUTTON))
    assert response.status == 200

    height = page.evaluate("document.documentElement.scrollHeight")

    assert height < 6000, f"{height} px tall at 390 px wide"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
