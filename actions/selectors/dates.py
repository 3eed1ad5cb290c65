"""Calendar helpers the audit-history reads use."""

import datetime as dt


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
