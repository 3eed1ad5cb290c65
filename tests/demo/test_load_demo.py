import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Max, Min
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from actions.models import (
    BRAG,
    Action,
    BoardMeeting,
    Commitment,
    Membership,
    MonitoringVisit,
    Plan,
    ProgressUpdate,
)
from actions.selectors import end_of_day, statuses_as_at
from demo.installer import DEMO_PASSWORD, ILLUSTRATIVE_PREFIX
from inspections.models import AreaOfWeakness, Inspection, LocalArea
from tests.factories import UserFactory
from voice.models import ForumView, YouSaidWeDid

FIRST_WEAKNESS = (
    "A lack of coherence and joint working between local area leaders, agencies and schools, "
    "which is resulting in poor communication, inconsistent opportunities for social inclusion "
    "and a high number of exclusions, especially at primary school level"
)
DEMO_USERNAMES = ["officer", "lead", "board", "manager", "forum", "outsider", "admin"]


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_settings(settings):
    settings.DEBUG = True
    # Hashing six passwords the production way would make these tests slow.
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return settings


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    """Load the demo once for a class of read-only tests and roll it back afterwards.

    Each test still runs in its own savepoint (the `db` fixture), inside this transaction.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def output(loaded, db):
    return loaded


@pytest.fixture
def plan(output):
    return Plan.objects.get(local_area__slug="sutton")


def completed_before_the_plan(plan):
    return plan.actions.filter(reference__contains=".0.")


def illustrative(plan):
    return plan.actions.exclude(reference__contains=".0.")


class TestTheLoadedDemo:
    """Read-only checks of one loaded demo."""

    def test_sutton_is_loaded_with_its_council_and_health_partner(self, plan):
        area = LocalArea.objects.get(slug="sutton")
        assert (area.name, area.council_name, area.health_partner_name) == (
            "Sutton",
            "London Borough of Sutton",
            "Sutton Clinical Commissioning Group",
        )
        assert plan.local_area == area

    def test_the_initial_inspection_required_a_written_statement_of_action(self, plan):
        inspection = plan.inspection
        assert inspection.framework == Inspection.Framework.SEND_2016
        assert inspection.kind == Inspection.Kind.INITIAL
        assert (inspection.start_date, inspection.end_date) == (
            dt.date(2018, 1, 22),
            dt.date(2018, 1, 26),
        )
        assert inspection.letter_published_date == dt.date(2018, 3, 23)
        assert inspection.outcome == Inspection.Outcome.WSOA_REQUIRED
        assert inspection.plan_required

    def test_the_plan_is_the_published_sutton_wsoa_declared_fit_for_purpose(self, plan):
        assert plan.title == "Sutton Local Area Written Statement of Action"
        assert plan.kind == Plan.Kind.WSOA
        assert (plan.submitted_date, plan.fit_for_purpose_date) == (
            dt.date(2018, 7, 3),
            dt.date(2018, 7, 10),
        )
        assert plan.status == Plan.Status.FIT_FOR_PURPOSE
        assert plan.is_published
        assert plan.vision.startswith("We are collectively ambitious for our children")

    def test_the_plan_has_as_many_of_each_part_as_the_published_one(self, plan):
        weaknesses = plan.weaknesses()
        assert weaknesses.count() == 3
        assert [w.commitments.count() for w in weaknesses] == [4, 2, 2]
        assert plan.key_objectives.count() == 7
        assert plan.priorities.count() == 6
        assert [str(ws) for ws in plan.workstreams.all()] == [
            "WS1 Communication and Joint Working practices",
            "WS2 EHC Planning",
            "WS3 Local Offer and Independent Advice",
            "WS4 Quality Assurance",
        ]
        assert [ws.members.count() for ws in plan.workstreams.all()] == [7, 8, 6, 9]

    def test_the_first_weakness_is_quoted_word_for_word(self, plan):
        first = plan.weaknesses().get(number=1)
        assert first.finding == FIRST_WEAKNESS
        assert [w.short_title for w in plan.weaknesses()] == [
            "Joint working",
            "EHC plans",
            "Independent advice",
        ]

    def test_commitments_are_the_plans_we_will_statements(self, plan):
        texts = list(
            Commitment.objects.filter(weakness__inspection=plan.inspection).values_list(
                "text", flat=True
            )
        )
        assert all(text.startswith("We will ") for text in texts)
        assert texts[-1] == "We will improve our Local Offer and redesign our Local Offer website."

    def test_workstream_members_keep_the_plans_wording(self, plan):
        quality = plan.workstreams.get(number=4)
        first = quality.members.first()
        assert (first.role, first.organisation) == ("QA Manater", "LBS")
        ehc = plan.workstreams.get(number=2).members.first()
        assert (ehc.role, ehc.organisation) == ("Head of SEND", "LBS")

    def test_the_revisit_judged_sufficient_progress_on_every_weakness(self, plan):
        revisit = Inspection.objects.get(local_area=plan.local_area, kind=Inspection.Kind.REVISIT)
        assert (revisit.start_date, revisit.end_date, revisit.letter_published_date) == (
            dt.date(2020, 3, 2),
            dt.date(2020, 3, 4),
            dt.date(2020, 5, 4),
        )
        assert revisit.outcome == Inspection.Outcome.SUFFICIENT_PROGRESS
        assert revisit.revisit_of == plan.inspection
        for weakness in plan.weaknesses():
            assert weakness.judgement == AreaOfWeakness.Judgement.SUFFICIENT
            assert weakness.revisit == revisit
            assert weakness.judgement_narrative.endswith(
                "The local area has made sufficient progress to improve this area of significant weakness."
            )
        ehc = plan.weaknesses().get(number=2)
        assert ehc.judgement_narrative.startswith(
            "Leaders now have a secure oversight of EHC plans."
        )

    def test_the_actions_completed_before_the_plan_are_blue_with_quoted_evidence(self, plan):
        completed = completed_before_the_plan(plan)
        assert [completed.filter(weakness__number=n).count() for n in (1, 2, 3)] == [9, 9, 2]
        for action in completed:
            assert action.status == BRAG.BLUE
            assert action.completed_date == dt.date(2018, 7, 3)
            assert action.commitment is None
            assert action.published
            assert action.public_summary
            assert f'"{action.public_summary}"' in action.evidence
        siass = completed.get(reference="3.0.1")
        assert siass.public_summary.startswith("Increased the SIASS staffing to 1.4 full time")

    def test_every_blue_action_passes_the_brag_rules(self, plan):
        blue = plan.actions.filter(status=BRAG.BLUE)
        assert blue.count() > 20
        for action in blue:
            action.full_clean()

    def test_every_open_action_says_it_is_illustrative(self, plan):
        actions = illustrative(plan)
        assert 18 <= actions.count() <= 24
        for action in actions:
            assert action.description.startswith(ILLUSTRATIVE_PREFIX)
            assert action.commitment is not None
            assert action.reference.startswith(f"{action.commitment.reference}.")
            assert action.lead_role and action.lead_organisation

    def test_illustrative_actions_spread_over_the_four_workstreams(self, plan):
        counts = Counter(illustrative(plan).values_list("workstream__number", flat=True))
        assert set(counts) == {1, 2, 3, 4}

    def test_the_open_actions_cover_every_status(self, plan):
        statuses = set(illustrative(plan).values_list("status", flat=True))
        assert statuses == set(BRAG)

    def test_amber_and_red_actions_say_what_is_being_done(self, plan):
        flagged = plan.actions.filter(status__in=[BRAG.AMBER, BRAG.RED])
        assert flagged.exists()
        assert all(action.remedial_action.strip() for action in flagged)

    def test_some_actions_are_overdue(self, plan):
        assert plan.actions.overdue().exists()

    def test_some_actions_are_not_published_and_some_have_a_public_summary(self, plan):
        actions = illustrative(plan)
        assert actions.filter(published=False).exists()
        assert actions.filter(published=True).exclude(public_summary="").exists()

    def test_the_officer_leads_actions_and_every_ehc_planning_action_has_a_lead(self, plan):
        assert plan.actions.filter(lead__username="officer").exists()
        ehc_planning = illustrative(plan).filter(workstream__number=2)
        assert not ehc_planning.filter(lead__isnull=True).exists()

    def test_statuses_three_months_ago_differ_from_today_for_some_actions(self, plan):
        today = timezone.localdate()
        then = statuses_as_at(plan=plan, as_at=today - dt.timedelta(days=91))
        now = statuses_as_at(plan=plan, as_at=today)
        assert len(then) == len(now) == plan.actions.count()
        changed = [pk for pk in now if then[pk] != now[pk]]
        assert len(changed) >= 5

    def test_some_action_has_been_red_for_several_months(self, plan):
        today = timezone.localdate()
        months = [
            statuses_as_at(plan=plan, as_at=today - dt.timedelta(days=d)) for d in (0, 60, 110)
        ]
        assert any(all(month[pk] == BRAG.RED for month in months) for pk in months[0])

    def test_history_is_spread_over_the_last_six_months_and_ends_before_today(self, plan):
        today = timezone.localdate()
        history = Action.history.filter(plan_id=plan.pk, reference__regex=r"^\d+\.[1-9]")
        span = history.aggregate(first=Min("history_date"), last=Max("history_date"))
        assert span["first"] < end_of_day(today - dt.timedelta(days=175))
        assert span["first"] > end_of_day(today - dt.timedelta(days=200))
        assert span["last"] < end_of_day(today - dt.timedelta(days=1))
        updates = ProgressUpdate.objects.filter(action__plan=plan)
        assert updates.count() >= 50
        assert updates.aggregate(last=Max("date"))["last"] < today

    def test_a_couple_of_actions_have_no_update_this_month(self, plan):
        recent = timezone.localdate() - dt.timedelta(days=20)
        quiet = illustrative(plan).exclude(progress_updates__date__gte=recent)
        assert 2 <= quiet.count() <= 8

    def test_every_progress_update_matches_a_history_row_of_the_same_moment_and_status(self, plan):
        updates = ProgressUpdate.objects.filter(action__plan=plan).select_related("action")
        for update in updates:
            row = update.action.history.get(history_date=update.created_at)
            assert row.status == update.status
            assert timezone.localdate(update.created_at) == update.date
            assert row.history_user_id == update.author_id

    def test_monitoring_visits_and_board_meetings_are_labelled_illustrative(self, plan):
        visits = MonitoringVisit.objects.filter(plan=plan)
        assert visits.count() >= 3
        assert all(visit.notes.startswith("Illustrative visit") for visit in visits)
        assert {visit.grade for visit in visits} >= {
            MonitoringVisit.Grade.MET,
            MonitoringVisit.Grade.UNMET,
        }
        meetings = list(BoardMeeting.objects.filter(plan=plan).order_by("date"))
        assert len(meetings) == 6
        assert all(meeting.notes.startswith("Illustrative meeting") for meeting in meetings)
        assert meetings[-1].date < timezone.localdate()
        assert len({(m.date.year, m.date.month) for m in meetings}) == 6

    def test_the_second_demo_area_has_a_small_unpublished_fictional_plan(self, output):
        plan = Plan.objects.get(local_area__slug="demo-borough")
        assert plan.local_area.name == "Demo Borough"
        assert not plan.is_published
        assert 2 <= plan.actions.count() <= 3
        assert all(
            action.description.startswith("Fictional action for the demo area:")
            for action in plan.actions.all()
        )

    @pytest.mark.parametrize(
        "username, area, role",
        [
            ("officer", "sutton", Membership.Role.OFFICER),
            ("lead", "sutton", Membership.Role.WORKSTREAM_LEAD),
            ("board", "sutton", Membership.Role.BOARD_MEMBER),
            ("manager", "sutton", Membership.Role.PROGRAMME_MANAGER),
            ("forum", "sutton", Membership.Role.PARENT_CARER_FORUM),
            ("outsider", "demo-borough", Membership.Role.PROGRAMME_MANAGER),
        ],
    )
    def test_each_demo_user_has_one_role_in_one_area(self, output, username, area, role):
        membership = Membership.objects.get(user__username=username)
        assert (membership.local_area.slug, membership.role) == (area, role)
        assert membership.user.get_full_name()
        assert membership.user.email == f"{username}@example.org"

    def test_the_forum_has_a_published_view_of_every_finding_labelled_illustrative(self, plan):
        views = ForumView.objects.filter(weakness__inspection=plan.inspection)
        assert {v.weakness.number for v in views} == {1, 2, 3}
        assert all(v.published and v.words.startswith("Illustrative") for v in views)
        assert {v.history.get().history_user.username for v in views} == {"forum"}

    def test_a_few_you_said_we_did_entries_are_published_and_labelled_illustrative(self, plan):
        entries = YouSaidWeDid.objects.filter(local_area=plan.local_area)
        assert entries.count() >= 3
        assert all(e.published and "Illustrative" in e.we_did for e in entries)

    def test_the_public_page_shows_the_forums_view_and_links_the_letters(self, plan, client):
        text = client.get(reverse("progress:area", kwargs={"area_slug": "sutton"})).text
        assert "What families say" in text
        assert 'href="https://reports.ofsted.gov.uk/"' in text
        assert "Read the revisit letter of 4 May 2020" in text

    def test_the_lead_user_leads_ehc_planning(self, plan):
        lead = get_user_model().objects.get(username="lead")
        workstream = plan.workstreams.get(name="EHC Planning")
        assert workstream.lead == lead
        assert list(Membership.objects.get(user=lead).workstreams.all()) == [workstream]

    @pytest.mark.parametrize("username", DEMO_USERNAMES)
    def test_every_demo_user_can_sign_in_with_the_demo_password(self, output, client, username):
        assert client.login(username=username, password=DEMO_PASSWORD)

    def test_the_admin_user_is_a_superuser(self, output):
        admin = get_user_model().objects.get(username="admin")
        assert admin.is_superuser and admin.is_staff

    def test_the_summary_gives_the_counts_and_the_demo_logins(self, output):
        assert output.startswith(
            "Loaded Sutton: 3 areas of weakness, 8 commitments, 7 key objectives, 6 key priorities, "
            "4 workstreams (30 members), 20 actions completed before the plan (Blue), "
        )
        assert (
            "Demo users: officer, lead, board, manager, forum, outsider (password: demo-password)"
            in output
        )


@pytest.mark.django_db
def test_loading_twice_says_so_and_changes_nothing(demo_settings):
    load_demo()

    def counts():
        return (
            LocalArea.objects.count(),
            Action.objects.count(),
            Action.history.count(),
            ProgressUpdate.objects.count(),
            get_user_model().objects.count(),
            BoardMeeting.objects.count(),
        )

    before = counts()
    second = load_demo()
    assert "already loaded" in second
    assert counts() == before


@pytest.mark.django_db
def test_the_command_refuses_to_run_with_debug_off(demo_settings):
    demo_settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        load_demo()
    assert not LocalArea.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_force_loads_the_demo_with_debug_off(demo_settings):
    demo_settings.DEBUG = False
    load_demo("--force")
    assert LocalArea.objects.filter(slug="sutton").exists()


@pytest.mark.django_db
def test_a_dry_run_saves_nothing(demo_settings):
    out = load_demo("--dry-run")
    assert "Loaded Sutton" in out and "nothing was saved" in out
    assert not LocalArea.objects.exists()
    assert not Action.history.exists()


@pytest.mark.django_db
def test_an_existing_user_with_a_demo_name_stops_the_load(demo_settings):
    UserFactory(username="officer")
    with pytest.raises(CommandError, match="officer"):
        load_demo()
    assert not LocalArea.objects.exists()


@pytest.mark.django_db
def test_migrations_do_not_load_the_demo():
    assert not LocalArea.objects.exists()
    assert not get_user_model().objects.filter(username__in=DEMO_USERNAMES).exists()


class TestTheDemoMeasures:
    """Sutton's measures: what is measured from its documents, the figures illustrative."""

    def test_sutton_has_five_measures_every_one_marked_illustrative(self, plan):
        from measures.models import Measure

        measures = Measure.objects.filter(plan=plan)
        assert measures.count() == 5
        assert all(measure.is_illustrative for measure in measures)
        names = " ".join(measures.values_list("name", flat=True)).lower()
        for words in ("excluded", "annual reviews", "20 weeks", "parents satisfied", "advice"):
            assert words in names

    def test_the_measures_have_ratings_both_ways_and_a_history_of_values(self, plan):
        from measures.ratings import Rating
        from measures.selectors import plan_measures, public_measures

        today = timezone.localdate()
        ratings = {m.number: m.rating for m in plan_measures(plan=plan, as_at=today)}
        assert Rating.ON_TRACK in ratings.values() and Rating.OFF_TRACK in ratings.values()
        year_ago = plan_measures(plan=plan, as_at=today - dt.timedelta(days=365))
        assert all(len(m.values) < 8 for m in year_ago)
        public = public_measures(plan=plan)
        assert 0 < len(public) < 5
        assert all(m.is_illustrative for m in public)

    def test_the_dashboard_shows_the_measures_labelled_illustrative(self, plan, client):
        from django.urls import reverse

        board = get_user_model().objects.get(username="board")
        client.force_login(board)
        page = client.get(reverse("dashboard", kwargs={"area_slug": "sutton"})).content.decode()
        assert "Measures of impact" in page
        assert "These values are illustrative, not real figures." in page
