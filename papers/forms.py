"""The forms of the Board papers screens."""

import datetime as dt

from django import forms

from actions.forms import PersonChoiceField, ServiceErrorsMixin
from board.dates import recent_month_ends

DATE_FORMAT = "%Y-%m-%d"


class LockForm(ServiceErrorsMixin, forms.Form):
    """Lock the paper as at a month-end (or today), naming who approves it."""

    as_at = forms.DateField(
        label="Figures as at",
        help_text="The paper holds every figure as it stood at the end of this day.",
        input_formats=[DATE_FORMAT],
        widget=forms.Select,
        error_messages={
            "required": "Select the date of the paper's figures",
            "invalid": "Select the date of the paper's figures from the list",
        },
    )
    approver = PersonChoiceField(
        label="Who approves it",
        help_text="The Board chair, or the Board member standing in for them.",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose who approves the paper",
            "invalid_choice": "Choose who approves the paper from the list",
        },
    )
    reason = forms.CharField(
        label="Note (optional)",
        help_text="For example, the meeting it goes to.",
        required=False,
        max_length=500,
        widget=forms.TextInput,
    )

    def __init__(self, *args, today: dt.date, approvers, **kwargs):
        super().__init__(*args, **kwargs)
        days = [today, *(day for day in recent_month_ends(today, count=12) if day != today)]
        self.fields["as_at"].widget.choices = [
            (
                day.strftime(DATE_FORMAT),
                f"{day.day} {day:%B %Y}" + (" (today)" if day == today else ""),
            )
            for day in days
        ]
        # The month just ended, as a rule.
        self.fields["as_at"].initial = recent_month_ends(today, count=1)[0].strftime(DATE_FORMAT)
        approver = self.fields["approver"]
        assert isinstance(approver, forms.ModelChoiceField)
        approver.queryset = approvers


class ApproveForm(ServiceErrorsMixin, forms.Form):
    note = forms.CharField(
        label="What the Board agreed",
        help_text="Recorded with your name and the date; it is not shown to the public.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the Board agreed, for the record"},
    )


class MinutesForm(ServiceErrorsMixin, forms.Form):
    minutes = forms.CharField(
        label="Minutes of the meeting",
        help_text="Recorded with your name and the date; earlier minutes stay on record.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the minutes"},
    )


class PublishForm(ServiceErrorsMixin, forms.Form):
    introduction = forms.CharField(
        label="Introduction for parents",
        help_text="Shown above the report on the public progress page, so write it in plain words.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write a short introduction for parents"},
    )
