"""Nothing internal or unpublished reaches a public page, the public CSV or a public URL."""

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urljoin

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions.models import BRAG, Membership
from actions.services import action_change_status
from measures.selectors import public_measures
from measures.services import measure_create, measure_value_record
from papers import services as paper_services
from tests.factories import (
    ActionFactory,
    AreaOfWeaknessFactory,
    BoardMeetingFactory,
    LocalAreaFactory,
    MembershipFactory,
    MonitoringVisitFactory,
    PlanFactory,
    ProgressUpdateFactory,
    UserFactory,
    WorkstreamMemberFactory,
)
from voice.models import ForumRating, quarter_start
from voice.services import (
    easy_read_summary_set,
    forum_view_record,
    you_said_we_did_save,
    you_said_we_did_withdraw,
)

pytestmark = pytest.mark.django_db

# Every string below is stored somewhere a public page could be tempted to show it.
SECRETS = {
    "lead_first_name": "Zebedee",
    "lead_last_name": "Quillfeather",
    "lead_username": "zquillfeather",
    "description": "SECRET-DESCRIPTION-internal-scope",
    "success_measure": "SECRET-SUCCESS-MEASURE",
    "evidence": "SECRET-EVIDENCE-minutes-of-panel",
    "remedial_action": "SECRET-REMEDIAL-agency-cover",
    "narrative": "SECRET-NARRATIVE-monthly-update",
    "reason": "SECRET-REASON-why-status-changed",
    "visit_notes": "SECRET-VISIT-NOTES",
    "board_notes": "SECRET-BOARD-NOTES",
    "member_name": "Ottoline Brackenbury",
    "unpublished_title": "SECRET-UNPUBLISHED-TITLE",
    "unpublished_summary": "SECRET-UNPUBLISHED-SUMMARY",
    "unpublished_reference": "8.8.88",
    "other_area_name": "Secretshire",
    "other_area_title": "SECRET-OTHER-AREA-ACTION",
    "other_plan_title": "SECRET-OTHER-PLAN",
    "forum_unpublished_words": "SECRET-FORUM-DRAFT-WORDS",
    "forum_member_name": "Florentyna Forumova",
    "forum_reason": "SECRET-FORUM-REASON",
    "entry_unpublished": "SECRET-YOU-SAID-UNPUBLISHED",
    "entry_withdrawn": "SECRET-YOU-SAID-WITHDRAWN",
    "entry_reason": "SECRET-ENTRY-REASON",
    "easy_read_unpublished": "SECRET-EASY-READ-DRAFT",
    "other_area_entry": "SECRET-OTHER-AREA-YOU-SAID",
    "measure_notes": "SECRET-MEASURE-NOTES",
    "measure_owner": "Ptolemy Wainscott",
    "value_note": "SECRET-VALUE-NOTE",
    "value_reason": "SECRET-VALUE-REASON",
    "unpublished_measure": "SECRET-UNPUBLISHED-MEASURE",
    "unpublished_measure_source": "SECRET-UNPUBLISHED-SOURCE",
    "other_area_measure": "SECRET-OTHER-AREA-MEASURE",
    "paper_note": "SECRET-PAPER-LOCK-NOTE",
    "approval_note": "SECRET-APPROVAL-NOTE",
    "minutes": "SECRET-BOARD-MINUTES",
    "chair_name": "Peregrine Chairworthy",
    "manager_name": "Mirabel Managerial",
}

HREF = re.compile(r'href="([^"#]+)')


@pytest.fixture
def leaky(sutton):
    """Sutton's published plan, full of internal detail, plus another area's unpublished plan."""
    plan, (ehc, offer) = sutton["plan"], sutton["weaknesses"]
    lead = UserFactory(
        username=SECRETS["lead_username"],
        first_name=SECRETS["lead_first_name"],
        last_name=SECRETS["lead_last_name"],
    )
    MembershipFactory(user=lead, local_area=sutton["area"], role=Membership.Role.WORKSTREAM_LEAD)
    sutton["workstream"].lead = lead
    sutton["workstream"].save()
    member = UserFactory(username="obrackenbury", first_name="Ottoline", last_name="Brackenbury")
    WorkstreamMemberFactory(workstream=sutton["workstream"], user=member, role="Parent carer")
    published = ActionFactory(
        plan=plan,
        weakness=ehc,
        workstream=sutton["workstream"],
        reference="1.2.1",
        title="Train every SENCO",
        public_summary="Training for every school's SENCO.",
        published=True,
        lead=lead,
        description=SECRETS["description"],
        success_measure=SECRETS["success_measure"],
        status=BRAG.GREEN,
    )
    action_change_status(
        action=published,
        actor=lead,
        status=BRAG.RED,
        reason=SECRETS["reason"],
        remedial_action=SECRETS["remedial_action"],
        narrative=SECRETS["narrative"],
    )
    action_change_status(
        action=published,
        actor=lead,
        status=BRAG.BLUE,
        reason=SECRETS["reason"],
        completed_date=dt.date(2024, 4, 1),
        evidence=SECRETS["evidence"],
        narrative=SECRETS["narrative"],
    )
    unpublished = ActionFactory(
        plan=plan,
        weakness=offer,
        workstream=sutton["workstream"],
        reference=SECRETS["unpublished_reference"],
        title=SECRETS["unpublished_title"],
        public_summary=SECRETS["unpublished_summary"],
        published=False,
        lead=lead,
        amber=True,
    )
    ProgressUpdateFactory(action=unpublished, author=lead, narrative=SECRETS["narrative"])
    MonitoringVisitFactory(plan=plan, notes=SECRETS["visit_notes"])
    BoardMeetingFactory(plan=plan, notes=SECRETS["board_notes"])

    other = PlanFactory(
        local_area=LocalAreaFactory(name=SECRETS["other_area_name"], slug="secretshire"),
        title=SECRETS["other_plan_title"],
        is_published=False,
    )
    ActionFactory(
        plan=other,
        reference="1.1.1",
        title=SECRETS["other_area_title"],
        public_summary=SECRETS["other_area_title"],
        published=True,
    )
    _voice(sutton, other)
    add_measures(sutton, other)
    _published_paper(sutton["area"], plan, other)
    return sutton


def _voice(sutton, other_plan):
    """The families' voice: one published item of each kind, and drafts that must stay in."""
    ehc, offer = sutton["weaknesses"]
    forum = UserFactory(username="fforumova", first_name="Florentyna", last_name="Forumova")
    MembershipFactory(
        user=forum, local_area=sutton["area"], role=Membership.Role.PARENT_CARER_FORUM
    )
    manager = UserFactory(username="leakpm")
    MembershipFactory(
        user=manager, local_area=sutton["area"], role=Membership.Role.PROGRAMME_MANAGER
    )
    quarter = quarter_start(timezone.localdate())
    forum_view_record(
        actor=forum,
        weakness=ehc,
        quarter=quarter,
        rating=ForumRating.SOME_CHANGE,
        words="Published words of the forum.",
        published=True,
        reason=SECRETS["forum_reason"],
    )
    forum_view_record(
        actor=forum,
        weakness=offer,
        quarter=quarter,
        rating=ForumRating.WORSE,
        words=SECRETS["forum_unpublished_words"],
        published=False,
        reason=SECRETS["forum_reason"],
    )

    def entry(area, said, published, actor=manager):
        return you_said_we_did_save(
            actor=actor,
            local_area=area,
            weakness=None,
            date=dt.date(2024, 3, 1),
            you_said=said,
            we_did="We changed it",
            evidence="",
            published=published,
            reason=SECRETS["entry_reason"],
        )

    entry(sutton["area"], "Published you said.", True)
    entry(sutton["area"], SECRETS["entry_unpublished"], False)
    withdrawn = entry(sutton["area"], SECRETS["entry_withdrawn"], True)
    you_said_we_did_withdraw(actor=manager, entry=withdrawn, reason=SECRETS["entry_reason"])
    other_manager = UserFactory(username="otherpm")
    MembershipFactory(
        user=other_manager,
        local_area=other_plan.local_area,
        role=Membership.Role.PROGRAMME_MANAGER,
    )
    entry(other_plan.local_area, SECRETS["other_area_entry"], True, actor=other_manager)
    easy_read_summary_set(
        actor=manager, weakness=ehc, text="Published easy read.", published=True, reason="r"
    )
    easy_read_summary_set(
        actor=manager,
        weakness=offer,
        text=SECRETS["easy_read_unpublished"],
        published=False,
        reason=SECRETS["entry_reason"],
    )


def add_measures(sutton, other) -> None:
    """A published measure with internal notes, an owner and noted values; an unpublished
    measure; and a published measure of the other area's unpublished plan."""
    plan, (ehc, offer) = sutton["plan"], sutton["weaknesses"]
    owner = UserFactory(username="pwainscott", first_name="Ptolemy", last_name="Wainscott")
    MembershipFactory(user=owner, local_area=sutton["area"], role=Membership.Role.OFFICER)
    published = measure_create(
        plan=plan,
        actor=None,
        name="Annual reviews on time",
        direction="higher",
        findings=[ehc],
        owners=[owner],
        notes=SECRETS["measure_notes"],
        is_published=True,
        reason="Agreed",
    )
    measure_value_record(
        measure=published,
        actor=None,
        period_end=dt.date(2024, 3, 31),
        value=Decimal("61"),
        note=SECRETS["value_note"],
        reason=SECRETS["value_reason"],
    )
    measure_create(
        plan=plan,
        actor=None,
        name=SECRETS["unpublished_measure"],
        source=SECRETS["unpublished_measure_source"],
        direction="lower",
        findings=[offer],
        reason="Draft",
    )
    other_finding = AreaOfWeaknessFactory(inspection=other.inspection)
    measure_create(
        plan=other,
        actor=None,
        name=SECRETS["other_area_measure"],
        direction="lower",
        findings=[other_finding],
        is_published=True,
        reason="Agreed",
    )


def _published_paper(area, plan, other):
    """Sutton's Board paper, locked with every internal detail above, approved, minuted and
    published; and Secretshire's, published though its plan is not."""
    manager = UserFactory(username="mmanagerial", first_name="Mirabel", last_name="Managerial")
    chair = UserFactory(username="pchairworthy", first_name="Peregrine", last_name="Chairworthy")
    MembershipFactory(user=manager, local_area=area, role=Membership.Role.PROGRAMME_MANAGER)
    MembershipFactory(user=chair, local_area=area, role=Membership.Role.BOARD_MEMBER)
    for the_plan, the_manager, the_chair in (
        (plan, manager, chair),
        (other, *_other_people(other.local_area)),
    ):
        paper = paper_services.paper_lock(
            plan=the_plan,
            actor=the_manager,
            as_at=timezone.localdate(),
            approver=the_chair,
            reason=SECRETS["paper_note"],
        )
        paper_services.paper_approve(paper=paper, actor=the_chair, reason=SECRETS["approval_note"])
        paper_services.paper_record_minutes(
            paper=paper, actor=the_manager, minutes=SECRETS["minutes"]
        )
        paper_services.paper_publish(
            paper=paper, actor=the_manager, reason="How the plan stood this month."
        )


def _other_people(area):
    manager, chair = UserFactory(), UserFactory()
    MembershipFactory(user=manager, local_area=area, role=Membership.Role.PROGRAMME_MANAGER)
    MembershipFactory(user=chair, local_area=area, role=Membership.Role.BOARD_MEMBER)
    return manager, chair


def crawl(client, start: str) -> dict[str, str]:
    """Every public page reachable from `start` by following links under /progress/."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        seen[url] = body
        if response["Content-Type"].startswith("text/html"):
            for href in HREF.findall(body):
                target = urljoin(url, href)
                if target.startswith("/progress/") and target not in seen:
                    queue.append(target)
    return seen


def test_no_internal_or_unpublished_detail_reaches_any_public_page_or_the_csv(client, leaky):
    pages = crawl(client, reverse("progress:index"))

    assert reverse("progress:actions_csv", kwargs={"area_slug": "sutton"}) in pages
    report = reverse("progress_report", kwargs={"area_slug": "sutton", "number": 1})
    assert report in pages, "the published Board paper is linked from the area's page"
    assert "1.2.1 Train every SENCO" in pages[report]
    assert reverse("progress:feed", kwargs={"area_slug": "sutton"}) in pages
    assert reverse("progress:you_said_we_did", kwargs={"area_slug": "sutton"}) in pages
    # The published items of the families' voice are there, so the drafts' absence means
    # something.
    everything = "\n".join(pages.values())
    for published in (
        "Published words of the forum.",
        "Published you said.",
        "Published easy read.",
    ):
        assert published in everything
    assert reverse("progress:action", kwargs={"area_slug": "sutton", "reference": "1.2.1"}) in (
        pages
    )
    for url, body in pages.items():
        for name, secret in SECRETS.items():
            assert secret.lower() not in body.lower(), f"{name} leaked on {url}"


def test_unpublished_or_other_area_urls_are_not_found(client, leaky):
    for url in (
        reverse(
            "progress:action",
            kwargs={"area_slug": "sutton", "reference": SECRETS["unpublished_reference"]},
        ),
        reverse("progress:area", kwargs={"area_slug": "secretshire"}),
        reverse("progress:actions_csv", kwargs={"area_slug": "secretshire"}),
        reverse("progress:action", kwargs={"area_slug": "secretshire", "reference": "1.1.1"}),
        reverse("progress_report", kwargs={"area_slug": "secretshire", "number": 1}),
        reverse("progress_report", kwargs={"area_slug": "sutton", "number": 2}),
        reverse("progress:feed", kwargs={"area_slug": "secretshire"}),
        reverse("progress:you_said_we_did", kwargs={"area_slug": "secretshire"}),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        for name, secret in SECRETS.items():
            if name != "unpublished_reference":
                assert secret.lower() not in response.content.decode().lower(), name


def test_the_public_measures_hold_nothing_unpublished_or_internal(leaky):
    """What the public pages get of measures (measures.selectors.public_measures, shown by
    measures/_public_measures.html): published measures of a published plan, without their
    notes, owners, value notes or the reasons in their history."""
    from actions.models import Plan

    plan = leaky["plan"]
    measures = public_measures(plan=plan)
    assert [m.name for m in measures] == ["Annual reviews on time"]
    html = render_to_string(
        "measures/_public_measures.html", {"measures": measures, "id_prefix": "public"}
    )
    assert "Annual reviews on time" in html and "<svg" in html
    for name, secret in SECRETS.items():
        assert secret.lower() not in html.lower(), f"{name} leaked into the public measures"
    other = Plan.objects.get(title=SECRETS["other_plan_title"])
    assert public_measures(plan=other) == []
