"""Browser tests drive the Debian chromium at /usr/bin/chromium; Playwright never downloads one."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from actions import services
from actions.models import Invitation, Membership, hash_token
from measures import services as measure_services
from tests.factories import ActionFactory, MembershipFactory, UserFactory
from tests.scenarios import build_sutton
from voice.models import ForumRating, quarter_start
from voice.services import easy_read_summary_set, forum_view_record, you_said_we_did_save

# The link of the invitation the `people` fixture sends.
INVITATION_TOKEN = "invitation-token-for-the-accessibility-checks"

CHROMIUM = "/usr/bin/chromium"


def add_measure(sutton, *, owner) -> None:
    """Measure M1 of finding 1, published, with a milestone, a target and two values, its
    officer the owner: the measure pages, the dashboard's measures section and charts."""
    measure = measure_services.measure_create(
        plan=sutton["plan"],
        actor=None,
        name="Exclusions of primary pupils with EHC plans",
        direction="lower",
        findings=[sutton["weaknesses"][0]],
        owners=[owner],
        unit="%",
        baseline_value=Decimal("14.2"),
        baseline_date=dt.date(2023, 7, 31),
        target_value=Decimal("8"),
        target_date=dt.date(2026, 3, 31),
        benchmark_value=Decimal("9.1"),
        benchmark_label="England average",
        benchmark_date=dt.date(2023, 7, 31),
        is_published=True,
        is_illustrative=True,
        reason="Agreed at the Board",
    )
    measure_services.milestone_set(
        measure=measure, actor=None, date=dt.date(2025, 3, 31), value=Decimal("12"), reason="Plan"
    )
    for day, value in ((dt.date(2024, 7, 31), "13.5"), (dt.date(2025, 1, 31), "12.4")):
        measure_services.measure_value_record(
            measure=measure,
            actor=None,
            period_end=day,
            value=Decimal(value),
            note="Two schools sent late returns",
            reason="Termly return",
        )


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


@pytest.fixture
def people(transactional_db):
    """Sutton's published plan, an unpublished action, and the people who use the screens."""
    sutton = build_sutton()
    ActionFactory(
        plan=sutton["plan"],
        weakness=sutton["weaknesses"][1],
        workstream=sutton["workstream"],
        reference="2.2.1",
        title="Survey parents about the Local Offer",
    )
    manager = UserFactory(username="manager", first_name="Pat", last_name="Manager")
    MembershipFactory(
        user=manager, local_area=sutton["area"], role=Membership.Role.PROGRAMME_MANAGER
    )
    officer = UserFactory(username="officer", first_name="Olu", last_name="Officer")
    MembershipFactory(user=officer, local_area=sutton["area"], role=Membership.Role.OFFICER)
    website = sutton["actions"][2]
    website.lead = officer
    website.save()
    board = UserFactory(username="board", first_name="Bea", last_name="Board")
    MembershipFactory(user=board, local_area=sutton["area"], role=Membership.Role.BOARD_MEMBER)
    # Somebody who has set up an authenticator app, part-way through signing in.
    coder = UserFactory(username="coder", first_name="Cody", last_name="Coder")
    TOTPDevice.objects.create(user=coder, name="Authenticator app", confirmed=True)
    operator = UserFactory(username="operator", is_superuser=True, is_staff=True)
    forum = UserFactory(username="forum", first_name="Fern", last_name="Forum")
    MembershipFactory(
        user=forum, local_area=sutton["area"], role=Membership.Role.PARENT_CARER_FORUM
    )
    _families_voice(sutton, forum=forum, manager=manager)
    # An invitation waiting to be accepted, with a link the tests know.
    invitation, _ = services.invitation_create(
        local_area=sutton["area"], actor=manager, email="nia@example.org", role="officer"
    )
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=hash_token(INVITATION_TOKEN))
    add_measure(sutton, owner=officer)
    return {
        "manager": manager,
        "officer": officer,
        "board": board,
        "coder": coder,
        "operator": operator,
        "forum": forum,
    }


def _families_voice(sutton, *, forum, manager) -> None:
    """The forum's published view of finding 1, a "You said, we did" entry and an easy-read
    summary, so the pages that show them have something to show."""
    ehc = sutton["weaknesses"][0]
    forum_view_record(
        actor=forum,
        weakness=ehc,
        quarter=quarter_start(timezone.localdate()),
        rating=ForumRating.SOME_CHANGE,
        words="Parents say plans arrive sooner, but reviews are late.",
        published=True,
        reason="Forum meeting",
    )
    you_said_we_did_save(
        actor=manager,
        local_area=sutton["area"],
        weakness=ehc,
        date=dt.date(2024, 3, 1),
        you_said="Letters about EHC plans are full of jargon.",
        we_did="Every letter was rewritten with parents.",
        evidence="The new letters, on the Local Offer.",
        published=True,
        reason="From the forum",
    )
    easy_read_summary_set(
        actor=manager,
        weakness=ehc,
        text="Plans for children must be good and on time.",
        published=True,
        reason="Easy read",
    )
