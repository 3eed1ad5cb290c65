"""Forms of the Manage the plan screens. They check what was typed and never write; each
asks why the change is made, for the history."""

from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from actions.forms import PersonChoiceField, ReasonForm, date_field
from actions.models import Action, Commitment, MonitoringVisit, Plan, Workstream
from inspections.models import (
    NEXT_INSPECTION_CHOICES,
    AreaOfWeakness,
    Inspection,
    LocalArea,
    Oversight,
)


def people_of(area: LocalArea) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(memberships__local_area=area, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


class ManageForm(ReasonForm):
    """A change to the plan: the fields, then the reason recorded in the history."""

    def choice_field(self, name: str) -> forms.ModelChoiceField:
        """The field `name`, a choice of rows, to give its queryset."""
        # Fields are looked up by name, which the stubs cannot type: the caller names a
        # ModelChoiceField declared on the form.
        return cast(forms.ModelChoiceField, self.fields[name])


# --- the inspection and its findings --------------------------------------------------------


class InspectionForm(ManageForm):
    framework = forms.ChoiceField(
        label="Framework",
        choices=Inspection.Framework.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the framework of the inspection"},
    )
    kind = forms.ChoiceField(
        label="Kind of inspection", choices=Inspection.Kind.choices, widget=forms.RadioSelect
    )
    start_date = date_field("Start date", required=True)
    end_date = date_field("End date", required=True)
    report_received_date = date_field(
        "Report received",
        hint="The day the local area received the report: the plan is due 70 working days later. For example, 27 3 2026",
    )
    letter_published_date = date_field("Letter published")
    letter_url = forms.URLField(
        label="Address of the published letter (optional)",
        help_text="The public progress page links to it, for example on the Ofsted website.",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter the letter's web address, like https://reports.ofsted.gov.uk/…"
        },
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Inspection.Outcome.choices,
        required=False,
        help_text="As the letter gives it.",
    )
    plan_required = forms.BooleanField(
        label="A written statement of action or priority action plan is required",
        required=False,
    )


def letter_field(label: str) -> forms.URLField:
    return forms.URLField(
        label=label,
        required=False,
        max_length=500,
        help_text="The address of the letter, for example on GOV.UK or the local offer.",
        assume_scheme="https",
        # A text box: a url input holding what was typed badly would not be valid HTML.
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages={
            "invalid": f"{label} must be a web address, like https://www.gov.uk/...",
            "max_length": f"{label} must be 500 characters or fewer",
        },
    )


class OversightForm(ManageForm):
    """The area's external oversight, as the latest letters set it."""

    dfe_monitoring = forms.ChoiceField(
        label="DfE monitoring",
        choices=Oversight.Monitoring.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    dfe_since = date_field("DfE monitoring in this state since")
    dfe_letter_url = letter_field("DfE letter")
    nhse_monitoring = forms.ChoiceField(
        label="NHS England monitoring",
        choices=Oversight.Monitoring.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    nhse_since = date_field("NHS England monitoring in this state since")
    nhse_letter_url = letter_field("NHS England letter")
    improvement_notice = forms.ChoiceField(
        label="Improvement notice",
        choices=Oversight.Notice.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    notice_issued_date = date_field("Improvement notice issued on")
    notice_lifted_date = date_field("Improvement notice lifted on")
    notice_letter_url = letter_field("Improvement notice letter")
    next_inspection_kind = forms.ChoiceField(
        label="Next inspection expected",
        choices=NEXT_INSPECTION_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    next_inspection_date = date_field(
        "Expected by", hint="The month Ofsted and the CQC are expected by. For example, 1 6 2027"
    )


class FindingForm(ManageForm):
    number = forms.IntegerField(
        label="Number",
        min_value=1,
        help_text="The finding's number in the letter.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"required": "Enter the finding's number"},
    )
    kind = forms.ChoiceField(
        label="What the report calls it",
        choices=AreaOfWeakness.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the report calls this finding"},
    )
    finding = forms.CharField(
        label="The finding, in the letter's words",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the finding as the letter gives it"},
    )
    short_title = forms.CharField(
        label="Short title (optional)",
        required=False,
        max_length=120,
        help_text="A few words for dashboards, for example 'Joint working'.",
    )


class JudgementForm(ManageForm):
    judgement = forms.ChoiceField(
        label="Judgement at the revisit",
        choices=AreaOfWeakness.Judgement.choices,
        widget=forms.RadioSelect,
    )
    revisit = forms.ModelChoiceField(
        label="Revisit",
        queryset=Inspection.objects.none(),
        required=False,
        empty_label="Choose the revisit",
    )
    narrative = forms.CharField(
        label="What the revisit letter says",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, revisits: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice_field("revisit").queryset = revisits


# --- the plan --------------------------------------------------------------------------------


class PlanForm(ManageForm):
    title = forms.CharField(label="Title", max_length=200)
    kind = forms.ChoiceField(
        label="Kind of plan", choices=Plan.Kind.choices, widget=forms.RadioSelect
    )
    status = forms.ChoiceField(
        label="Status", choices=Plan.Status.choices, widget=forms.RadioSelect
    )
    submitted_date = date_field("Submitted")
    returned_date = date_field("Returned for changes")
    fit_for_purpose_date = date_field("Declared fit for purpose")
    closed_date = date_field("Closed")
    vision = forms.CharField(
        label="Vision (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class NumberedTextForm(ManageForm):
    number = forms.IntegerField(
        label="Number",
        min_value=1,
        help_text="Its place in the list.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"required": "Enter its number"},
    )
    text = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the text"},
    )


class KeyObjectiveForm(NumberedTextForm):
    title = forms.CharField(label="Title (optional)", required=False, max_length=200)

    field_order = ["number", "title", "text"]


class CommitmentForm(NumberedTextForm):
    text = forms.CharField(
        label="Commitment",
        help_text="What the local area will do, for example 'We will improve ...'.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the commitment"},
    )


class WorkstreamForm(ManageForm):
    number = forms.IntegerField(
        label="Number",
        min_value=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"required": "Enter the workstream's number"},
    )
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the workstream's name"}
    )
    lead = PersonChoiceField(
        label="Lead", queryset=None, required=False, empty_label="No lead named yet"
    )

    def __init__(self, *args, area: LocalArea, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice_field("lead").queryset = people_of(area)


class WorkstreamMemberForm(ManageForm):
    role = forms.CharField(
        label="Role",
        max_length=200,
        help_text="For example, Head of SEN or Designated Clinical Officer.",
        error_messages={"required": "Enter the member's role"},
    )
    organisation = forms.CharField(
        label="Organisation (optional)",
        max_length=200,
        required=False,
        help_text="For example, the council, the ICB or the parent carer forum.",
    )
    user = PersonChoiceField(
        label="Person (optional)",
        queryset=None,
        required=False,
        empty_label="Not a user of this service",
    )

    def __init__(self, *args, area: LocalArea, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice_field("user").queryset = people_of(area)


# --- actions ---------------------------------------------------------------------------------


class FindingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number}. {obj.label}"


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.reference} {obj.text[:80]}"


class WorkstreamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class ActionDetailsForm(ManageForm):
    title = forms.CharField(
        label="Title", max_length=300, error_messages={"required": "Enter the action's title"}
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    weakness = FindingChoiceField(
        label="Finding",
        queryset=None,
        empty_label="Choose the finding",
        error_messages={"required": "Choose the finding this action responds to"},
    )
    commitment = CommitmentChoiceField(
        label="Commitment (optional)",
        queryset=None,
        required=False,
        empty_label="No commitment",
        help_text="It must be one of the chosen finding's commitments.",
    )
    workstream = WorkstreamChoiceField(
        label="Workstream (optional)", queryset=None, required=False, empty_label="No workstream"
    )
    lead = PersonChoiceField(
        label="Lead (optional)", queryset=None, required=False, empty_label="No lead named"
    )
    lead_role = forms.CharField(label="Lead's role (optional)", max_length=200, required=False)
    lead_organisation = forms.CharField(
        label="Lead's organisation (optional)", max_length=200, required=False
    )
    start_date = date_field("Start date")
    due_date = date_field("Due date")
    success_measure = forms.CharField(
        label="How we will know (success measure, optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice_field("weakness").queryset = plan.weaknesses()
        self.choice_field("commitment").queryset = Commitment.objects.filter(
            weakness__inspection_id=plan.inspection_id
        ).select_related("weakness")
        self.choice_field("workstream").queryset = Workstream.objects.filter(plan=plan)
        self.choice_field("lead").queryset = people_of(plan.local_area)


class ActionCreateForm(ActionDetailsForm):
    reference = forms.CharField(
        label="Reference",
        max_length=20,
        help_text="Unique within the plan, for example 2.1.3.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"required": "Enter the action's reference"},
    )

    field_order = ["reference"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.plan = plan

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        if Action.objects.filter(plan=self.plan, reference=reference).exists():
            raise forms.ValidationError(f"The plan already has an action {reference}.")
        return reference


class ActionEditForm(ActionDetailsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RebaselineForm(ManageForm):
    due_date = date_field("New due date", required=True)
    version = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawForm(ManageForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = "Why is this action being withdrawn?"
        self.fields[
            "reason"
        ].help_text = "Recorded in the history with your name, and shown on the action."
        self.fields["reason"].error_messages["required"] = "Say why the action is being withdrawn"


# --- monitoring visits and Board meetings ----------------------------------------------------


class MonitoringVisitForm(ManageForm):
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=200,
        help_text="For example, 3rd monitoring visit.",
    )
    date = date_field("Date of the visit", required=True)
    by_dfe = forms.BooleanField(label="The DfE made the visit", required=False)
    by_nhse = forms.BooleanField(label="NHS England made the visit", required=False)
    grade = forms.ChoiceField(label="Grade", choices=MonitoringVisit.Grade.choices, required=False)
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class BoardMeetingForm(ManageForm):
    date = date_field("Date of the meeting", required=True)
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
