"""Browser tests drive the Debian chromium at /usr/bin/chromium; Playwright never downloads one."""

import pytest
from django.test import override_settings

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session", autouse=True)
def _allow_database_access_beside_playwright():
    # Playwright's sync API runs an event loop in the test thread; Django would otherwise
    # refuse the database calls of the test and its fixtures as if they came from async code.
    # Session-wide, so it is set before the live server and browser start.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session", autouse=True)
def _plain_http_live_server():
    # The live server speaks plain HTTP; production would redirect it to HTTPS. Session-wide,
    # so the live server's middleware is built with it.
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings):
    # The live server speaks plain HTTP: secure-only cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
