"""The dashboards' date picker: a GET form, so every view of the figures has its own address."""

import datetime as dt
from collections.abc import Sequence

from django import forms

from board.dates import recent_month_ends

DATE_FORMAT = "%Y-%m-%d"
# No plan is older; the calendar arithmetic of the dashboards needs years well inside 1-9999.
EARLIEST = dt.date(2000, 1, 1)
TOO_EARLY = f"Select a date from {EARLIEST:%-d %B %Y} onwards"
# The dates are picked from lists (selects), so the messages ask for a choice, not typing.
BAD_AS_AT = "Select the date of the figures from the list"
BAD_SINCE = "Select the date to compare with from the list"


class AsAtForm(forms.Form):
    """`as_at` (default today) and `since` (default the month-end before `as_at`)."""

    as_at = forms.DateField(
        label="Figures as at",
        required=False,
        input_formats=[DATE_FORMAT],
        error_messages={"invalid": BAD_AS_AT},
        widget=forms.Select,
    )
    since = forms.DateField(
        label="Compare with",
        required=False,
        input_formats=[DATE_FORMAT],
        error_messages={"invalid": BAD_SINCE},
        widget=forms.Select,
    )

    def __init__(self, data, *, today: dt.date):
        super().__init__(data)
        self.today = today
        self.offer(())

    def offer(self, meeting_dates: Sequence[dt.date]) -> None:
        """Fill the pickers: the last 24 month-ends, Board meeting dates and today."""
        meetings = set(meeting_dates)
        days = {self.today, *recent_month_ends(self.today)}
        days.update(day for day in meetings if day <= self.today)
        # Whatever was asked for stays selected, even when it is not one of the offers.
        for name in ("as_at", "since"):
            asked = self._parsed(self.data.get(name))
            if asked is not None and EARLIEST <= asked <= self.today:
                days.add(asked)
        choices = [
            (day.strftime(DATE_FORMAT), _describe(day, self.today, meetings))
            for day in sorted(days, reverse=True)
        ]
        self.fields["as_at"].widget.choices = choices
        self.fields["since"].widget.choices = [("", "The previous month-end"), *choices]

    @staticmethod
    def _parsed(value) -> dt.date | None:
        try:
            return dt.datetime.strptime(value or "", DATE_FORMAT).date()  # noqa: DTZ007
        except ValueError:
            return None

    def clean_as_at(self) -> dt.date:
        as_at = self.cleaned_data.get("as_at") or self.today
        if as_at > self.today:
            raise forms.ValidationError("The date must be today or in the past")
        if as_at < EARLIEST:
            raise forms.ValidationError(TOO_EARLY)
        return as_at

    def clean_since(self) -> dt.date | None:
        since = self.cleaned_data.get("since")
        if since is not None and since < EARLIEST:
            raise forms.ValidationError(TOO_EARLY)
        return since

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        as_at, since = cleaned.get("as_at"), cleaned.get("since")
        if as_at and since and since >= as_at:
            self.add_error("since", "The date to compare with must be before the as-at date")
        return cleaned

    def dates(self) -> tuple[dt.date, dt.date | None]:
        """The as-at and comparison dates, falling back to the defaults for any that is bad."""
        cleaned = getattr(self, "cleaned_data", {})
        as_at = cleaned.get("as_at") if "as_at" not in self.errors else None
        since = cleaned.get("since") if "since" not in self.errors else None
        return as_at or self.today, since


def _describe(day: dt.date, today: dt.date, meetings: set[dt.date]) -> str:
    text = f"{day:%-d %B %Y}"
    notes = []
    if day == today:
        notes.append("today")
    if day in meetings:
        notes.append("Board meeting")
    return f"{text} ({', '.join(notes)})" if notes else text
