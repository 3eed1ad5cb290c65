from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from actions import rules, services
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
from actions.services.membership import check_role


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
        super().clean()
        cleaned = self.cleaned_data
        status_changed = bool(self.instance.pk) and "status" in self.changed_data
        if rules.status_reason_missing(
            status_changed=status_changed, reason=cleaned.get("change_reason")
        ):
            self.add_error("change_reason", rules.STATUS_REASON_REQUIRED)
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


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "local_area", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["local_area", "role"]
    exclude = ["token_hash"]


class MembershipAdminForm(forms.ModelForm):
    """The membership's fields and the reason; the rules are the services'."""

    change_reason = forms.CharField(
        label="Reason for this change",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the membership's history.",
    )

    class Meta:
        model = Membership
        fields = ["user", "local_area", "role", "workstreams"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        local_area = data.get("local_area")
        if local_area is None and self.instance.local_area_id:
            local_area = self.instance.local_area
        if data.get("role") and local_area is not None:
            try:
                check_role(data["role"], data.get("workstreams") or (), local_area)
            except ValidationError as error:
                self.add_error(None, error)
        return data


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    """Roles are given and changed through the membership services, each with who and why in
    the history. Nothing is deleted: a person leaves an area on its People page, which ends
    their membership."""

    form = MembershipAdminForm
    list_display = ["user", "local_area", "role", "ended_at"]
    list_filter = ["local_area", "role"]
    filter_horizontal = ["workstreams"]

    def get_readonly_fields(self, request, obj=None):
        # A membership is one person in one area: another person or area is a new membership.
        return ["user", "local_area", "ended_at"] if obj is not None else ["ended_at"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.membership_change_role(
                membership=obj,
                actor=request.user,
                role=data["role"],
                workstreams=data["workstreams"],
                reason=data["change_reason"],
            )
        else:
            created = services.membership_create(
                user=data["user"],
                local_area=data["local_area"],
                role=data["role"],
                workstreams=data["workstreams"],
                actor=request.user,
                reason=data["change_reason"],
            )
            obj.pk = created.pk

    def save_related(self, request, form, formsets, change):
        # The service has set the workstreams, inside the membership's history row.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def has_change_permission(self, request, obj=None) -> bool:
        # An ended membership is history: the person is invited back from the People page.
        if obj is not None and not obj.is_current:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
