import datetime as dt

import pytest
from django.utils import timezone

from actions.models import BRAG
from actions.selectors import ActionAsAt
from board.selectors.dashboard import dashboard
from board.selectors.summary import brag_summary, compare, movement
from tests.board.board_plans import hand_built_plan
from tests.board.timeline import change, created
from tests.factories import (
    BoardMeetingFactory,
    InspectionFactory,
    MonitoringVisitFactory,
    WorkstreamFactory,
)


@pytest.fixture
def sutton(db):
    built = hand_built_plan()
    return built.plan, built.actions, built.workstreams


def table(summary):
    return {row.label: dict(row.cells()) | {"total": row.total} for row in summary.rows} | {
        "Total": dict(summary.total.cells()) | {"total": summary.total.total}
    }


def counts(green=0, amber=0, red=0, blue=0, white=0):
    return {
        BRAG.GREEN: green,
        BRAG.AMBER: amber,
        BRAG.RED: red,
        BRAG.BLUE: blue,
        BRAG.WHITE: white,
        "total": green + amber + red + blue + white,
    }


def test_summary_counts_each_theme_as_the_plan_stands_today(sutton):
    plan, _, _ = sutton
    summary = brag_summary(plan=plan, as_at=timezone.localdate())
    assert table(summary) == {
        "1": counts(amber=1, red=1, white=1),
        "2": counts(green=1, blue=1, white=1),
        "3": counts(),
        "Total": counts(green=1, amber=1, red=1, blue=1, white=2),
    }
    assert [row.title for row in summary.rows] == ["Leadership", "EHC plans", "Local Offer"]


@pytest.mark.parametrize(
    "as_at, expected",
    [
        (dt.date(2018, 7, 2), {"1": counts(), "2": counts(), "3": counts(), "Total": counts()}),
        (
            dt.date(2018, 7, 31),
            {"1": counts(white=3), "2": counts(white=2), "3": counts(), "Total": counts(white=5)},
        ),
        (
            dt.date(2018, 8, 31),
            {
                "1": counts(green=1, white=2),
                "2": counts(green=1, white=1),
                "3": counts(),
                "Total": counts(green=2, white=3),
            },
        ),
        (
            dt.date(2018, 9, 30),
            {
                "1": counts(amber=1, red=1, white=1),
                "2": counts(blue=1, white=2),
                "3": counts(),
                "Total": counts(amber=1, red=1, blue=1, white=3),
            },
        ),
    ],
)
def test_summary_as_at_a_past_date_follows_the_history(sutton, as_at, expected):
    plan, _, _ = sutton
    assert table(brag_summary(plan=plan, as_at=as_at)) == expected


def test_summary_for_one_workstream_counts_only_its_actions(sutton):
    plan, _, (ws1, _) = sutton
    summary = brag_summary(plan=plan, as_at=dt.date(2018, 9, 30), workstream=ws1)
    assert table(summary)["Total"] == counts(amber=1, red=1, white=1)
    assert table(summary)["2"] == counts()


def test_summary_records_are_the_board_table_with_a_total_row(sutton):
    plan, _, _ = sutton
    records = brag_summary(plan=plan, as_at=dt.date(2018, 9, 30)).records()
    assert records == [
        ["1", 0, 1, 1, 0, 1, 3],
        ["2", 0, 0, 0, 1, 2, 3],
        ["3", 0, 0, 0, 0, 0, 0],
        ["Total", 0, 1, 1, 1, 3, 6],
    ]


def test_movement_since_the_previous_month_end_lists_changes_with_new_reds_first(sutton):
    plan, a, _ = sutton
    moved = movement(plan=plan, as_at=dt.date(2018, 9, 30))
    assert moved.since == dt.date(2018, 8, 31)
    assert [(c.action.reference, c.before, c.after, c.direction) for c in moved.changes] == [
        ("1.1", BRAG.GREEN, BRAG.RED, "worsened"),
        ("1.2", BRAG.WHITE, BRAG.AMBER, "worsened"),
        ("2.3", None, BRAG.WHITE, "added"),
        ("2.1", BRAG.GREEN, BRAG.BLUE, "improved"),
    ]
    assert moved.changes[0].is_new_red
    assert {d.status: (d.before, d.after, d.change) for d in moved.deltas} == {
        BRAG.GREEN: (2, 0, -2),
        BRAG.AMBER: (0, 1, 1),
        BRAG.RED: (0, 1, 1),
        BRAG.BLUE: (0, 1, 1),
        BRAG.WHITE: (3, 3, 0),
    }
    assert (moved.improved, moved.worsened, moved.new_reds) == (1, 2, 1)


def test_movement_since_a_chosen_date(sutton):
    plan, _, _ = sutton
    moved = movement(plan=plan, as_at=dt.date(2018, 10, 31), since=dt.date(2018, 7, 31))
    assert [(c.action.reference, c.direction) for c in moved.changes] == [
        ("1.2", "worsened"),  # White to Red: a new Red
        ("1.1", "worsened"),  # White to Amber
        ("2.3", "added"),
        ("2.1", "improved"),
        ("2.2", "improved"),
    ]


def _row(pk, status):
    return ActionAsAt(
        id=pk,
        reference=f"1.{pk}",
        title="x",
        status=status,
        weakness_id=1,
        workstream_id=None,
        lead_id=None,
        due_date=None,
        completed_date=None,
        published=False,
    )


@pytest.mark.parametrize(
    "before, after, direction",
    [
        (BRAG.WHITE, BRAG.GREEN, "improved"),
        (BRAG.WHITE, BRAG.BLUE, "improved"),
        (BRAG.RED, BRAG.AMBER, "improved"),
        (BRAG.AMBER, BRAG.WHITE, "improved"),
        (BRAG.GREEN, BRAG.BLUE, "improved"),
        (BRAG.WHITE, BRAG.AMBER, "worsened"),
        (BRAG.WHITE, BRAG.RED, "worsened"),
        (BRAG.GREEN, BRAG.WHITE, "worsened"),
        (BRAG.BLUE, BRAG.GREEN, "worsened"),
        (BRAG.AMBER, BRAG.RED, "worsened"),
    ],
)
def test_status_ranking_blue_green_white_amber_red(before, after, direction):
    moved = compare(
        [_row(1, before)], [_row(1, after)], since=dt.date(2020, 1, 31), as_at=dt.date(2020, 2, 29)
    )
    assert [change.direction for change in moved.changes] == [direction]


def test_unchanged_actions_are_not_listed_as_movement():
    moved = compare(
        [_row(1, BRAG.GREEN)],
        [_row(1, BRAG.GREEN)],
        since=dt.date(2020, 1, 31),
        as_at=dt.date(2020, 2, 29),
    )
    assert moved.changes == []


def test_exception_report_lists_red_actions_with_lead_and_how_long_red(sutton):
    plan, _, _ = sutton
    board = dashboard(plan=plan, as_at=dt.date(2018, 9, 30))
    [red] = board.exceptions
    assert red.action.reference == "1.1"
    assert red.lead == "Lee Dunn"
    assert red.red_since == dt.date(2018, 9, 5)
    assert red.days_red == 25
    assert red.action.remedial_action == "Escalated to the Board"
    assert red.theme == "1"


def test_exception_report_as_at_today_shows_the_current_reds(sutton):
    plan, _, _ = sutton
    [red] = dashboard(plan=plan, as_at=timezone.localdate()).exceptions
    assert (red.action.reference, red.red_since) == ("1.2", dt.date(2018, 10, 15))


def test_a_second_red_spell_counts_from_when_it_began(sutton):
    plan, a, _ = sutton
    change(a["a1"], BRAG.RED, dt.date(2018, 11, 2))
    board = dashboard(plan=plan, as_at=dt.date(2018, 11, 30))
    assert {line.action.reference: line.red_since for line in board.exceptions} == {
        "1.1": dt.date(2018, 11, 2),
        "1.2": dt.date(2018, 10, 15),
    }


def test_overdue_lists_open_actions_past_their_due_date_but_not_blue_ones(sutton):
    plan, _, _ = sutton
    board = dashboard(plan=plan, as_at=dt.date(2018, 9, 30))
    assert [(line.action.reference, line.days_overdue) for line in board.overdue] == [("1.10", 15)]


def test_stale_lists_started_open_actions_with_no_update_this_month(sutton):
    plan, _, _ = sutton
    board = dashboard(plan=plan, as_at=dt.date(2018, 9, 30))
    # 1.1 and 1.2 were updated in September, 2.1 is complete, 2.3 starts in October.
    assert [line.action.reference for line in board.stale] == ["1.10", "2.2"]
    october = dashboard(plan=plan, as_at=dt.date(2018, 10, 31))
    assert [line.action.reference for line in october.stale] == ["1.1", "1.2", "1.10", "2.2", "2.3"]
    assert {line.action.reference: line.last_update for line in october.stale}["1.1"] == dt.date(
        2018, 9, 5
    )


def test_workstream_completeness_counts_updates_this_month_per_lead(sutton):
    plan, _, (ws1, _) = sutton
    board = dashboard(plan=plan, as_at=dt.date(2018, 9, 30), workstream=ws1)
    [lead] = board.completeness
    assert (lead.lead, lead.expected, lead.updated, lead.missing, lead.percent) == (
        "Lee Dunn",
        3,
        2,
        1,
        67,
    )


def test_monthly_series_counts_each_month_end_up_to_the_as_at_day(sutton):
    plan, _, _ = sutton
    series = dashboard(plan=plan, as_at=dt.date(2018, 10, 20)).series
    assert [point.day for point in series] == [
        dt.date(2018, 7, 31),
        dt.date(2018, 8, 31),
        dt.date(2018, 9, 30),
        dt.date(2018, 10, 20),
    ]
    assert [point.counts.get(BRAG.WHITE, 0) for point in series] == [5, 3, 3, 2]
    assert series[2].counts == {BRAG.AMBER: 1, BRAG.RED: 1, BRAG.BLUE: 1, BRAG.WHITE: 3}
    # The series agrees with the summary at each of its points.
    for point in series:
        summary = brag_summary(plan=plan, as_at=point.day)
        assert dict(point.cells()) == dict(summary.total.cells())


def test_upcoming_lists_visits_revisit_and_next_board_meeting_with_working_days(sutton):
    plan, _, _ = sutton
    MonitoringVisitFactory(plan=plan, date=dt.date(2018, 9, 10), grade="met")
    MonitoringVisitFactory(plan=plan, date=dt.date(2018, 12, 10), grade="")
    BoardMeetingFactory(plan=plan, date=dt.date(2018, 10, 18))
    outlook = dashboard(plan=plan, as_at=dt.date(2018, 9, 30)).outlook
    assert [(m.what, m.day, m.working_days) for m in outlook.upcoming] == [
        ("Board meeting", dt.date(2018, 10, 18), 14),
        ("Monitoring visit", dt.date(2018, 12, 10), 51),
        ("Revisit (expected)", dt.date(2020, 1, 10), 324),
    ]
    assert outlook.last_visit.date == dt.date(2018, 9, 10)


def test_a_scheduled_revisit_replaces_the_expected_one(sutton):
    plan, _, _ = sutton
    InspectionFactory(
        local_area=plan.local_area,
        kind="revisit",
        revisit_of=plan.inspection,
        start_date=dt.date(2020, 3, 2),
        end_date=dt.date(2020, 3, 4),
    )
    outlook = dashboard(plan=plan, as_at=dt.date(2020, 1, 31)).outlook
    assert [(m.what, m.day) for m in outlook.upcoming] == [("Revisit", dt.date(2020, 3, 2))]


def test_a_workstream_series_starts_in_the_first_month_it_has_an_action(sutton):
    plan, a, _ = sutton
    late = WorkstreamFactory(plan=plan, number=3)
    created(
        dt.date(2018, 9, 12), plan=plan, reference="3.1", weakness=a["a1"].weakness, workstream=late
    )
    series = dashboard(plan=plan, as_at=dt.date(2018, 10, 31), workstream=late).series
    assert [(point.day, point.total) for point in series] == [
        (dt.date(2018, 9, 30), 1),
        (dt.date(2018, 10, 31), 1),
    ]
