"""Filters of the action tables, read from the query string so a filtered list is a link.

The area's action list takes numbers people see on the plan: `?status=red&weakness=1&workstream=2`
(weakness and workstream by their number within the plan), which the dashboards link to.
"""

import datetime as dt

import django_filters
from django.utils import timezone

from actions.models import BRAG, Action, ActionQuerySet, Plan, Workstream

DUE_SOON_DAYS = 30


class Due:
    NEXT_30_DAYS = "next_30_days"
    OVERDUE = "overdue"
    NOT_UPDATED_THIS_MONTH = "not_updated_this_month"

    choices = [
        (NEXT_30_DAYS, f"Due in the next {DUE_SOON_DAYS} days"),
        (OVERDUE, "Overdue"),
        (NOT_UPDATED_THIS_MONTH, "Not updated this month"),
    ]


def filter_due(queryset: ActionQuerySet, value: str, today: dt.date | None = None):
    today = today or timezone.localdate()
    if value == Due.NEXT_30_DAYS:
        return queryset.open().filter(
            due_date__gte=today, due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
        )
    if value == Due.OVERDUE:
        return queryset.overdue(today)
    if value == Due.NOT_UPDATED_THIS_MONTH:
        return queryset.owing_update(today)
    return queryset


class _ActionFilterBase(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=BRAG.choices, empty_label="Any status", label="Status"
    )
    due = django_filters.ChoiceFilter(
        choices=Due.choices, empty_label="Any", label="Due or updated", method="_filter_due"
    )

    def _filter_due(self, queryset, name, value):
        return filter_due(queryset, value)


class MyActionsFilter(_ActionFilterBase):
    """My actions: by status, workstream (of any of the person's plans) and due."""

    workstream = django_filters.ModelChoiceFilter(
        queryset=Workstream.objects.none(), empty_label="Any workstream", label="Workstream"
    )

    class Meta:
        model = Action
        fields = ["status", "workstream", "due"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["workstream"].queryset = Workstream.objects.filter(
            pk__in=queryset.values("workstream")
        ).order_by("plan__local_area__name", "number")


class AreaActionsFilter(_ActionFilterBase):
    """One plan's actions: by status, area of weakness, workstream (by number) and due."""

    weakness = django_filters.ChoiceFilter(
        field_name="weakness__number",
        choices=[],
        empty_label="Any area of weakness",
        label="Area of weakness",
    )
    workstream = django_filters.ChoiceFilter(
        field_name="workstream__number",
        choices=[],
        empty_label="Any workstream",
        label="Workstream",
    )

    class Meta:
        model = Action
        fields = ["status", "weakness", "workstream", "due"]

    def __init__(self, data=None, queryset=None, *, plan: Plan, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["weakness"].extra["choices"] = [
            (str(w.number), f"{w.number}. {w.short_title}" if w.short_title else str(w.number))
            for w in plan.weaknesses()
        ]
        self.filters["workstream"].extra["choices"] = [
            (str(ws.number), str(ws)) for ws in plan.workstreams.order_by("number")
        ]
