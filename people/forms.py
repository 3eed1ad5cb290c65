"""Forms of the people screens: inviting, roles, removal, accepting an invitation, a new area.

They check what was typed; the rules live in actions/services/people.py."""

from django import forms

from actions.forms import ServiceErrorsMixin
from actions.models import Membership, Workstream

ROLE_CHOICES = [
    (Membership.Role.OFFICER, "Officer: updates the actions they lead"),
    (
        Membership.Role.WORKSTREAM_LEAD,
        "Workstream lead: updates every action of the workstreams they lead and confirms "
        "completion",
    ),
    (Membership.Role.BOARD_MEMBER, "Steering Board member: reads dashboards and reports"),
    (
        Membership.Role.PROGRAMME_MANAGER,
        "Programme manager: manages the plan and its people",
    ),
    (
        Membership.Role.PARENT_CARER_FORUM,
        "Parent carer forum: reads dashboards and reports, and records the forum's own view "
        "of progress",
    ),
]


class _RoleFields(ServiceErrorsMixin, forms.Form):
    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        choices=ROLE_CHOICES,
        error_messages={"required": "Choose a role"},
    )
    workstreams = forms.ModelMultipleChoiceField(
        label="Workstreams they lead",
        help_text="Only for a workstream lead.",
        queryset=Workstream.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, workstreams=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["workstreams"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = workstreams if workstreams is not None else Workstream.objects.none()


class InviteForm(_RoleFields):
    field_order = ["email", "role", "workstreams"]

    email = forms.EmailField(
        label="E-mail address",
        help_text="We will send an invitation link to this address.",
        error_messages={
            "required": "Enter the person's e-mail address",
            "invalid": "Enter an e-mail address in the right format, like name@example.org",
        },
    )


class RoleForm(_RoleFields):
    reason = forms.CharField(
        label="Why does the role change?",
        help_text="Recorded in the audit history of the area's people.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the role changes"},
    )


class RemoveForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why does this person leave the area?",
        help_text="Recorded in the audit history of the area's people.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why this person leaves the area"},
    )


class AcceptInvitationForm(ServiceErrorsMixin, forms.Form):
    service_field_names = {"password": "password1"}

    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter your first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter your last name"}
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text="At least 8 characters, not only numbers, not a common password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Confirm password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again"},
    )

    def __init__(self, *args, new_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not new_person:
            del self.fields["first_name"]
            del self.fields["last_name"]

    def clean(self):
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords do not match")
        return cleaned


class AreaCreateForm(ServiceErrorsMixin, forms.Form):
    service_field_names = {"email": "manager_email"}

    name = forms.CharField(
        label="Name of the local area",
        max_length=200,
        help_text="For example, London Borough of Sutton.",
        error_messages={"required": "Enter the name of the local area"},
    )
    slug = forms.SlugField(
        label="Short name for web addresses",
        max_length=50,
        help_text="Lower-case letters, numbers and hyphens, for example sutton.",
        error_messages={
            "required": "Enter a short name for web addresses",
            "invalid": "Use only lower-case letters, numbers and hyphens",
        },
    )
    council_name = forms.CharField(
        label="Council",
        max_length=200,
        error_messages={"required": "Enter the name of the council"},
    )
    health_partner_name = forms.CharField(
        label="Health partner",
        max_length=200,
        help_text="The Integrated Care Board (or Clinical Commissioning Group).",
        error_messages={"required": "Enter the name of the health partner"},
    )
    manager_email = forms.EmailField(
        label="E-mail address of the programme manager",
        help_text="They get an invitation to set their password and run the plan.",
        error_messages={
            "required": "Enter the programme manager's e-mail address",
            "invalid": "Enter an e-mail address in the right format, like name@example.org",
        },
    )
