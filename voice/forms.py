"""Forms of the families' voice screens. They check what was typed and never write; each asks
why the change is made, for the history."""

import datetime as dt
from typing import cast

from django import forms

from actions.forms import ReasonForm, date_field
from inspections.models import AreaOfWeakness
from voice.models import ForumRating, quarter_label, quarter_start

# The forum may record its view for this quarter and the seven before it.
QUARTERS_OFFERED = 8


def recent_quarters(today: dt.date, count: int = QUARTERS_OFFERED) -> list[dt.date]:
    """The first days of the quarter holding `today` and the `count - 1` before it, newest first."""
    starts = [quarter_start(today)]
    while len(starts) < count:
        previous = starts[-1] - dt.timedelta(days=1)
        starts.append(quarter_start(previous))
    return starts


class _Reasoned(ReasonForm):
    def _choices(self, name: str) -> forms.ChoiceField:
        """The choice field `name`, to give its choices."""
        return cast(forms.ChoiceField, self.fields[name])


def _finding_choices(findings: list[AreaOfWeakness]) -> list[tuple[str, str]]:
    return [(str(f.number), f"{f.number}. {f.label}") for f in findings]


class ForumViewForm(_Reasoned):
    finding = forms.ChoiceField(
        label="Finding",
        error_messages={
            "required": "Choose the finding",
            "invalid_choice": "Choose one of the findings",
        },
    )
    quarter = forms.ChoiceField(
        label="Quarter",
        help_text="Recording a view for a quarter that already has one changes it; the history keeps the earlier words.",
        error_messages={
            "required": "Choose the quarter",
            "invalid_choice": "Choose one of the quarters listed",
        },
    )
    rating = forms.ChoiceField(
        label="How do families see progress?",
        widget=forms.RadioSelect,
        choices=[(r.value, f"{r.label}: {r.meaning}") for r in ForumRating],
        error_messages={"required": "Choose how families see progress"},
    )
    words = forms.CharField(
        label="In families' words",
        help_text="What parents and carers told the forum. Shown as you write it.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Say how families see progress"},
    )
    published = forms.BooleanField(
        label="Publish this view on the public progress page",
        required=False,
    )

    def __init__(self, *args, findings: list[AreaOfWeakness], today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings = {str(f.number): f for f in findings}
        self._choices("finding").choices = [("", "Choose a finding"), *_finding_choices(findings)]
        self._choices("quarter").choices = [
            (start.isoformat(), quarter_label(start)) for start in recent_quarters(today)
        ]

    def values(self) -> dict:
        return {
            "weakness": self.findings[self.cleaned_data["finding"]],
            "quarter": dt.date.fromisoformat(self.cleaned_data["quarter"]),
            "rating": self.cleaned_data["rating"],
            "words": self.cleaned_data["words"],
            "published": self.cleaned_data["published"],
        }


class YouSaidWeDidForm(_Reasoned):
    service_field_names = {"weakness": "finding"}

    you_said = forms.CharField(
        label="You said",
        help_text="What families told us, in plain words.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what families said"},
    )
    we_did = forms.CharField(
        label="We did",
        help_text="What changed because of it.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what was done"},
    )
    evidence = forms.CharField(
        label="Evidence (optional)",
        help_text="How a parent can see the change, for example a published document or figure.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    date = date_field("Date of the change", required=True)
    finding = forms.ChoiceField(label="Finding it is about (optional)", required=False)
    published = forms.BooleanField(
        label="Publish this entry on the public progress page", required=False
    )

    def __init__(self, *args, findings: list[AreaOfWeakness], **kwargs):
        super().__init__(*args, **kwargs)
        self.findings = {str(f.number): f for f in findings}
        self._choices("finding").choices = [("", "None in particular"), *_finding_choices(findings)]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "weakness": self.findings.get(data["finding"] or ""),
            "date": data["date"],
            "you_said": data["you_said"],
            "we_did": data["we_did"],
            "evidence": data["evidence"],
            "published": data["published"],
        }


class WithdrawForm(_Reasoned):
    def values(self) -> dict:
        return {}


class EasyReadForm(_Reasoned):
    text = forms.CharField(
        label="Easy-read summary",
        help_text="Short sentences and everyday words: what the inspectors found, what is being done, and what has changed so far.",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    published = forms.BooleanField(
        label="Publish this summary on the public progress page", required=False
    )

    def values(self) -> dict:
        return {"text": self.cleaned_data["text"], "published": self.cleaned_data["published"]}
