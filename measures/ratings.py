"""The rating rule of a measure, in one place: on track, off track or no data.

The latest value (as at a date) is compared with the milestone in force for the value's date:
the first milestone (the final target counts as the last milestone) dated on or after it, or,
once every milestone has passed, the final one. A value that meets it in the measure's better
direction (at or above it when higher is better, at or below it when lower is better) is on
track; one that misses it is off track. With no value, or nothing to compare it with, there is
no data. The reason says which figures were compared, for example "14.2% against a milestone
of 12% by March 2025".
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from measures.models import Direction


class Rating(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    OFF_TRACK = "off_track", "Off track"
    NO_DATA = "no_data", "No data"


@dataclass(frozen=True)
class Point:
    """A dated value: a milestone, the target, the baseline or an actual."""

    day: dt.date
    value: Decimal


@dataclass(frozen=True)
class Goal:
    """What a value is compared with: a milestone or the final target."""

    day: dt.date
    value: Decimal
    is_target: bool = False


@dataclass(frozen=True)
class Result:
    rating: Rating
    reason: str
    goal: Goal | None = None

    @property
    def label(self) -> str:
        return self.rating.label


def number(value: Decimal | int | float | None) -> str:
    """A value as people write it: 14.2, 12, 1,250 (no trailing zeros)."""
    if value is None:
        return ""
    text = f"{Decimal(value):,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def with_unit(value: Decimal | None, unit: str) -> str:
    """14.2% or 21 days: a percentage sign sticks to the figure, other units follow it."""
    text = number(value)
    if not unit or not text:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def goals(milestones: Iterable[Point], target: Point | None) -> list[Goal]:
    """The milestones and the final target, by date (a milestone on the target's date gives
    way to the target)."""
    by_day = {point.day: Goal(point.day, point.value) for point in milestones}
    if target is not None:
        by_day[target.day] = Goal(target.day, target.value, is_target=True)
    return [by_day[day] for day in sorted(by_day)]


def goal_for(day: dt.date, all_goals: list[Goal]) -> Goal | None:
    """The goal in force on `day`: the first dated on or after it, else the last one."""
    for goal in all_goals:
        if goal.day >= day:
            return goal
    return all_goals[-1] if all_goals else None


def meets(value: Decimal, goal: Decimal, direction: str) -> bool:
    if direction == Direction.LOWER:
        return value <= goal
    return value >= goal


def rate(
    *,
    latest: Point | None,
    milestones: Iterable[Point],
    target: Point | None,
    direction: str,
    unit: str = "",
    as_at: dt.date | None = None,
) -> Result:
    """The rating of a measure whose latest value (as at `as_at`) is `latest`."""
    if latest is None:
        when = f" as at {as_at:%-d %B %Y}" if as_at else ""
        return Result(Rating.NO_DATA, f"No value has been recorded yet{when}.")
    all_goals = goals(milestones, target)
    goal = goal_for(latest.day, all_goals)
    actual = with_unit(latest.value, unit)
    if goal is None:
        return Result(
            Rating.NO_DATA,
            f"{actual} at {latest.day:%B %Y}, with no milestone or target to compare it with.",
        )
    kind = "the target" if goal.is_target else "a milestone"
    reason = f"{actual} against {kind} of {with_unit(goal.value, unit)} by {goal.day:%B %Y}"
    if meets(latest.value, goal.value, direction):
        return Result(Rating.ON_TRACK, reason, goal)
    return Result(Rating.OFF_TRACK, reason, goal)
