"""The Content-Security-Policy blocks nothing of our own: the inline scripts carry the nonce
and GOV.UK Frontend starts."""

import pytest
from playwright.sync_api import Page

from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_the_sign_in_page_runs_its_scripts_under_the_policy(page: Page, live_server, db):
    UserFactory(username="olu")
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(live_server.url + "/accounts/login/")

    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    body_class = page.locator("body").get_attribute("class")
    assert "js-enabled" in body_class and "govuk-frontend-supported" in body_class
    page.wait_for_selector("[data-govuk-skip-link-init]", state="attached")
    assert not refused, refused
