"""Board papers: locked as the figures stood, unchanged by anything later, approved by the
named approver, published by the programme manager, compared with the paper before."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from actions import services as action_services
from actions.models import BRAG, Membership
from actions.selectors import actions_as_at
from board.selectors.dashboard import action_lines, dashboard
from board.selectors.summary import brag_summary
from papers import services
from papers.content import freeze
from papers.models import BoardPaper, PaperDecision
from tests.board.board_plans import hand_built_plan, people
from tests.factories import MembershipFactory, UserFactory

SEPT_30 = dt.date(2018, 9, 30)
OCT_31 = dt.date(2018, 10, 31)

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(db):
    return hand_built_plan()


@pytest.fixture
def cast(built):
    return people(built.plan.local_area)


@pytest.fixture
def area_slug(built):
    return built.plan.local_area.slug


def lock(built, cast, as_at=SEPT_30, **extra):
    return services.paper_lock(
        plan=built.plan, actor=cast["manager"], as_at=as_at, approver=cast["board"], **extra
    )


def approve(paper, cast):
    return services.paper_approve(paper=paper, actor=cast["board"], reason="Agreed as read")


# --- what a paper holds -------------------------------------------------------------------


def test_a_locked_paper_holds_the_live_figures_as_at_its_date(built, cast):
    board = dashboard(plan=built.plan, as_at=SEPT_30)
    lines = action_lines(plan=built.plan, as_at=SEPT_30)

    paper = lock(built, cast)

    content = paper.content
    summary = brag_summary(plan=built.plan, as_at=SEPT_30)
    frozen_rows = [
        [row["label"], *(row["counts"][s.value] for s in BRAG.ordered())]
        for row in (*content["summary"]["rows"], content["summary"]["total"])
    ]
    assert frozen_rows == [record[:-1] for record in summary.records()]
    assert [line["reference"] for line in content["exceptions"]] == [
        line.action.reference for line in board.exceptions
    ]
    assert [line["reference"] for line in content["overdue"]] == [
        line.action.reference for line in board.overdue
    ]
    assert [line["reference"] for line in content["stale"]] == [
        line.action.reference for line in board.stale
    ]
    assert [(c["reference"], c["before"], c["after"]) for c in content["movement"]["changes"]] == [
        (c.action.reference, c.before, c.after) for c in board.movement.changes
    ]
    assert [(a["reference"], a["status"], a["remedial_action"]) for a in content["actions"]] == [
        (line.action.reference, line.action.status, line.action.remedial_action) for line in lines
    ]
    a1 = next(a for a in content["actions"] if a["reference"] == "1.1")
    assert (a1["status"], a1["narrative"], a1["remedial_action"]) == (
        BRAG.RED,
        "Stalled",
        "Escalated to the Board",
    )
    assert content == freeze(built.plan, SEPT_30)


def test_later_status_changes_and_edits_leave_the_locked_paper_as_it_was(
    client, built, cast, area_slug
):
    paper = lock(built, cast, as_at=timezone.localdate())
    before = BoardPaper.objects.get(pk=paper.pk).content
    a1 = built.actions["a1"]
    action_services.action_change_status(
        action=a1,
        actor=cast["manager"],
        status=BRAG.GREEN,
        reason="Back on track",
        narrative="Recovered after the Board",
    )
    action_services.action_update(
        action=a1, actor=cast["manager"], reason="Retitled", title="A new title"
    )

    assert BoardPaper.objects.get(pk=paper.pk).content == before
    frozen = next(a for a in before["actions"] if a["reference"] == "1.1")
    assert frozen["status"] == BRAG.AMBER
    live = {
        row.reference: row.status
        for row in actions_as_at(plan=built.plan, as_at=timezone.localdate())
    }
    assert live["1.1"] == BRAG.GREEN
    client.force_login(cast["board"])
    page = client.get(reverse("board_paper", kwargs={"area_slug": area_slug, "number": 1}))
    text = page.content.decode()
    assert "A new title" not in text
    assert "Recovered after the Board" not in text


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_to_change_or_delete_a_locked_paper(built, cast):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only triggers are PostgreSQL's")
    paper = lock(built, cast)
    approve(paper, cast)
    for statement in (
        lambda: BoardPaper.objects.filter(pk=paper.pk).update(note="Rewritten"),
        lambda: BoardPaper.objects.filter(pk=paper.pk).delete(),
        lambda: PaperDecision.objects.filter(paper=paper).update(note="Rewritten"),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            statement()
    assert BoardPaper.objects.get(pk=paper.pk).note == ""


# --- locking ------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["board", "wslead", "officer"])
def test_only_the_programme_manager_locks_a_paper(built, cast, person):
    with pytest.raises(PermissionDenied):
        services.paper_lock(
            plan=built.plan, actor=cast[person], as_at=SEPT_30, approver=cast["board"]
        )
    assert not BoardPaper.objects.exists()


def test_a_paper_is_locked_once_for_a_day_and_papers_run_forwards(built, cast):
    lock(built, cast, as_at=OCT_31)

    for day in (OCT_31, SEPT_30):
        with pytest.raises(ValidationError) as refused:
            lock(built, cast, as_at=day)
        assert refused.value.message_dict["as_at"] == [
            "Paper 1 is already locked as at 31 October 2018: a new paper must be as at a later day."
        ]


def test_a_paper_cannot_be_locked_for_a_day_to_come(built, cast):
    with pytest.raises(ValidationError, match="today or an earlier day"):
        lock(built, cast, as_at=timezone.localdate() + dt.timedelta(days=1))


def test_the_approver_must_be_a_board_member_of_the_area(built, cast):
    for person in (cast["officer"], cast["outsider"]):
        with pytest.raises(ValidationError, match="Steering Board member"):
            services.paper_lock(
                plan=built.plan, actor=cast["manager"], as_at=SEPT_30, approver=person
            )


def test_papers_are_numbered_in_turn(built, cast):
    assert [lock(built, cast, day).number for day in (SEPT_30, OCT_31)] == [1, 2]


# --- approval, minutes, publication -------------------------------------------------------


@pytest.mark.parametrize("person", ["manager", "wslead", "officer", "outsider"])
def test_only_the_named_approver_approves(built, cast, person):
    paper = lock(built, cast)
    with pytest.raises(PermissionDenied):
        services.paper_approve(paper=paper, actor=cast[person], reason="Agreed")
    assert not paper.decisions.exists()


def test_another_board_member_does_not_approve_unless_named(built, cast):
    deputy = UserFactory(username="deputy")
    MembershipFactory(
        user=deputy, local_area=built.plan.local_area, role=Membership.Role.BOARD_MEMBER
    )
    paper = lock(built, cast)
    with pytest.raises(PermissionDenied):
        services.paper_approve(paper=paper, actor=deputy, reason="Agreed")
    second = services.paper_lock(
        plan=built.plan, actor=cast["manager"], as_at=OCT_31, approver=deputy
    )
    services.paper_approve(paper=second, actor=deputy, reason="Agreed in the chair's absence")
    assert second.status_label == "Approved"


def test_approval_needs_a_note_and_happens_once(built, cast):
    paper = lock(built, cast)
    with pytest.raises(ValidationError, match="what the Board agreed"):
        services.paper_approve(paper=paper, actor=cast["board"], reason=" ")
    decision = approve(paper, cast)
    assert (decision.kind, decision.actor, decision.note) == (
        "approved",
        cast["board"],
        "Agreed as read",
    )
    with pytest.raises(ValidationError, match="already approved"):
        approve(paper, cast)


def test_minutes_are_added_by_the_manager_or_approver_and_kept(built, cast):
    paper = lock(built, cast)
    services.paper_record_minutes(paper=paper, actor=cast["manager"], minutes="Draft minutes")
    services.paper_record_minutes(paper=paper, actor=cast["board"], minutes="Amended minutes")
    with pytest.raises(PermissionDenied):
        services.paper_record_minutes(paper=paper, actor=cast["officer"], minutes="Mine")
    assert list(paper.decisions.values_list("note", flat=True)) == [
        "Draft minutes",
        "Amended minutes",
    ]


def test_only_an_approved_paper_is_published_and_only_by_the_manager(built, cast):
    paper = lock(built, cast)
    with pytest.raises(ValidationError, match="Only an approved paper"):
        services.paper_publish(paper=paper, actor=cast["manager"], reason="Our progress")
    approve(paper, cast)
    for person in ("board", "wslead", "officer", "outsider"):
        with pytest.raises(PermissionDenied):
            services.paper_publish(paper=paper, actor=cast[person], reason="Our progress")
    services.paper_publish(paper=paper, actor=cast["manager"], reason="Our progress")
    assert paper.status_label == "Published"
    with pytest.raises(ValidationError, match="already published"):
        services.paper_publish(paper=paper, actor=cast["manager"], reason="Again")


# --- the screens --------------------------------------------------------------------------


def test_the_manager_locks_the_paper_on_the_papers_page(client, built, cast, area_slug):
    client.force_login(cast["manager"])
    url = reverse("board_papers", kwargs={"area_slug": area_slug})
    page = client.get(url).content.decode()
    assert "Lock the paper" in page

    response = client.post(url, {"as_at": "2018-09-30", "approver": cast["board"].pk})

    paper = BoardPaper.objects.get()
    assert response.status_code == 302
    assert response.url == paper.get_absolute_url()
    assert (paper.as_at, paper.locked_by, paper.approver) == (
        SEPT_30,
        cast["manager"],
        cast["board"],
    )


def test_the_lock_form_shows_every_problem_beside_its_field(client, built, cast, area_slug):
    client.force_login(cast["manager"])
    url = reverse("board_papers", kwargs={"area_slug": area_slug})

    response = client.post(url, {"as_at": "2018-02-30"})

    text = response.content.decode()
    assert response.status_code == 400
    assert "Select the date of the paper&#x27;s figures from the list" in text
    assert "Choose who approves the paper" in text
    assert not BoardPaper.objects.exists()


def test_the_approver_approves_on_the_paper_page_and_the_page_says_so(
    client, built, cast, area_slug
):
    lock(built, cast)
    client.force_login(cast["board"])
    kwargs = {"area_slug": area_slug, "number": 1}
    page = client.get(reverse("board_paper", kwargs=kwargs)).content.decode()
    assert "Approve the paper" in page
    assert "Board paper 1, as at 30 September 2018. Status: Locked, awaiting approval." in page

    empty = client.post(reverse("board_paper_approve", kwargs=kwargs), {"note": ""})
    assert empty.status_code == 400
    assert "Say what the Board agreed, for the record" in empty.content.decode()

    client.post(reverse("board_paper_approve", kwargs=kwargs), {"note": "Agreed"})
    page = client.get(reverse("board_paper", kwargs=kwargs)).content.decode()
    assert "Status: Approved." in page
    assert "Approve the paper" not in page


def test_a_paper_is_compared_with_the_one_before(client, built, cast, area_slug):
    lock(built, cast, SEPT_30)
    lock(built, cast, OCT_31)
    client.force_login(cast["officer"])

    first = client.get(
        reverse("board_paper_compare", kwargs={"area_slug": area_slug, "number": 1})
    ).content.decode()
    page = client.get(reverse("board_paper_compare", kwargs={"area_slug": area_slug, "number": 2}))

    assert "no earlier paper" in first
    comparison = page.context["comparison"]
    assert [(c.reference, c.before, c.after) for c in comparison.status_changes] == [
        ("1.1", BRAG.RED, BRAG.AMBER),
        ("1.2", BRAG.AMBER, BRAG.RED),
        ("2.2", BRAG.WHITE, BRAG.GREEN),
    ]
    assert "Status Red to Amber." in page.content.decode()


def test_the_paper_downloads_as_csv_and_excel_through_the_one_writer(
    client, built, cast, area_slug
):
    lock(built, cast)
    client.force_login(cast["board"])
    kwargs = {"area_slug": area_slug, "number": 1}

    csv = client.get(reverse("board_paper_csv", kwargs=kwargs)).content.decode("utf-8-sig")
    xlsx = client.get(reverse("board_paper_xlsx", kwargs=kwargs)).content

    lines = csv.splitlines()
    assert lines[0].startswith("Reference,Theme,Action,Lead")
    assert any(line.startswith("1.1,1,") and "Escalated to the Board" in line for line in lines)
    sheet = load_workbook(io.BytesIO(xlsx)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Reference"
    assert len(rows) == len(lines)


def test_the_printed_paper_carries_its_date_status_and_page_numbers(client, built, cast, area_slug):
    paper = lock(built, cast)
    approve(paper, cast)
    client.force_login(cast["board"])

    response = client.get(reverse("board_paper_pdf", kwargs={"area_slug": area_slug, "number": 1}))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    last = reader.pages[-1].extract_text()
    assert "Board paper 1, as at 30 September 2018. Status: Approved." in last
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last


def test_outsiders_get_not_found(client, built, cast, area_slug):
    lock(built, cast)
    client.force_login(cast["outsider"])
    for name in ("board_papers", "board_paper"):
        kwargs = (
            {"area_slug": area_slug}
            if name == "board_papers"
            else {
                "area_slug": area_slug,
                "number": 1,
            }
        )
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404


# --- the command --------------------------------------------------------------------------


def test_the_command_locks_the_paper_as_the_manager(built, cast, area_slug):
    out = io.StringIO()

    call_command(
        "lock_board_paper",
        "--area",
        area_slug,
        "--as-at",
        "2018-09-30",
        "--as",
        "manager",
        stdout=out,
    )

    paper = BoardPaper.objects.get()
    assert (paper.as_at, paper.locked_by, paper.approver) == (
        SEPT_30,
        cast["manager"],
        cast["board"],
    )
    assert "Locked Board paper 1, as at 30 September 2018" in out.getvalue()


def test_the_command_refuses_anyone_but_the_manager_and_bad_dates(built, cast, area_slug):
    with pytest.raises(CommandError, match="Only the programme manager"):
        call_command("lock_board_paper", "--area", area_slug, "--as", "board")
    with pytest.raises(CommandError, match="not a date"):
        call_command("lock_board_paper", "--area", area_slug, "--as-at", "30/9", "--as", "manager")
    assert not BoardPaper.objects.exists()
