import django_tables2 as tables
from django.db.models import Case, F, IntegerField, Value, When

from actions.models import BRAG, Action
from ui.tables import GovUKTable

# Sorting by status follows the BRAG order of Board tables, not the alphabet.
_STATUS_ORDER = Case(
    *[When(status=brag.value, then=Value(position)) for position, brag in enumerate(BRAG)],
    output_field=IntegerField(),
)


class ActionTable(GovUKTable):
    reference = tables.Column(
        linkify=True, verbose_name="Reference", attrs={"a": {"class": "govuk-link"}}
    )
    title = tables.Column(verbose_name="Action")
    status = tables.TemplateColumn(
        template_name="actions/partials/status_cell.html", verbose_name="Status"
    )
    due_date = tables.DateColumn(format="j M Y", verbose_name="Due", default="Not set")
    last_update = tables.DateColumn(format="j M Y", verbose_name="Last update", default="Never")

    class Meta:
        model = Action
        fields: tuple[str, ...] = ("reference", "title", "status", "due_date", "last_update")
        order_by = ("due_date",)
        empty_text = "No actions match."

    def order_status(self, queryset, is_descending):
        queryset = queryset.annotate(status_order=_STATUS_ORDER).order_by(
            ("-" if is_descending else "") + "status_order", "reference"
        )
        return queryset, True

    def order_due_date(self, queryset, is_descending):
        # Actions without a due date go last either way, as PostgreSQL and SQLite disagree.
        due = (
            F("due_date").desc(nulls_last=True)
            if is_descending
            else F("due_date").asc(nulls_last=True)
        )
        return queryset.order_by(due, "reference"), True


class MyActionsTable(ActionTable):
    """A person's actions across their areas: each row names its local area."""

    area = tables.Column(accessor="plan__local_area__name", verbose_name="Local area")

    class Meta(ActionTable.Meta):
        fields = ("area", "reference", "title", "status", "due_date", "last_update")
        sequence = ("area", "reference", "title", "status", "due_date", "last_update")
