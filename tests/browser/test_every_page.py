"""Every page the URLconf knows passes axe-core, the Nu HTML Checker and reflow at 320 px.

The pages come from the URLconf itself, not a list: a new screen is checked the day its URL
is added. Each is opened by a person allowed to see it (the permission matrix of
tests/actions/test_permission_matrix.py names who; a URL without a row there is opened by the
first person, least privileged first, whom it lets in), then again in its error state: every
GET form in the page's main content is sent with nonsense in each field, every POST form
with its text fields cleared. Downloads (anything but HTML: CSV, Excel, the Board report's PDF)
and POST-only URLs are recognised by their answer and left out.
"""

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from playwright.sync_api import Page

from actions import services
from actions.models import (
    Action,
    BoardMeeting,
    Membership,
    MonitoringVisit,
    Workstream,
    WorkstreamMember,
)
from papers import services as paper_services
from tests.actions.test_permission_matrix import CAST_MEMBER, MATRIX
from tests.browser.checks import (
    axe_violations,
    describe_html_errors,
    describe_violations,
    html_errors,
    sideways_scrolling,
)
from tests.browser.conftest import INVITATION_TOKEN
from tests.factories import BoardMeetingFactory, PriorityFactory, WorkstreamMemberFactory
from voice.models import YouSaidWeDid

pytestmark = pytest.mark.browser

# Values for every URL keyword, from the `people` fixture's Sutton (tests/scenarios.py),
# tried in turn until someone gets the page: action 2.1.1 is led by the officer, 1.1.2 waits
# for sign-off, workstream 2 holds them; Board paper 2 waits for approval, 1 is published.
# A new keyword needs values here.
KWARGS = {
    "area_slug": ["sutton"],
    "reference": ["2.1.1", "1.1.2"],
    "number": [2, 1],
    "finding": [1],
    "token": [INVITATION_TOKEN],
}
# Keywords naming a row by its id, filled in from the database once the records exist.
ID_KWARGS = {
    "membership_id": Membership,
    "member_id": WorkstreamMember,
    "visit_id": MonitoringVisit,
    "meeting_id": BoardMeeting,
    "entry_id": YouSaidWeDid,
}

# URL namespaces or names the crawl leaves out, each with its reason. Keep this short.
EXCEPTIONS = {
    # Django's own screens for superusers; their known failures are listed in the
    # accessibility statement (templates/ui/accessibility.html).
    "admin": "the Django admin",
}

# Who may open a page, least privileged first: the matrix's people who are in `people`.
PEOPLE_IN_ORDER = (
    "anonymous",
    "board_member",
    "officer_own_action",
    "programme_manager",
    "forum_member",
)
SIGNED_IN = {person: CAST_MEMBER[person] for person in PEOPLE_IN_ORDER}
# Last resort, for the page only a person part-way through signing in sees: somebody with an
# authenticator app who has given their password but not yet the code.
PEOPLE_IN_ORDER += ("part_way_signed_in",)
SIGNED_IN["part_way_signed_in"] = "coder"
# And for the operator's own pages (starting a local area): a superuser.
PEOPLE_IN_ORDER += ("operator",)
SIGNED_IN["operator"] = "operator"

# The main content's forms, but never the header's sign-out button.
_FORMS_JS = """() => [...document.querySelectorAll("main form")].map((form, index) => ({
    index,
    method: (form.getAttribute("method") || "get").toLowerCase(),
    names: [...new Set([...form.elements].filter((el) => el.name && el.type !== "hidden"
        && el.type !== "submit" && el.type !== "file").map((el) => el.name))],
}))"""

_CLEAR_AND_SEND_JS = """(index) => {
    const form = document.querySelectorAll("main form")[index];
    for (const el of form.elements) {
        if (el.type === "radio") el.checked = false;
        else if (el.tagName === "TEXTAREA" || ["text", "email", "number", "date", "password",
                 "search"].includes(el.type)) el.value = "";
    }
    const button = [...form.querySelectorAll("button, input[type=submit]")].pop();
    button ? button.click() : form.submit();
}"""


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str


def routes(patterns=None, namespace: str = "", prefix: str = "") -> list[Route]:
    """Every named URL of the URLconf, with the whole pattern of its address."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        joined = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += routes(pattern.url_patterns, inner, joined)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append(Route(f"{namespace}{pattern.name}", joined))
    return found


def excepted(route: Route) -> bool:
    return route.name in EXCEPTIONS or route.name.split(":")[0] in EXCEPTIONS


def addresses(route: Route) -> list[str]:
    """The route's address for each combination of the KWARGS values it needs."""
    kwargs = {
        **KWARGS,
        **{
            name: list(model.objects.values_list("pk", flat=True)[:1])
            for name, model in ID_KWARGS.items()
        },
    }
    found = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route.pattern)
    needed = sorted({name for pair in found for name in pair if name})
    missing = set(needed) - set(kwargs)
    assert not missing, f"{route.name}: add values for {sorted(missing)} to KWARGS"
    return [
        reverse(route.name, kwargs=dict(zip(needed, values, strict=True)))
        for values in itertools.product(*(kwargs[key] for key in needed))
    ]


def client_for(person: str, people) -> Client:
    client = Client()
    if SIGNED_IN[person]:
        client.force_login(people[SIGNED_IN[person]])
    return client


def who_opens(route: Route, people) -> tuple[str | None, str, object]:
    """The person to open the page as, its address, and the answer they get.

    The person is None when nobody gets in.
    """
    row = MATRIX.get(route.name, {})
    candidates = [p for p in PEOPLE_IN_ORDER if row.get(p, (200,))[0] in (200, 405)]
    response = None
    for url, person in itertools.product(addresses(route), candidates):
        response = client_for(person, people).get(url)
        if response.status_code in (200, 405):
            return person, url, response
    return None, "", response


def open_as(page: Page, live_server, people, person: str, url: str):
    page.context.clear_cookies()
    if SIGNED_IN[person]:
        session = client_for(person, people).cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    return page.goto(live_server.url + url)


def error_states(page: Page, live_server, url: str):
    """Send each form of the main content badly; yield a name for each page that results."""
    for form in page.evaluate(_FORMS_JS):
        page.goto(live_server.url + url)
        if form["method"] == "get":
            if not form["names"]:
                continue
            page.goto(live_server.url + url + "?" + urlencode(dict.fromkeys(form["names"], "x")))
        else:
            with page.expect_navigation():
                page.evaluate(_CLEAR_AND_SEND_JS, form["index"])
        yield f"form {form['index'] + 1} sent badly"


@pytest.fixture
def plan_records(people):
    """A priority, a workstream member and a Board meeting, so their pages have something
    to show."""
    workstream = Workstream.objects.get(number=2)
    PriorityFactory(plan=workstream.plan, number=1)
    WorkstreamMemberFactory(workstream=workstream)
    BoardMeetingFactory(plan=workstream.plan)


@pytest.fixture
def board_papers(people):
    """Board paper 1, approved and published; paper 2, locked and waiting for the Board
    member named to approve it: every paper screen has something to show."""
    plan = Workstream.objects.get(number=2).plan
    today = timezone.localdate()
    first = paper_services.paper_lock(
        plan=plan,
        actor=people["manager"],
        as_at=today - dt.timedelta(days=1),
        approver=people["board"],
    )
    paper_services.paper_approve(paper=first, actor=people["board"], reason="Agreed")
    paper_services.paper_publish(paper=first, actor=people["manager"], reason="Our progress")
    paper_services.paper_lock(
        plan=plan, actor=people["manager"], as_at=today, approver=people["board"]
    )


@pytest.fixture
def awaiting_sign_off(people):
    """Action 1.1.2, led by the officer, proposed as complete: the sign-off page shows."""
    audit = Action.objects.get(reference="1.1.2")
    audit.lead = people["officer"]
    audit.save()
    services.action_propose_completion(
        action=audit,
        actor=people["officer"],
        completed_date=dt.date(2019, 2, 28),
        evidence="Audit of 20 plans",
        narrative="Done",
    )


def test_every_page_passes_the_checks_for_someone_allowed_to_see_it(
    page, live_server, people, awaiting_sign_off, plan_records, board_papers
):
    documents: dict[str, str] = {}
    failures: list[str] = []
    skipped: list[str] = []
    responses: list = []
    page.on(
        "response",
        lambda r: responses.append(r) if r.request.resource_type == "document" else None,
    )

    def check(name: str) -> None:
        documents[name] = responses[-1].text()
        violations = axe_violations(page)
        if violations:
            failures.append(f"{name}:\n{describe_violations(violations)}")
        for spacing in (False, True):
            width = sideways_scrolling(page, text_spacing=spacing)
            if width:
                extra = " with WCAG 1.4.12 text spacing" if spacing else ""
                failures.append(f"{name}: scrolls sideways at 320 px{extra} ({width})")

    for route in routes():
        if excepted(route):
            continue
        person, url, response = who_opens(route, people)
        assert person, f"{route.name}: nobody in `people` may open it"
        if response.status_code == 405:
            skipped.append(f"{route.name} (POST only)")
            continue
        if not response["Content-Type"].startswith("text/html"):
            skipped.append(f"{route.name} ({response['Content-Type']})")
            continue
        answer = open_as(page, live_server, people, person, url)
        assert answer.status == 200, f"{route.name} as {person}: HTTP {answer.status}"
        check(f"{route.name} as {person}")
        for state in error_states(page, live_server, url):
            check(f"{route.name} as {person}, {state}")

    # The refusal pages: Not found, and Forbidden for a member who may not manage the plan.
    for person, url, status in (
        ("board_member", "/areas/sutton/actions/9.9.9/", 404),
        ("board_member", reverse("progress:publishing", kwargs={"area_slug": "sutton"}), 403),
    ):
        answer = open_as(page, live_server, people, person, url)
        assert answer.status == status, f"{url} as {person}: HTTP {answer.status}"
        check(f"{url} as {person}, HTTP {status}")

    visited = {name.split(" as ")[0] for name in documents} | {
        entry.split(" (")[0] for entry in skipped
    }
    assert set(MATRIX) <= visited, f"never crawled: {sorted(set(MATRIX) - visited)}"
    assert len(documents) > 10, f"the crawl found too few pages: {sorted(documents)}"
    errors = html_errors(documents)
    if errors:
        failures.append(describe_html_errors(errors))
    assert not failures, "\n".join(failures)


def test_the_crawl_leaves_out_few_urls_each_for_a_reason():
    assert len(EXCEPTIONS) <= 2, "keep the exceptions few: check the page instead"
    assert all(reason.strip() for reason in EXCEPTIONS.values())
    left_out = [route.name for route in routes() if excepted(route)]
    assert all(name.startswith("admin:") for name in left_out), left_out
