"""The public monthly progress report: a published Board paper as parents read it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import BRAG, Membership
from actions.services import action_change_status, action_update
from papers import services
from papers.models import PaperDecision
from tests.factories import ActionFactory, MembershipFactory, UserFactory
from tests.scenarios import build_sutton

pytestmark = pytest.mark.django_db


@pytest.fixture
def sutton(db):
    sutton = build_sutton()
    sutton["manager"] = UserFactory(username="manager")
    sutton["chair"] = UserFactory(username="chair")
    area = sutton["area"]
    MembershipFactory(
        user=sutton["manager"], local_area=area, role=Membership.Role.PROGRAMME_MANAGER
    )
    MembershipFactory(user=sutton["chair"], local_area=area, role=Membership.Role.BOARD_MEMBER)
    ActionFactory(
        plan=sutton["plan"],
        workstream=sutton["workstream"],
        weakness=sutton["weaknesses"][0],
        reference="1.1.9",
        title="An internal action",
        published=False,
    )
    return sutton


def paper(sutton, as_at, *, approve=True, publish=True):
    locked = services.paper_lock(
        plan=sutton["plan"], actor=sutton["manager"], as_at=as_at, approver=sutton["chair"]
    )
    if approve:
        services.paper_approve(paper=locked, actor=sutton["chair"], reason="Agreed")
    if publish:
        services.paper_publish(
            paper=locked, actor=sutton["manager"], reason=f"Progress to {as_at:%B %Y}."
        )
    return locked


def test_the_area_page_links_the_latest_report_and_lists_earlier_ones(client, sutton):
    today = timezone.localdate()
    paper(sutton, today - dt.timedelta(days=1))
    paper(sutton, today)

    page = client.get(reverse("progress:area", kwargs={"area_slug": "sutton"})).content.decode()

    latest = reverse("progress_report", kwargs={"area_slug": "sutton", "number": 2})
    earlier = reverse("progress_report", kwargs={"area_slug": "sutton", "number": 1})
    assert "Monthly progress reports" in page
    assert f'href="{latest}"' in page
    assert "Earlier reports" in page
    assert page.count(f'href="{earlier}"') == 1
    assert page.count(f'href="{latest}"') == 1


def test_an_unpublished_paper_is_not_shown(client, sutton):
    paper(sutton, timezone.localdate(), publish=False)

    page = client.get(reverse("progress:area", kwargs={"area_slug": "sutton"})).content.decode()
    report = client.get(reverse("progress_report", kwargs={"area_slug": "sutton", "number": 1}))

    assert "Monthly progress reports" not in page
    assert report.status_code == 404


def test_the_report_shows_published_actions_in_plain_words_as_locked(client, sutton):
    paper(sutton, timezone.localdate())
    website = sutton["actions"][2]
    action_change_status(
        action=website,
        actor=sutton["manager"],
        status=BRAG.RED,
        reason="Supplier failed",
        remedial_action="New supplier",
    )
    url = reverse("progress_report", kwargs={"area_slug": "sutton", "number": 1})

    text = client.get(url).content.decode()

    assert "Monthly progress report," in text
    assert "Progress to" in text
    assert "2.1.1 Relaunch the Local Offer website" in text
    assert "The website is being rebuilt with parents." in text
    assert "Green</strong> On track." in text
    assert "Supplier failed" not in text
    assert "An internal action" not in text


def test_an_action_taken_off_the_public_pages_leaves_the_report_too(client, sutton):
    paper(sutton, timezone.localdate())
    website = sutton["actions"][2]
    action_update(action=website, actor=sutton["manager"], reason="Not public", published=False)
    url = reverse("progress_report", kwargs={"area_slug": "sutton", "number": 1})

    assert "Relaunch the Local Offer website" not in client.get(url).content.decode()


def test_a_new_report_makes_the_area_page_fresh_for_a_returning_browser(client, sutton):
    url = reverse("progress:area", kwargs={"area_slug": "sutton"})
    before = client.get(url)
    assert "Monthly progress reports" not in before.content.decode()

    locked = paper(sutton, timezone.localdate(), publish=False)
    # Published a little later than the page was read (Last-Modified counts whole seconds).
    PaperDecision.objects.create(
        paper=locked,
        kind=PaperDecision.Kind.PUBLISHED,
        actor=sutton["manager"],
        note="Our progress",
        at=timezone.now() + dt.timedelta(seconds=2),
    )
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])

    assert again.status_code == 200
    assert "Monthly progress reports" in again.content.decode()
