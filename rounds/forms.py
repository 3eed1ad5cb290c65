"""The form of the round settings: it checks what was typed and never writes."""

from django import forms

from actions.forms import ReasonForm
from rounds.models import LAST_OPENING_DAY


class RoundSettingsForm(ReasonForm):
    opening_day = forms.IntegerField(
        label="Day of the month the round opens",
        help_text=f"A day from 1 to {LAST_OPENING_DAY}. Leads are reminded from this day.",
        min_value=1,
        max_value=LAST_OPENING_DAY,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter the day of the month the round opens",
            "invalid": "The day the round opens must be a whole number, like 5",
            "min_value": f"The day the round opens must be from 1 to {LAST_OPENING_DAY}",
            "max_value": f"The day the round opens must be from 1 to {LAST_OPENING_DAY}",
        },
    )
    escalation_working_days = forms.IntegerField(
        label="Working days before escalation",
        help_text=(
            "An action with no update this many working days after the round opens goes to "
            "its workstream lead; after twice as many, to the programme manager. Weekends "
            "and bank holidays do not count."
        ),
        min_value=1,
        max_value=15,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter the working days before escalation",
            "invalid": "The working days before escalation must be a whole number, like 5",
            "min_value": "The working days before escalation must be from 1 to 15",
            "max_value": "The working days before escalation must be from 1 to 15",
        },
    )
