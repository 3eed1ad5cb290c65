"""The public area page shows the forum's published view, easy-read summaries, late actions
with the date first agreed; the "You said, we did" page lists published entries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Membership
from progress.selectors import published_plan_last_modified
from tests.factories import ActionFactory, MembershipFactory, UserFactory
from voice.models import ForumRating, quarter_start
from voice.services import (
    easy_read_summary_set,
    forum_view_record,
    you_said_we_did_save,
    you_said_we_did_withdraw,
)

pytestmark = pytest.mark.django_db


def area_url(slug="sutton"):
    return reverse("progress:area", kwargs={"area_slug": slug})


@pytest.fixture
def people(sutton):
    forum = UserFactory(username="forum")
    MembershipFactory(
        user=forum, local_area=sutton["area"], role=Membership.Role.PARENT_CARER_FORUM
    )
    manager = UserFactory(username="pm")
    MembershipFactory(
        user=manager, local_area=sutton["area"], role=Membership.Role.PROGRAMME_MANAGER
    )
    return {"forum": forum, "manager": manager}


def test_the_forums_published_view_shows_under_its_finding_and_an_unpublished_one_does_not(
    client, sutton, people
):
    ehc, offer = sutton["weaknesses"]
    this_quarter = quarter_start(timezone.localdate())
    forum_view_record(
        actor=people["forum"],
        weakness=ehc,
        quarter=this_quarter,
        rating=ForumRating.SOME_CHANGE,
        words="Parents say plans arrive sooner.",
        published=True,
        reason="Forum meeting",
    )
    forum_view_record(
        actor=people["forum"],
        weakness=offer,
        quarter=this_quarter,
        rating=ForumRating.WORSE,
        words="Draft words the forum has not agreed.",
        published=False,
        reason="Draft",
    )

    response = client.get(area_url())

    assert "What families say" in response.text
    assert "Parents say plans arrive sooner." in response.text
    assert ">Some change<" in response.text
    assert "Draft words the forum has not agreed." not in response.text
    ehc_page, offer_page = response.context["plan"].weaknesses
    assert ehc_page.forum_view.rating == "Some change"
    assert offer_page.forum_view is None


def test_an_easy_read_summary_shows_when_published(client, sutton, people):
    ehc, offer = sutton["weaknesses"]
    easy_read_summary_set(
        actor=people["manager"],
        weakness=ehc,
        text="Plans for children must be good.",
        published=True,
        reason="Easy read",
    )
    easy_read_summary_set(
        actor=people["manager"], weakness=offer, text="Not ready yet.", published=False, reason="r"
    )

    response = client.get(area_url())

    assert "Easy read" in response.text
    assert "Plans for children must be good." in response.text
    assert "Not ready yet." not in response.text


def test_an_overdue_action_is_flagged_late_with_the_date_first_agreed(client, sutton):
    ActionFactory(
        plan=sutton["plan"],
        weakness=sutton["weaknesses"][1],
        workstream=sutton["workstream"],
        reference="2.1.9",
        title="Publish the short breaks statement",
        published=True,
        red=True,
        original_due_date=dt.date(2019, 1, 31),
        due_date=dt.date(2019, 6, 30),
    )

    response = client.get(area_url())

    assert "running late or stuck; the council has a plan to fix it" in response.text.lower()
    assert '<strong class="govuk-tag govuk-tag--red">Late</strong>' in response.text
    assert "first due 31 January 2019" in response.text
    offer = response.context["plan"].weaknesses[1]
    # 2.1.1, Green but past its due date of 31 March 2019, is late too.
    assert [a.reference for a in offer.late_actions] == ["2.1.1", "2.1.9"]
    assert "(2 late)" in response.text


def test_status_words_are_explained_in_plain_english(client, sutton):
    response = client.get(area_url())

    text = response.text
    assert "Running late or stuck; the council has a plan to fix it" in text
    assert "On track to finish on time" in text
    assert "Significant issue, delivery concern" not in text


def test_the_letters_are_linked_not_pasted(client, sutton):
    revisit = sutton["plan"].inspection.revisits.get()
    revisit.letter_url = "https://reports.ofsted.gov.uk/provider/44/80521"
    revisit.save()
    sutton["weaknesses"][0].judgement_narrative = "A long passage of the revisit letter."
    sutton["weaknesses"][0].save()

    response = client.get(area_url())

    assert 'href="https://reports.ofsted.gov.uk/provider/44/80521"' in response.text
    assert "Read the revisit letter of 4 May 2020" in response.text
    assert "A long passage of the revisit letter." not in response.text


def test_actions_are_collapsed_by_finding_in_details_that_work_without_javascript(client, sutton):
    response = client.get(area_url())

    assert response.text.count('<details class="govuk-details"') >= 2
    assert '<span class="govuk-details__summary-text">The 2 actions' in response.text


def test_you_said_we_did_page_lists_published_entries_only(client, sutton, people):
    ehc = sutton["weaknesses"][0]

    def add(said, published):
        return you_said_we_did_save(
            actor=people["manager"],
            local_area=sutton["area"],
            weakness=ehc,
            date=dt.date(2024, 3, 1),
            you_said=said,
            we_did="We changed it",
            evidence="Minutes on the Local Offer",
            published=published,
            reason="From the forum",
        )

    add("Letters are full of jargon", True)
    add("Not agreed yet", False)
    withdrawn = add("Withdrawn entry", True)
    you_said_we_did_withdraw(actor=people["manager"], entry=withdrawn, reason="Duplicate")

    response = client.get(reverse("progress:you_said_we_did", kwargs={"area_slug": "sutton"}))

    assert response.status_code == 200
    assert "Letters are full of jargon" in response.text
    assert "Minutes on the Local Offer" in response.text
    assert "Not agreed yet" not in response.text
    assert "Withdrawn entry" not in response.text
    assert "You said, we did (1)" in client.get(area_url()).text


def test_you_said_we_did_of_an_unpublished_plan_is_not_found(client, sutton):
    sutton["plan"].is_published = False
    sutton["plan"].save()

    url = reverse("progress:you_said_we_did", kwargs={"area_slug": "sutton"})
    assert client.get(url).status_code == 404


def test_a_change_to_the_forums_view_moves_the_pages_last_modified(sutton, people):
    before = published_plan_last_modified("sutton")
    forum_view_record(
        actor=people["forum"],
        weakness=sutton["weaknesses"][0],
        quarter=quarter_start(timezone.localdate()),
        rating=ForumRating.REAL_CHANGE,
        words="Real change.",
        published=True,
        reason="Forum",
    )
    assert published_plan_last_modified("sutton") > before
