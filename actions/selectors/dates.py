"""Calendar helpers shared by the dashboards: month-ends and the dates a Board picks from."""

import datetime as dt
import re
from collections.abc import Iterable


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    first_of_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_of_next - dt.timedelta(days=1)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def previous_month_end(day: dt.date) -> dt.date:
    """The last day of the month before `day`'s month: the Board's usual comparison point."""
    return month_start(day) - dt.timedelta(days=1)


def next_month_end(day: dt.date) -> dt.date:
    """The month-end after `day`: `day`'s own month-end, unless `day` already is one."""
    end = month_end(day)
    return end if end != day else month_end(day + dt.timedelta(days=1))


def month_ends_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month-end from `first`'s month up to and including `last`'s month, oldest first.

    The last element is `last` itself when `last` is not a month-end, so a series "as at"
    the 20th ends on the 20th rather than on a day still to come.
    """
    points: list[dt.date] = []
    current = month_end(first)
    while current < last:
        points.append(current)
        current = month_end(current + dt.timedelta(days=1))
    points.append(last)
    return points


def recent_month_ends(today: dt.date, count: int = 24) -> list[dt.date]:
    """The last `count` month-ends up to `today`, newest first (today's month not yet ended)."""
    ends: list[dt.date] = []
    current = previous_month_end(today) if month_end(today) != today else today
    while len(ends) < count:
        ends.append(current)
        current = previous_month_end(current)
    return ends


def reference_key(reference: str) -> tuple:
    """Sort key putting action references in reading order: 1.2 before 1.10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in re.split(r"(\d+)", reference)
        if part
    )


def unique_sorted(days: Iterable[dt.date], *, newest_first: bool = True) -> list[dt.date]:
    return sorted(set(days), reverse=newest_first)
