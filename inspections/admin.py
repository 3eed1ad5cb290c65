from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import AreaOfWeakness, Inspection, LocalArea


@admin.register(LocalArea)
class LocalAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "council_name", "health_partner_name"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "council_name"]


class AreaOfWeaknessInline(admin.StackedInline):
    model = AreaOfWeakness
    fk_name = "inspection"
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
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


@admin.register(AreaOfWeakness)
class AreaOfWeaknessAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "inspection", "kind", "judgement"]
    list_filter = ["inspection__local_area", "kind", "judgement"]
    search_fields = ["finding", "short_title"]
