"""The Atom feed of an area's published changes is valid Atom (RFC 4287) and shows only what
is published."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import BRAG, Membership
from actions.services import action_change_status
from tests.factories import ActionFactory, MembershipFactory, UserFactory
from voice.models import ForumRating, quarter_start
from voice.services import forum_view_record, you_said_we_did_save

pytestmark = pytest.mark.django_db

ATOM = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM}


def feed_url(slug="sutton"):
    return reverse("progress:feed", kwargs={"area_slug": slug})


@pytest.fixture
def changes(sutton, officer):
    forum = UserFactory(username="forum")
    MembershipFactory(
        user=forum, local_area=sutton["area"], role=Membership.Role.PARENT_CARER_FORUM
    )
    manager = UserFactory(username="pm")
    MembershipFactory(
        user=manager, local_area=sutton["area"], role=Membership.Role.PROGRAMME_MANAGER
    )
    website = sutton["actions"][2]
    action_change_status(
        action=website,
        actor=officer,
        status=BRAG.RED,
        reason="SECRET reason the supplier went bust",
        remedial_action="SECRET remedial re-tendering",
    )
    hidden = ActionFactory(
        plan=sutton["plan"],
        weakness=sutton["weaknesses"][1],
        workstream=sutton["workstream"],
        reference="2.9.9",
        title="SECRET unpublished action",
        published=False,
    )
    action_change_status(action=hidden, actor=officer, status=BRAG.GREEN, reason="x")
    forum_view_record(
        actor=forum,
        weakness=sutton["weaknesses"][0],
        quarter=quarter_start(timezone.localdate()),
        rating=ForumRating.SOME_CHANGE,
        words="Plans arrive sooner.",
        published=True,
        reason="Forum",
    )
    forum_view_record(
        actor=forum,
        weakness=sutton["weaknesses"][1],
        quarter=quarter_start(timezone.localdate()),
        rating=ForumRating.WORSE,
        words="SECRET draft of the forum",
        published=False,
        reason="Draft",
    )
    you_said_we_did_save(
        actor=manager,
        local_area=sutton["area"],
        weakness=None,
        date=dt.date(2024, 3, 1),
        you_said="Letters are full of jargon",
        we_did="Every letter rewritten with parents",
        evidence="",
        published=True,
        reason="From the forum",
    )
    return sutton


def test_the_feed_is_valid_atom_with_every_required_element(client, changes):
    response = client.get(feed_url())

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    # RFC 4287 4.1.1: atom:feed in the Atom namespace, with id, title and updated.
    assert root.tag == f"{{{ATOM}}}feed"
    for name in ("id", "title", "updated"):
        element = root.find(f"atom:{name}", NS)
        assert element is not None and (element.text or "").strip(), name
    assert root.find("atom:link[@rel='self']", NS) is not None
    entries = root.findall("atom:entry", NS)
    assert len(entries) == 3
    ids = set()
    for entry in entries:
        # 4.1.2: each entry has id, title and updated; with no content, a link alternate.
        for name in ("id", "title", "updated"):
            element = entry.find(f"atom:{name}", NS)
            assert element is not None and (element.text or "").strip(), name
        ids.add(entry.find("atom:id", NS).text)
        assert entry.find("atom:link", NS) is not None
        # Dates are RFC 3339.
        dt.datetime.fromisoformat(entry.find("atom:updated", NS).text)
    assert len(ids) == len(entries), "entry ids must be unique"
    # 4.1.1: the feed has an author, as its entries name none: the partners, no person.
    author = root.find("atom:author/atom:name", NS)
    assert author.text == "London Borough of Sutton and Sutton Clinical Commissioning Group"
    assert all(entry.find("atom:author", NS) is None for entry in entries)
    titles = [entry.find("atom:title", NS).text for entry in entries]
    assert "Action 2.1.1 is now Red: running late or stuck; the council has a plan to fix it" in (
        titles
    )
    assert any(t.startswith("The parent carer forum's view of finding 1") for t in titles)
    assert any(t.startswith("You said, we did: Letters are full of jargon") for t in titles)


def test_the_feed_leaves_out_unpublished_and_internal_detail(client, changes):
    body = client.get(feed_url()).content.decode()

    assert "SECRET" not in body
    assert "forum@" not in body and ">forum<" not in body


def test_the_feed_of_an_unpublished_plan_is_not_found(client, sutton):
    sutton["plan"].is_published = False
    sutton["plan"].save()

    assert client.get(feed_url()).status_code == 404


def test_the_area_page_points_to_its_feed(client, sutton):
    text = client.get(reverse("progress:area", kwargs={"area_slug": "sutton"})).text

    assert '<link rel="alternate" type="application/atom+xml"' in text
    assert f'href="{feed_url()}"' in text
