"""Calendar helpers the audit-history reads use, and the reading order of action references."""

import datetime as dt
import re


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    first_of_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_of_next - dt.timedelta(days=1)


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


def reference_key(reference: str) -> tuple:
    """Sort key putting action references in reading order: 1.2 before 1.10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in re.split(r"(\d+)", reference)
        if part
    )
