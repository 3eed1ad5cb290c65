"""Forms of the measure screens. They check what was typed and never write; each asks why
the change is made, for the history."""

from typing import cast

from django import forms
from django.contrib.auth import get_user_model

from actions import forms as actions_forms
from actions.forms import PeopleChoiceField, ReasonForm
from actions.models import Membership, Plan
from inspections.models import AreaOfWeakness
from measures.models import Direction


def date_field(label: str, *, required: bool = False, hint: str = "") -> forms.DateField:
    return actions_forms.date_field(label, required=required, hint=hint, example="31 3 2026")


def value_field(label: str, *, required: bool = False, hint: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=hint,
        max_digits=12,
        decimal_places=3,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={
            "invalid": f"{label} must be a number, for example 14.2",
            "required": f"Enter the {label.lower()}",
            "max_decimal_places": f"{label} can have up to 3 decimal places",
            "max_digits": f"{label} is too long: up to 12 digits",
            "max_whole_digits": f"{label} is too large",
        },
    )


class FindingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class MeasureForm(ReasonForm):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="For example, Annual reviews completed within 12 months.",
        error_messages={"required": "Enter the measure's name"},
    )
    findings = FindingChoiceField(
        label="Findings this measure shows",
        queryset=AreaOfWeakness.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the findings this measure shows"},
    )
    definition = forms.CharField(
        label="Definition (optional)",
        required=False,
        help_text="What is counted, and how.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.CharField(
        label="Source (optional)",
        required=False,
        max_length=200,
        help_text="For example, SEN2 return or the case management system.",
    )
    unit = forms.CharField(
        label="Unit (optional)",
        required=False,
        max_length=30,
        help_text="For example %, days or children.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    direction = forms.ChoiceField(
        label="Which way is better?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether higher or lower is better"},
    )
    baseline_value = value_field("Baseline value (optional)")
    baseline_date = date_field("Baseline date (optional)")
    target_value = value_field("Target value (optional)", hint="Often the England average.")
    target_date = date_field("Target date (optional)")
    benchmark_value = value_field("Benchmark value (optional)")
    benchmark_label = forms.CharField(
        label="Benchmark (optional)",
        required=False,
        max_length=100,
        help_text="For example, England average or statistical neighbours.",
    )
    benchmark_date = date_field("Benchmark date (optional)")
    owners = PeopleChoiceField(
        label="Owners (optional)",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The people who enter its values.",
    )
    notes = forms.CharField(
        label="Internal notes (optional)",
        required=False,
        help_text="Never published.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_illustrative = forms.BooleanField(
        label="The values are illustrative, not real figures", required=False
    )
    is_published = forms.BooleanField(
        label="Publish this measure on the public progress pages", required=False
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelMultipleChoiceField, self.fields["findings"]
        ).queryset = AreaOfWeakness.objects.filter(inspection_id=plan.inspection_id).order_by(
            "number"
        )
        members = Membership.objects.current().filter(local_area_id=plan.local_area_id)
        cast(forms.ModelMultipleChoiceField, self.fields["owners"]).queryset = (
            get_user_model()
            .objects.filter(pk__in=members.values("user_id"), is_active=True)
            .order_by("first_name", "last_name", "username")
        )


class MilestoneForm(ReasonForm):
    date = date_field("Date", required=True, hint="The date the value should be reached by.")
    value = value_field("Value", required=True)


class ValueForm(ReasonForm):
    period_end = date_field(
        "End of the period",
        required=True,
        hint="The last day of the month or quarter the value is for, for example 31 3 2026.",
    )
    value = value_field("Value", required=True)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        help_text="Internal: never published.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(ReasonForm):
    pass
