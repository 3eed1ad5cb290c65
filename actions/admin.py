from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions import services
from actions.models import (
    Action,
    BoardMeeting,
    Commitment,
    Invitation,
    KeyObjective,
    Membership,
    MonitoringVisit,
    Plan,
    Priority,
    ProgressUpdate,
    Workstream,
    WorkstreamMember,
)


class KeyObjectiveInline(admin.TabularInline):
    model = KeyObjective
    extra = 0


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0


class MonitoringVisitInline(admin.TabularInline):
    model = MonitoringVisit
    extra = 0


class BoardMeetingInline(admin.TabularInline):
    model = BoardMeeting
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "local_area", "kind", "status", "submitted_date", "is_published"]
    list_filter = ["local_area", "kind", "status"]
    inlines = [KeyObjectiveInline, PriorityInline, MonitoringVisitInline, BoardMeetingInline]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "text", "weakness"]
    list_filter = ["weakness__inspection__local_area"]
    list_select_related = ["weakness"]


class WorkstreamMemberInline(admin.TabularInline):
    model = WorkstreamMember
    extra = 0


@admin.register(Workstream)
class WorkstreamAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "lead"]
    list_filter = ["plan__local_area"]
    inlines = [WorkstreamMemberInline]


for model in (KeyObjective, Priority, MonitoringVisit, WorkstreamMember):
    admin.site.register(model, SimpleHistoryAdmin)
admin.site.register(BoardMeeting)


# Set only by the sign-off services, so the proposer stays on record.
COMPLETION_PROPOSAL_FIELDS = (
    "completion_proposed_by",
    "completion_proposed_at",
    "proposed_completed_date",
)


class ActionAdminForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the audit history. Required when the status changes.",
    )

    class Meta:
        model = Action
        fields = [
            f.name
            for f in Action._meta.concrete_fields
            if f.editable and f.name not in {"id", "version", *COMPLETION_PROPOSAL_FIELDS}
        ]

    def clean(self):
        cleaned = super().clean()
        status_changed = self.instance.pk and "status" in self.changed_data
        if status_changed and not cleaned.get("change_reason", "").strip():
            self.add_error("change_reason", "Say why the status changed.")
        return cleaned


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    readonly_fields = ["author", "date", "status", "narrative", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    form = ActionAdminForm
    list_display = ["reference", "title", "plan", "status", "due_date", "lead", "published"]
    list_filter = ["plan__local_area", "status", "workstream", "published"]
    search_fields = ["reference", "title"]
    list_select_related = ["plan", "lead"]
    inlines = [ProgressUpdateInline]
    readonly_fields = COMPLETION_PROPOSAL_FIELDS

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("change_reason", "").strip()
        if change:
            fields = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name != "change_reason"
            }
            services.action_update(action=obj, actor=request.user, reason=reason, **fields)
        else:
            fields = {
                f.name: getattr(obj, f.name)
                for f in Action._meta.concrete_fields
                if f.name not in {"id", "plan", "version", "created_at", "updated_at"}
            }
            created = services.action_create(
                plan=obj.plan, actor=request.user, reason=reason or "Created", **fields
            )
            obj.pk = created.pk


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """To read only: these rows change on the product's screens, through their services."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Roles are given, changed and ended on the area's People page, with a reason."""

    list_display = ["user", "local_area", "role", "ended_at"]
    list_filter = ["local_area", "role"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "local_area", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["local_area", "role"]
    exclude = ["token_hash"]
