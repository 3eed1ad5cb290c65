"""Calendar helpers for the dashboards: month-ends and the dates a Board picks from."""

import datetime as dt
from collections.abc import Iterable

from actions.selectors.dates import month_end


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def previous_month_end(day: dt.date) -> dt.date:
    """The last day of the month before `day`'s month: the Board's usual comparison point."""
    return month_start(day) - dt.timedelta(days=1)


def next_month_end(day: dt.date) -> dt.date:
    """The month-end after `day`: `day`'s own month-end, unless `day` already is one."""
    end = month_end(day)
    return end if end != day else month_end(day + dt.timedelta(days=1))


def recent_month_ends(today: dt.date, count: int = 24) -> list[dt.date]:
    """The last `count` month-ends up to `today`, newest first (today's month not yet ended)."""
    ends: list[dt.date] = []
    current = previous_month_end(today) if month_end(today) != today else today
    while len(ends) < count:
        ends.append(current)
        current = previous_month_end(current)
    return ends


def unique_sorted(days: Iterable[dt.date], *, newest_first: bool = True) -> list[dt.date]:
    return sorted(set(days), reverse=newest_first)
