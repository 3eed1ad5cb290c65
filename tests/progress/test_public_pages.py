import datetime as dt

import pytest
from django.urls import reverse

from actions.models import BRAG
from actions.services import action_change_status
from tests.factories import ActionFactory, LocalAreaFactory, PlanFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


def area_url(slug="sutton"):
    return reverse("progress:area", kwargs={"area_slug": slug})


def action_url(reference, slug="sutton"):
    return reverse("progress:action", kwargs={"area_slug": slug, "reference": reference})


def test_index_lists_only_areas_with_a_published_plan(client, sutton):
    PlanFactory(local_area=LocalAreaFactory(name="Hidden Borough"), is_published=False)

    response = client.get(reverse("progress:index"))

    assert response.status_code == 200
    assert "Sutton" in response.text
    assert area_url() in response.text
    assert "Hidden Borough" not in response.text


def test_area_page_quotes_each_weakness_and_its_revisit_judgement(client, sutton):
    response = client.get(area_url())

    assert response.status_code == 200
    assert "inspected the local area in January 2018" in response.text
    # The finding's words sit in a collapsed "What the inspectors found", not on show.
    assert "What the inspectors found" in response.text
    assert "Poor oversight of quality and impact of EHC Plans" in response.text
    assert "The local offer is not well known or used by parents and carers." in response.text
    assert "At the revisit in February 2020, inspectors judged: <strong>sufficient progress" in (
        response.text
    )
    assert "insufficient progress" in response.text
    assert "They came back in February 2020." in response.text


def test_area_page_shows_key_objectives_and_commitments_under_each_weakness(client, sutton):
    response = client.get(area_url())

    assert "Every EHC plan is good or better." in response.text
    assert "<li>We will improve our Sutton Information Advice Service</li>" in response.text
    assert "<li>We will co-produce a new Local Offer</li>" in response.text


def test_area_page_counts_published_actions_by_status_in_words_and_numbers(client, sutton):
    response = client.get(area_url())

    ehc = response.context["plan"].weaknesses[0]
    counts = {row.status: row.count for row in ehc.status_counts}
    assert counts == {
        BRAG.GREEN: 0,
        BRAG.AMBER: 1,
        BRAG.RED: 0,
        BRAG.BLUE: 1,
        BRAG.WHITE: 0,
    }
    # One plain sentence per finding instead of a table of counts.
    assert (
        ehc.progress_sentence == "1 of 2 actions done, 1 delayed or stuck and 1 past its due date."
    )
    assert ehc.progress_sentence in response.text
    assert 'app-brag--amber">Amber</strong>' in response.text


def test_each_weakness_shows_the_date_of_its_last_update(client, sutton):
    staffing = sutton["actions"][0]
    ProgressUpdateFactory(action=staffing, date=dt.date(2024, 6, 3), status=BRAG.BLUE)

    response = client.get(area_url())

    ehc, offer = response.context["plan"].weaknesses
    assert ehc.last_updated == dt.date(2024, 6, 3)
    assert offer.last_updated == dt.date(2024, 5, 1)
    assert "3 June 2024" in response.text


def test_area_page_lists_each_published_action_with_its_public_fields(client, sutton):
    response = client.get(area_url())

    text = response.text
    # Collapsed under "The 2 actions" of their finding; the lead is on the action's page.
    assert "The 2 actions" in text
    assert f'href="{action_url("1.1.1")}">Increase the SIASS staffing</a>' in text
    assert "The advice service now has more staff." in text
    assert "on 1 September 2018" in text  # completed
    assert "Done" in text


def test_area_page_shows_monitoring_visits_with_their_grades(client, sutton):
    response = client.get(area_url())

    visits = response.context["plan"].monitoring_visits
    last = visits[-1]
    assert f"The last visit, on {last.date:%-d %B %Y}, was graded: {last.grade}." in response.text
    assert "28 June 2018" in response.text


def test_area_page_says_when_it_was_last_updated_and_links_to_the_csv(client, sutton):
    response = client.get(area_url())

    assert "Last updated <time" in response.text
    assert "1 May 2024" in response.text
    assert reverse("progress:actions_csv", kwargs={"area_slug": "sutton"}) in response.text


def test_unpublished_action_is_left_out_of_the_area_page(client, sutton):
    ActionFactory(
        plan=sutton["plan"],
        weakness=sutton["weaknesses"][0],
        reference="1.9.9",
        title="Draft idea nobody agreed yet",
        published=False,
    )

    response = client.get(area_url())

    assert "Draft idea nobody agreed yet" not in response.text
    assert client.get(action_url("1.9.9")).status_code == 404


def test_unpublished_plan_is_not_found(client, sutton):
    PlanFactory(local_area=LocalAreaFactory(slug="kingston"), is_published=False)

    assert client.get(area_url("kingston")).status_code == 404
    assert client.get(action_url("1.1.1", slug="kingston")).status_code == 404
    assert (
        client.get(reverse("progress:actions_csv", kwargs={"area_slug": "kingston"})).status_code
        == 404
    )


def test_published_action_of_another_areas_unpublished_plan_is_not_found(client, sutton):
    other = PlanFactory(local_area=LocalAreaFactory(slug="kingston"), is_published=False)
    ActionFactory(plan=other, reference="3.1.1", published=True, public_summary="Hidden")

    assert client.get(action_url("3.1.1", slug="kingston")).status_code == 404
    assert client.get(action_url("3.1.1", slug="sutton")).status_code == 404


def test_unknown_area_is_not_found(client, db):
    assert client.get(area_url("nowhere")).status_code == 404


def test_action_page_shows_the_public_summary_and_lead_role(client, sutton):
    response = client.get(action_url("1.1.1"))

    assert response.status_code == 200
    assert "Increase the SIASS staffing" in response.text
    assert "The advice service now has more staff." in response.text
    assert "Head of SEND, London Borough of Sutton" in response.text
    assert "1.1 We will improve our Sutton Information Advice Service" in response.text


def test_action_page_shows_a_timeline_of_status_changes_with_dates_only(client, sutton, officer):
    website = sutton["actions"][2]
    action_change_status(
        action=website,
        actor=officer,
        status=BRAG.RED,
        reason="Supplier went bust",
        remedial_action="Re-tendering the contract",
    )

    response = client.get(action_url("2.1.1"))

    timeline = response.context["page"].timeline
    assert [change.status for change in timeline] == [BRAG.GREEN, BRAG.RED]
    assert timeline[0].date == dt.date(2024, 5, 1)
    assert "Status history" in response.text
    assert "Supplier went bust" not in response.text
    assert "Re-tendering the contract" not in response.text


def test_public_pages_show_status_as_a_word_as_well_as_a_colour(client, sutton):
    response = client.get(action_url("1.1.2"))

    assert 'app-brag--amber">Amber</strong>' in response.text
    assert "Some delay or problem; the council is dealing with it" in response.text
