"""The rating rule: the latest value against the milestone in force for its date, in the
measure's better direction, with the reason spelled out."""

import datetime as dt
from decimal import Decimal as D

import pytest

from measures.models import Direction
from measures.ratings import Point, Rating, number, rate, with_unit

MARCH_2025 = dt.date(2025, 3, 31)
MARCH_2026 = dt.date(2026, 3, 31)
MILESTONES = [Point(MARCH_2025, D("12"))]
TARGET = Point(MARCH_2026, D("8"))


def rating(value, day, direction, milestones=MILESTONES, target=TARGET, unit="%"):
    latest = None if value is None else Point(day, D(value))
    return rate(
        latest=latest,
        milestones=milestones,
        target=target,
        direction=direction,
        unit=unit,
        as_at=dt.date(2025, 4, 30),
    )


def test_lower_is_better_above_the_milestone_is_off_track_and_says_why():
    result = rating("14.2", dt.date(2025, 1, 31), Direction.LOWER)
    assert result.rating == Rating.OFF_TRACK
    assert result.reason == "14.2% against a milestone of 12% by March 2025"


def test_lower_is_better_at_or_below_the_milestone_is_on_track():
    assert rating("12", dt.date(2025, 1, 31), Direction.LOWER).rating == Rating.ON_TRACK
    result = rating("11.5", dt.date(2025, 1, 31), Direction.LOWER)
    assert result.rating == Rating.ON_TRACK
    assert result.reason == "11.5% against a milestone of 12% by March 2025"


def test_higher_is_better_below_the_milestone_is_off_track():
    result = rating("10", dt.date(2024, 12, 31), Direction.HIGHER, unit="children")
    assert result.rating == Rating.OFF_TRACK
    assert result.reason == "10 children against a milestone of 12 children by March 2025"


def test_higher_is_better_at_or_above_the_milestone_is_on_track():
    assert rating("12", dt.date(2025, 3, 31), Direction.HIGHER).rating == Rating.ON_TRACK
    assert rating("60", dt.date(2025, 3, 31), Direction.HIGHER).rating == Rating.ON_TRACK


def test_a_value_on_the_milestone_date_is_judged_against_that_milestone():
    result = rating("12", MARCH_2025, Direction.LOWER)
    assert result.goal is not None and result.goal.day == MARCH_2025


def test_after_the_last_milestone_the_value_is_judged_against_the_target():
    result = rating("9", dt.date(2025, 6, 30), Direction.LOWER)
    assert result.rating == Rating.OFF_TRACK
    assert result.reason == "9% against the target of 8% by March 2026"


def test_after_the_target_date_the_target_still_applies():
    result = rating("7.5", dt.date(2026, 6, 30), Direction.LOWER)
    assert result.rating == Rating.ON_TRACK
    assert result.reason == "7.5% against the target of 8% by March 2026"


def test_between_milestones_the_next_one_applies():
    milestones = [Point(dt.date(2024, 9, 30), D("50")), Point(dt.date(2025, 3, 31), D("60"))]
    result = rating("55", dt.date(2024, 12, 31), Direction.HIGHER, milestones=milestones)
    assert result.rating == Rating.OFF_TRACK
    assert result.reason == "55% against a milestone of 60% by March 2025"


def test_with_no_milestones_the_target_applies():
    result = rating("70", dt.date(2024, 12, 31), Direction.HIGHER, milestones=[])
    assert result.rating == Rating.ON_TRACK
    assert result.reason == "70% against the target of 8% by March 2026"


def test_no_value_is_no_data_and_says_as_at_when():
    result = rating(None, None, Direction.HIGHER)
    assert result.rating == Rating.NO_DATA
    assert result.reason == "No value has been recorded yet as at 30 April 2025."


def test_nothing_to_compare_with_is_no_data():
    result = rating("5", dt.date(2024, 12, 31), Direction.LOWER, milestones=[], target=None)
    assert result.rating == Rating.NO_DATA
    assert result.reason == ("5% at December 2024, with no milestone or target to compare it with.")


@pytest.mark.parametrize(
    "value, unit, text",
    [
        ("14.200", "%", "14.2%"),
        ("12.000", "%", "12%"),
        ("21", "days", "21 days"),
        ("1250", "", "1,250"),
    ],
)
def test_values_are_written_as_people_write_them(value, unit, text):
    assert with_unit(D(value), unit) == text
    assert number(None) == ""
