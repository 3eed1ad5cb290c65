"""The operator's admin for areas, inspections and findings. Every save goes through
inspections.services with the reason typed on the form; nothing is deleted here."""

from django import forms
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from inspections import services
from inspections.models import AreaOfWeakness, Inspection, LocalArea


class ReasonForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the audit history.",
    )


def _fields(form: forms.ModelForm, names) -> dict:
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


class ThroughServicesAdmin(SimpleHistoryAdmin):
    """Saves through the app's services; refuses deleting, as history is evidence."""

    form = ReasonForm

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def reason(self, form, change: bool) -> str:
        return form.cleaned_data.get("change_reason", "").strip() or (
            "Changed in the admin" if change else "Created in the admin"
        )

    def changed_fields(self, form) -> dict:
        return _fields(form, [name for name in form.changed_data if name != "change_reason"])

    def model_fields(self, form) -> dict:
        names = [f.name for f in self.model._meta.concrete_fields if f.editable and f.name != "id"]
        return _fields(form, names)


@admin.register(LocalArea)
class LocalAreaAdmin(ThroughServicesAdmin):
    list_display = ["name", "slug", "council_name", "health_partner_name"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "council_name"]

    def get_readonly_fields(self, request, obj=None):
        # The slug is the area's address in every link already sent.
        return ["slug"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields

    def save_model(self, request, obj, form, change):
        reason = self.reason(form, change)
        if change:
            services.local_area_update(
                local_area=obj, actor=request.user, reason=reason, **self.changed_fields(form)
            )
        else:
            created = services.local_area_create(
                actor=request.user, reason=reason, **self.model_fields(form)
            )
            obj.pk = created.pk


class AreaOfWeaknessInline(admin.StackedInline):
    """The inspection's findings, to read; each is changed on its own page."""

    model = AreaOfWeakness
    fk_name = "inspection"
    extra = 0
    fields = ["number", "short_title", "kind", "judgement", "finding"]
    readonly_fields = ["number", "short_title", "kind", "judgement", "finding"]
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Inspection)
class InspectionAdmin(ThroughServicesAdmin):
    list_display = [
        "local_area",
        "kind",
        "framework",
        "start_date",
        "end_date",
        "letter_published_date",
        "outcome",
    ]
    list_filter = ["local_area", "framework", "kind"]
    readonly_fields = ["letter_due_date", "wsoa_due_date"]
    inlines = [AreaOfWeaknessInline]
    # A letter's address typed without a scheme is an https one, as on the plan's own form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        # An inspection stays of the area it was entered for.
        fixed = ["local_area"] if obj is not None else []
        return [*fixed, *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        reason = self.reason(form, change)
        if change:
            services.inspection_update(
                inspection=obj, actor=request.user, reason=reason, **self.changed_fields(form)
            )
        else:
            created = services.inspection_create(
                actor=request.user, reason=reason, **self.model_fields(form)
            )
            obj.pk = created.pk


@admin.register(AreaOfWeakness)
class AreaOfWeaknessAdmin(ThroughServicesAdmin):
    list_display = ["__str__", "inspection", "kind", "judgement"]
    list_filter = ["inspection__local_area", "kind", "judgement"]
    search_fields = ["finding", "short_title"]

    def get_readonly_fields(self, request, obj=None):
        # A finding stays of the inspection that made it.
        return ["inspection"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        reason = self.reason(form, change)
        data = form.cleaned_data
        weakness = obj
        if change:
            if set(form.changed_data) & {"number", "finding", "kind", "short_title"}:
                services.area_of_weakness_update(
                    weakness=obj,
                    actor=request.user,
                    reason=reason,
                    number=data["number"],
                    finding=data["finding"],
                    kind=data["kind"],
                    short_title=data.get("short_title", ""),
                )
        else:
            weakness = services.area_of_weakness_create(
                inspection=data["inspection"],
                actor=request.user,
                number=data["number"],
                finding=data["finding"],
                short_title=data.get("short_title", ""),
                kind=data["kind"],
                reason=reason,
            )
            obj.pk = weakness.pk
        if set(form.changed_data) & {"judgement", "judgement_narrative", "revisit"}:
            services.area_of_weakness_record_judgement(
                weakness=weakness,
                actor=request.user,
                reason=reason,
                judgement=data["judgement"],
                narrative=data.get("judgement_narrative", ""),
                revisit=data.get("revisit"),
            )
