"""Status suggestions that explain themselves: every rule, with the words it gives.

A suggestion appears when the evidence disagrees with an action's rating: the due date has
passed, nobody has updated it for months, its start date came and went, or (for a Green
action) a measure it feeds is off track. Each rule gives a status and a reason a person can
check; the officer stays free to disagree, and the update form records whether they followed
it (ProgressUpdate.suggested_status).

Rules only ever suggest a more serious status than the current one (Red above Amber above the
rest): a suggestion never softens a rating someone chose. The help page
(templates/actions/suggestion_rules.html) lists RULES.

The dates and "overdue" come from actions/rules.py. Measures are passed in by name
(`off_track_measures`): the apps that keep measures, which stand on `actions`, register where
an action's off-track measures come from (`register_off_track_source`), so `actions` imports
none of them.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from actions import rules
from actions.models.brag import BRAG

# An action with no update for this many whole months is suggested Amber.
STALE_MONTHS = 2

# How serious each status says things are: a suggestion is made only when it is more serious.
SEVERITY = {BRAG.RED: 2, BRAG.AMBER: 1, BRAG.GREEN: 0, BRAG.WHITE: 0, BRAG.BLUE: 0}


@dataclass(frozen=True)
class Rule:
    """One rule as the help page lists it."""

    key: str
    status: BRAG
    when: str
    example: str


RULES: tuple[Rule, ...] = (
    Rule(
        key="overdue",
        status=BRAG.RED,
        when="The due date has passed and the action is not complete (Blue).",
        example="Suggested: Red. Due 29 September 2026, 60 days ago, and not complete.",
    ),
    Rule(
        key="no_update",
        status=BRAG.AMBER,
        when=(
            f"An open action that has started has had no progress update for {STALE_MONTHS} "
            "months or more."
        ),
        example="Suggested: Amber. No update for 2 months.",
    ),
    Rule(
        key="not_started",
        status=BRAG.AMBER,
        when="A White (not started) action whose start date has passed.",
        example="Suggested: Amber. Should have started on 1 September 2026 and not started.",
    ),
    Rule(
        key="measure_off_track",
        status=BRAG.AMBER,
        when="A Green (on track) action one of whose measures is off track.",
        example="Suggested: Amber. Green but its measure is off track: EHC plans within 20 weeks.",
    ),
)


@dataclass(frozen=True)
class Reason:
    rule: str
    status: BRAG
    text: str


@dataclass(frozen=True)
class Suggestion:
    """The suggested status and every reason for it, most serious first."""

    status: BRAG
    reasons: tuple[Reason, ...]

    @property
    def text(self) -> str:
        """E.g. "Suggested: Red. Due 29 September 2026, 60 days ago, and not complete." """
        return " ".join([f"Suggested: {self.status.label}.", *(r.text for r in self.reasons)])

    @property
    def reason_texts(self) -> list[str]:
        return [reason.text for reason in self.reasons]

    def followed_by(self, status: str) -> bool:
        return BRAG(status) == self.status


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later`: 29 September to 28 November is 1, to 29 November 2."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def reasons_for(
    *,
    status: str,
    due_date: dt.date | None,
    start_date: dt.date | None,
    last_update: dt.date | None,
    today: dt.date,
    withdrawn: bool = False,
    off_track_measures: Sequence[str] = (),
) -> list[Reason]:
    """Every rule that speaks against the rating, whether or not it is more serious."""
    status = BRAG(status)
    if withdrawn or not rules.is_open(status):
        return []
    found = []
    if rules.is_overdue(status=status, due_date=due_date, today=today) and due_date:
        late = rules.days_overdue(due_date=due_date, today=today) or 0
        found.append(
            Reason(
                "overdue",
                BRAG.RED,
                f"Due {_day(due_date)}, {_days(late)} ago, and not complete.",
            )
        )
    if rules.expects_update(status=status, start_date=start_date, today=today):
        since = last_update or start_date
        if since is not None and months_between(since, today) >= STALE_MONTHS:
            months = months_between(since, today)
            if last_update is None:
                text = f"No update since it started on {_day(since)}, {months} months ago."
            else:
                text = f"No update for {months} months."
            found.append(Reason("no_update", BRAG.AMBER, text))
    if status == BRAG.WHITE and start_date is not None and start_date < today:
        found.append(
            Reason(
                "not_started",
                BRAG.AMBER,
                f"Should have started on {_day(start_date)} and not started.",
            )
        )
    measures = [name for name in off_track_measures if name]
    if status == BRAG.GREEN and measures:
        word = "measure is" if len(measures) == 1 else "measures are"
        found.append(
            Reason(
                "measure_off_track",
                BRAG.AMBER,
                f"Green but its {word} off track: {', '.join(measures)}.",
            )
        )
    return found


def suggest(
    *,
    status: str,
    due_date: dt.date | None,
    start_date: dt.date | None,
    last_update: dt.date | None,
    today: dt.date,
    withdrawn: bool = False,
    off_track_measures: Sequence[str] = (),
) -> Suggestion | None:
    """The status the evidence suggests, with its reasons; None when it agrees with the rating.

    Only reasons for a status more serious than the current one count; the suggestion is the
    most serious of them, with every such reason, most serious first.
    """
    current = SEVERITY[BRAG(status)]
    reasons = [
        reason
        for reason in reasons_for(
            status=status,
            due_date=due_date,
            start_date=start_date,
            last_update=last_update,
            today=today,
            withdrawn=withdrawn,
            off_track_measures=off_track_measures,
        )
        if SEVERITY[reason.status] > current
    ]
    if not reasons:
        return None
    reasons.sort(key=lambda reason: -SEVERITY[reason.status])
    return Suggestion(status=reasons[0].status, reasons=tuple(reasons))


def suggest_for_action(
    action,
    *,
    last_update: dt.date | None,
    today: dt.date,
    off_track_measures: Iterable[str] = (),
) -> Suggestion | None:
    """`suggest` for a saved action (or an action as at a date) and its latest update."""
    return suggest(
        status=action.status,
        due_date=action.due_date,
        start_date=action.start_date,
        last_update=last_update,
        today=today,
        withdrawn=not rules.is_in_force(
            withdrawn_date=getattr(action, "withdrawn_date", None), as_at=today
        ),
        off_track_measures=tuple(off_track_measures),
    )


# Asked with (action, today); each returns the names of the action's measures off track then.
OffTrackSource = Callable[..., list[str]]
_off_track_sources: list[OffTrackSource] = []


def register_off_track_source(source: OffTrackSource) -> None:
    if source not in _off_track_sources:
        _off_track_sources.append(source)


def off_track_measures_of(action, today: dt.date) -> list[str]:
    """The names of the measures of `action` off track at `today`, from every registered source."""
    return [name for source in _off_track_sources for name in source(action, today)]
