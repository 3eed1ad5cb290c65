"""The revisit readiness page of a finding: everything an inspector will ask about, on one page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import BRAG
from tests.factories import ActionFactory, CommitmentFactory
from voice.models import ForumRating, quarter_start
from voice.services import easy_read_summary_set, forum_view_record, you_said_we_did_save

pytestmark = pytest.mark.django_db


def readiness_url(number):
    return reverse("finding_readiness", kwargs={"area_slug": "sutton", "number": number})


def test_the_page_gathers_the_finding_its_actions_the_forum_and_what_changed(client, cast):
    finding = cast.action.weakness
    CommitmentFactory(weakness=finding, number=1, text="We will audit every plan")
    ActionFactory(
        plan=cast.plan,
        weakness=finding,
        workstream=cast.workstream,
        reference="2.1.2",
        title="Panel checks a sample each term",
        status=BRAG.BLUE,
        completed_date=dt.date(2019, 1, 31),
        evidence="Panel minutes, January 2019",
    )
    this_quarter = quarter_start(timezone.localdate())
    last_quarter = quarter_start(this_quarter - dt.timedelta(days=1))
    for quarter, words in (
        (last_quarter, "Little change."),
        (this_quarter, "Plans arrive sooner."),
    ):
        forum_view_record(
            actor=cast.forum,
            weakness=finding,
            quarter=quarter,
            rating=ForumRating.SOME_CHANGE,
            words=words,
            published=False,
            reason="Forum",
        )
    you_said_we_did_save(
        actor=cast.manager,
        local_area=cast.area,
        weakness=finding,
        date=dt.date(2024, 3, 1),
        you_said="Letters are full of jargon",
        we_did="Letters rewritten with parents",
        evidence="",
        published=False,
        reason="Forum",
    )
    easy_read_summary_set(
        actor=cast.manager,
        weakness=finding,
        text="Plans must be good.",
        published=False,
        reason="r",
    )
    client.force_login(cast.board)

    response = client.get(readiness_url(finding.number))

    text = response.text
    assert response.status_code == 200
    assert finding.finding in text
    assert f"{finding.number}.1 We will audit every plan" in text
    assert "Panel minutes, January 2019" in text
    # 2.1.1 is Green but past its due date of 31 March 2019.
    assert "Late" in text
    assert text.index("Plans arrive sooner.") < text.index("Little change.")
    assert "Letters rewritten with parents" in text
    assert "Plans must be good." in text
    assert "Measures and their trends" in text
    # Printable: navigation and the contents list are left off the printout.
    assert 'class="app-no-print"' in text


def test_an_unknown_finding_is_not_found(client, cast):
    client.force_login(cast.board)
    assert client.get(readiness_url(99)).status_code == 404


def test_the_dashboard_shows_the_forums_view_as_at_its_date(client, cast):
    finding = cast.action.weakness
    this_quarter = quarter_start(timezone.localdate())
    forum_view_record(
        actor=cast.forum,
        weakness=finding,
        quarter=this_quarter,
        rating=ForumRating.REAL_CHANGE,
        words="Families see real change.",
        published=False,
        reason="Forum",
    )
    client.force_login(cast.board)
    url = reverse("dashboard", kwargs={"area_slug": "sutton"})

    today = client.get(url)
    before = client.get(url, {"as_at": (this_quarter - dt.timedelta(days=1)).isoformat()})

    assert "Families see real change." in today.text
    assert readiness_url(finding.number) in today.text
    assert "Families see real change." not in before.text
