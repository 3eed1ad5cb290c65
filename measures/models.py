"""Measures of impact (KPIs): what should change for children and families, with a baseline,
a target, interim milestones and the values recorded period by period.

Each table keeps a history (who, when, why); values are corrected, never deleted, so the
history shows what the Board was told at each date.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actions.models import Plan
from inspections.models import AreaOfWeakness
from wsoa.lib.audit import TrackedQuerySet


def value_field(**options: Any) -> models.DecimalField:
    """A measure's figure: up to 12 digits, 3 of them after the point."""
    return models.DecimalField(max_digits=12, decimal_places=3, **options)


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class MeasureQuerySet(TrackedQuerySet["Measure"]):
    def in_force(self) -> "MeasureQuerySet":
        return self.filter(withdrawn_date__isnull=True)

    def published(self) -> "MeasureQuerySet":
        return self.in_force().filter(is_published=True, plan__is_published=True)


class Measure(models.Model):
    """One measure of a plan, for one or more of its findings."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(help_text="The measure's number in the plan.")
    findings = models.ManyToManyField(
        AreaOfWeakness, related_name="measures", help_text="The findings this measure shows."
    )
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True, help_text="What is counted, and how.")
    source = models.CharField(max_length=200, blank=True, help_text="Where the figures come from.")
    unit = models.CharField(max_length=30, blank=True, help_text="For example %, days or children.")
    direction = models.CharField(max_length=6, choices=Direction.choices)
    baseline_value = value_field(null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    target_value = value_field(null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    benchmark_value = value_field(null=True, blank=True)
    benchmark_label = models.CharField(
        max_length=100, blank=True, help_text="For example England average."
    )
    benchmark_date = models.DateField(null=True, blank=True)
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="owned_measures",
        help_text="The people who enter its values.",
    )
    notes = models.TextField(blank=True, help_text="Internal notes; never published.")
    is_illustrative = models.BooleanField(
        default=False, help_text="The values are illustrative, not real figures."
    )
    is_published = models.BooleanField(
        default=False, help_text="Show this measure on the public progress pages."
    )
    withdrawn_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[findings, owners])
    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="measure_number_unique")
        ]

    def __str__(self) -> str:
        return f"M{self.number} {self.name}"

    @property
    def reference(self) -> str:
        return f"M{self.number}"

    def clean(self) -> None:
        errors = {}
        pairs = (("baseline", "a baseline"), ("target", "a target"), ("benchmark", "a benchmark"))
        for prefix, what in pairs:
            value = getattr(self, f"{prefix}_value")
            day = getattr(self, f"{prefix}_date")
            if value is not None and day is None:
                errors[f"{prefix}_date"] = f"Give the date of {what}."
            if day is not None and value is None:
                errors[f"{prefix}_value"] = f"Give the value of {what}, or remove its date."
        if self.benchmark_value is not None and not self.benchmark_label.strip():
            errors["benchmark_label"] = "Say what the benchmark is, for example England average."
        if (
            self.baseline_date
            and self.target_date
            and self.target_date <= self.baseline_date
            and "target_date" not in errors
        ):
            errors["target_date"] = "The target date must be after the baseline date."
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    """An interim target: the value the measure should reach by a date."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField()
    value = value_field()

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "date"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "date"], name="milestone_date_unique")
        ]

    def __str__(self) -> str:
        return f"{self.value} by {self.date:%-d %B %Y}"


class MeasureValue(models.Model):
    """The measure's value for the period ending on `period_end`, with a note."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period_end = models.DateField(help_text="The last day of the period the value is for.")
    value = value_field()
    note = models.TextField(blank=True, help_text="Internal; never published.")

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period_end"], name="measure_value_period_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.value} at {self.period_end:%-d %B %Y}"

    def clean(self) -> None:
        if self.period_end and self.period_end > timezone.localdate():
            raise ValidationError({"period_end": "A value cannot be for a period still to come."})
