"""The Board table and what moved: BRAG counts per theme, and status changes between dates.

Improved or worsened: statuses rank Blue (complete) above Green (on track), above White (not
started), above Amber (minor issue), above Red (significant issue). White sits above Amber and
Red because a not-started action reports no problem: White to Green or Blue is an improvement,
White to Amber or Red a worsening, and Green or Blue back to White a worsening.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from actions.models import BRAG, Plan, Workstream
from actions.rules import reference_key
from actions.selectors import ActionAsAt, actions_as_at
from board.dates import previous_month_end
from inspections.models import AreaOfWeakness

STATUS_RANK = {BRAG.RED: 0, BRAG.AMBER: 1, BRAG.WHITE: 2, BRAG.GREEN: 3, BRAG.BLUE: 4}

SUMMARY_HEADER = ("theme", *(status.value for status in BRAG.ordered()), "total")


# --- summary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    """BRAG counts for one theme (area of weakness), or the Total row."""

    label: str
    title: str
    weakness_id: int | None
    counts: dict[BRAG, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def is_total(self) -> bool:
        return self.weakness_id is None

    def cells(self) -> list[tuple[BRAG, int]]:
        return [(status, self.counts.get(status, 0)) for status in BRAG.ordered()]

    def as_record(self) -> list[str | int]:
        return [self.label, *(count for _, count in self.cells()), self.total]


@dataclass(frozen=True)
class Summary:
    as_at: dt.date
    rows: list[SummaryRow]
    total: SummaryRow

    def records(self) -> list[list[str | int]]:
        """The Board table as the exports write it: one row per theme, then Total."""
        return [row.as_record() for row in (*self.rows, self.total)]


# (theme id, status) → number of actions
StatusCounts = Mapping[tuple[int, BRAG], int]


def summarise(
    rows: Iterable[ActionAsAt], weaknesses: Sequence[AreaOfWeakness], *, as_at: dt.date
) -> Summary:
    counts = Counter((row.weakness_id, row.status) for row in rows)
    return summary_of(counts, weaknesses, as_at=as_at)


def summary_of(
    counts: StatusCounts, weaknesses: Sequence[AreaOfWeakness], *, as_at: dt.date
) -> Summary:
    """The Board table from counts already made (by GROUP BY, say)."""
    by_theme: dict[int, Counter] = defaultdict(Counter)
    for (weakness_id, status), n in counts.items():
        if n:
            by_theme[weakness_id][status] += n
    theme_rows = [
        SummaryRow(
            label=str(weakness.number),
            title=weakness.label,
            weakness_id=weakness.pk,
            counts=dict(by_theme.get(weakness.pk, {})),
        )
        for weakness in weaknesses
    ]
    totals: Counter = Counter()
    for theme_row in theme_rows:
        totals.update(theme_row.counts)
    return Summary(
        as_at=as_at,
        rows=theme_rows,
        total=SummaryRow(label="Total", title="", weakness_id=None, counts=dict(totals)),
    )


def brag_summary(*, plan: Plan, as_at: dt.date, workstream: Workstream | None = None) -> Summary:
    """The Board table: BRAG counts per theme as at the end of `as_at` (two queries)."""
    rows = in_workstream(actions_as_at(plan=plan, as_at=as_at), workstream)
    return summarise(rows, list(plan.weaknesses()), as_at=as_at)


# --- movement ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusChange:
    action: ActionAsAt
    before: BRAG | None
    after: BRAG | None

    @property
    def direction(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "improved" if STATUS_RANK[self.after] > STATUS_RANK[self.before] else "worsened"

    @property
    def is_new_red(self) -> bool:
        return self.after == BRAG.RED and self.before != BRAG.RED


@dataclass(frozen=True)
class StatusDelta:
    status: BRAG
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Movement:
    since: dt.date
    as_at: dt.date
    deltas: list[StatusDelta]
    changes: list[StatusChange]

    def count(self, direction: str) -> int:
        return sum(1 for change in self.changes if change.direction == direction)

    @property
    def improved(self) -> int:
        return self.count("improved")

    @property
    def worsened(self) -> int:
        return self.count("worsened")

    @property
    def new_reds(self) -> int:
        return sum(1 for change in self.changes if change.is_new_red)


_DIRECTION_ORDER = {"worsened": 1, "added": 2, "improved": 3, "removed": 4}


def compare(
    before_rows: Iterable[ActionAsAt],
    after_rows: Iterable[ActionAsAt],
    *,
    since: dt.date,
    as_at: dt.date,
) -> Movement:
    """What moved between two dates: per-status change in count and every status change.

    New Reds come first, then other worsenings, additions, improvements and removals.
    """
    before = {row.id: row for row in before_rows}
    after = {row.id: row for row in after_rows}
    changes = []
    for pk in before.keys() | after.keys():
        was, now = before.get(pk), after.get(pk)
        if was is not None and now is not None and was.status == now.status:
            continue
        action = now or was
        if action is None:  # every id comes from one of the two dates
            continue
        changes.append(
            StatusChange(
                action=action,
                before=was.status if was else None,
                after=now.status if now else None,
            )
        )
    return movement_of(
        changes,
        before_counts=Counter(row.status for row in before.values()),
        after_counts=Counter(row.status for row in after.values()),
        since=since,
        as_at=as_at,
    )


def movement_of(
    changes: list[StatusChange],
    *,
    before_counts: Mapping[BRAG, int],
    after_counts: Mapping[BRAG, int],
    since: dt.date,
    as_at: dt.date,
) -> Movement:
    """The movement from its status changes and the counts at both dates."""
    changes = list(changes)
    changes.sort(
        key=lambda c: (
            0 if c.is_new_red else _DIRECTION_ORDER[c.direction],
            reference_key(c.action.reference),
        )
    )
    deltas = [
        StatusDelta(
            status=status,
            before=before_counts.get(status, 0),
            after=after_counts.get(status, 0),
        )
        for status in BRAG.ordered()
    ]
    return Movement(since=since, as_at=as_at, deltas=deltas, changes=changes)


def movement(
    *, plan: Plan, as_at: dt.date, since: dt.date | None = None, workstream=None
) -> Movement:
    """Movement between `since` (default: the previous month-end) and `as_at` (two queries)."""
    since = since or previous_month_end(as_at)
    return compare(
        in_workstream(actions_as_at(plan=plan, as_at=since), workstream),
        in_workstream(actions_as_at(plan=plan, as_at=as_at), workstream),
        since=since,
        as_at=as_at,
    )


def in_workstream(rows: list[ActionAsAt], workstream: Workstream | None) -> list[ActionAsAt]:
    if workstream is None:
        return rows
    return [row for row in rows if row.workstream_id == workstream.pk]
