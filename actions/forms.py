"""Forms of the action screens. They check what was typed; the rules live in the model and
services, whose messages the views put beside the fields."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions import rules
from actions.models import BRAG, Action
from ui.widgets import DateInput
from wsoa.lib.people import person_name


def status_choices(*, can_set_blue: bool) -> list[tuple[str, str]]:
    choices = []
    for brag in BRAG:
        label = f"{brag.label}: {brag.meaning.lower()}"
        if brag == BRAG.BLUE and not can_set_blue:
            label = f"{label} (your workstream lead will be asked to confirm)"
        choices.append((brag.value, label))
    return choices


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of one person, each named as everywhere else (`person_name`)."""

    def label_from_instance(self, obj) -> str:
        return person_name(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several people, each named as everywhere else (`person_name`)."""

    def label_from_instance(self, obj) -> str:
        return person_name(obj)


class ServiceErrorsMixin(forms.BaseForm):
    """Puts the messages of a refused service call beside the fields they are about."""

    # A service's name for a value -> the form field that holds it.
    service_field_names: dict[str, str] = {}

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.add_error(None, message)
            return
        for name, messages in error.message_dict.items():
            name = self.service_field_names.get(name, name)
            target = name if name in self.fields else None
            for message in messages:
                self.add_error(target, message)


class ActionUpdateForm(ServiceErrorsMixin, forms.Form):
    """The monthly update: status, progress, and what the chosen status needs."""

    service_field_names = {"proposed_completed_date": "completed_date", "reason": "narrative"}

    status = forms.ChoiceField(
        label="Status",
        help_text="Amber and Red need the issue and remedial action; Blue needs the date completed and evidence.",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status of the action"},
    )
    narrative = forms.CharField(
        label="Progress since the last update",
        help_text="What has been done, and what happens next. This is recorded with your name.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Describe the progress made since the last update"},
    )
    remedial_action = forms.CharField(
        label="Issue and remedial action",
        help_text="For Amber or Red: what the issue is and what is being done about it.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    completed_date = forms.DateField(
        label="Date completed",
        help_text="For Blue. For example, 27 3 2019",
        required=False,
        widget=DateInput,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Date completed must be a real date, for example 27 3 2019"},
    )
    evidence = forms.CharField(
        label="Evidence of completion",
        help_text="For Blue: what was done and where the evidence can be found.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action: Action, can_set_blue: bool, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "status": action.status,
                "remedial_action": action.remedial_action,
                # Only a Blue action's date: a proposed date offered beside another status
                # would be refused as a completed date on a status that has none.
                "completed_date": action.completed_date,
                "evidence": action.evidence,
                "version": action.version,
            },
        )
        super().__init__(*args, **kwargs)
        # Fields are looked up by name, which the stubs cannot type: "status" is a ChoiceField.
        status = cast(forms.ChoiceField, self.fields["status"])
        status.choices = status_choices(can_set_blue=can_set_blue)

    def clean_completed_date(self):
        completed = self.cleaned_data.get("completed_date")
        if completed is not None and completed.year < 2000:
            raise ValidationError("Date completed must be in 2000 or later, for example 27 3 2019")
        return completed

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        status = cleaned.get("status")
        if status:
            problems = rules.status_field_errors(
                status=status,
                completed_date=cleaned.get("completed_date"),
                evidence=cleaned.get("evidence"),
                remedial_action=cleaned.get("remedial_action"),
                today=timezone.localdate(),
            )
            for name, message in problems.items():
                # A date that could not be read already says so.
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned


class SignOffForm(ServiceErrorsMixin, forms.Form):
    """A lead's decision on an officer's completion proposal."""

    service_field_names = {"reason": "note"}

    CONFIRM = "confirm"
    RETURN = "return"

    decision = forms.ChoiceField(
        label="Is this action complete?",
        widget=forms.RadioSelect,
        choices=[
            (CONFIRM, "Yes, confirm it is complete (Blue)"),
            (RETURN, "No, return it to the officer"),
        ],
        error_messages={"required": "Select whether the action is complete"},
    )
    note = forms.CharField(
        label="Comment",
        help_text="Needed when you return it: say what is missing. Recorded in the history.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


REASON_LABEL = "Why are you making this change?"


class ReasonForm(ServiceErrorsMixin, forms.Form):
    """A change and why: its fields, then the reason the history records, last."""

    reason = forms.CharField(
        label=REASON_LABEL,
        help_text="This is recorded in the history with your name.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you are making this change"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The reason comes last, after the fields it explains.
        self.order_fields([name for name in self.fields if name != "reason"] + ["reason"])

    def values(self) -> dict:
        """What the service takes, without the reason or the version."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("reason", "version")
        }


def date_field(
    label: str, *, required: bool = False, hint: str = "", example: str = "27 3 2026"
) -> forms.DateField:
    """A GOV.UK date input (day, month, year) for `label`, with its messages."""
    return forms.DateField(
        label=label,
        help_text=hint or f"For example, {example}",
        required=required,
        widget=DateInput,
        input_formats=["%Y-%m-%d"],
        error_messages={
            "invalid": f"{label} must be a real date, for example {example}",
            "required": f"Enter the {label.lower()}",
        },
    )
