import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from inspections.models import AreaOfWeakness, Inspection, LocalArea
from wsoa.lib.audit import TrackedQuerySet

# Ofsted and the CQC typically revisit about 18 months after the plan is fit for purpose.
REVISIT_AFTER_MONTHS = 18


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Plan(models.Model):
    """The local area's response document: a WSoA or a priority action plan."""

    class Kind(models.TextChoices):
        WSOA = "wsoa", "Written statement of action"
        PRIORITY_ACTION_PLAN = "priority_action_plan", "Priority action plan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for changes"
        FIT_FOR_PURPOSE = "fit_for_purpose", "Fit for purpose"
        CLOSED = "closed", "Closed"

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="plans")
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.WSOA)
    title = models.CharField(max_length=200)
    vision = models.TextField(blank=True)
    submitted_date = models.DateField(null=True, blank=True)
    returned_date = models.DateField(
        "returned for changes on",
        null=True,
        blank=True,
        help_text="When Ofsted and the CQC returned the plan for changes.",
    )
    fit_for_purpose_date = models.DateField(null=True, blank=True)
    closed_date = models.DateField("closed on", null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    is_published = models.BooleanField(
        default=False, help_text="Show this plan's published actions on the public progress pages."
    )

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["local_area", "-submitted_date"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.inspection_id and self.local_area_id:
            if self.inspection.local_area_id != self.local_area_id:
                errors["inspection"] = "The inspection must be of the plan's own local area."
        if self.status == self.Status.FIT_FOR_PURPOSE and not self.fit_for_purpose_date:
            errors["fit_for_purpose_date"] = "Give the date the plan was declared fit for purpose."
        if self.status == self.Status.SUBMITTED and not self.submitted_date:
            errors["submitted_date"] = "Give the date the plan was submitted."
        if self.status == self.Status.RETURNED and not self.returned_date:
            errors["returned_date"] = "Give the date the plan was returned for changes."
        if self.status == self.Status.CLOSED and not self.closed_date:
            errors["closed_date"] = "Give the date the plan was closed."
        if self.submitted_date and self.returned_date and self.returned_date < self.submitted_date:
            errors["returned_date"] = "A plan cannot be returned before it is submitted."
        if (
            self.submitted_date
            and self.fit_for_purpose_date
            and self.fit_for_purpose_date < self.submitted_date
        ):
            errors["fit_for_purpose_date"] = (
                "A plan cannot be fit for purpose before it is submitted."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def expected_revisit_date(self) -> dt.date | None:
        if self.fit_for_purpose_date is None:
            return None
        return _add_months(self.fit_for_purpose_date, REVISIT_AFTER_MONTHS)

    def weaknesses(self) -> models.QuerySet[AreaOfWeakness]:
        return AreaOfWeakness.objects.filter(inspection_id=self.inspection_id).order_by("number")


class KeyObjective(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="key_objectives")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200, blank=True)
    text = models.TextField()

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="objective_number_unique")
        ]

    def __str__(self) -> str:
        return f"Key objective {self.number}: {self.title or self.text[:60]}"


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique")
        ]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.text[:60]}"


class Commitment(models.Model):
    """A "We will ..." statement under one area of weakness."""

    weakness = models.ForeignKey(
        AreaOfWeakness, on_delete=models.CASCADE, related_name="commitments"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["weakness", "number"]
        constraints = [
            models.UniqueConstraint(fields=["weakness", "number"], name="commitment_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.text[:80]}"

    @property
    def reference(self) -> str:
        return f"{self.weakness.number}.{self.number}"


class Workstream(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="workstreams")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_workstreams",
    )

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="workstream_number_unique")
        ]

    def __str__(self) -> str:
        return f"WS{self.number} {self.name}"


class WorkstreamMember(models.Model):
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="members")
    order = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["workstream", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.role} ({self.organisation})" if self.organisation else self.role


class MonitoringVisit(models.Model):
    """A quarterly DfE / NHS England support and challenge visit."""

    class Grade(models.TextChoices):
        NOT_GRADED = "", "Not yet graded"
        UNMET = "unmet", "Unmet"
        MET = "met", "Met"
        EXCEEDED = "exceeded", "Exceeded"
        SIGNIFICANTLY_EXCEEDED = "significantly_exceeded", "Significantly exceeded"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="monitoring_visits")
    title = models.CharField(max_length=200, blank=True)
    date = models.DateField()
    by_dfe = models.BooleanField("by the DfE", default=True)
    by_nhse = models.BooleanField("by NHS England", default=True)
    grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "date"]

    def __str__(self) -> str:
        return self.title or f"Monitoring visit {self.date:%-d %B %Y}"

    def clean(self) -> None:
        if not (self.by_dfe or self.by_nhse):
            raise ValidationError("A monitoring visit is made by the DfE, NHS England or both.")


class BoardMeeting(models.Model):
    """A monthly Steering Board meeting; its report is "as at" the meeting date."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="board_meetings")
    date = models.DateField()
    notes = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "date"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "date"], name="board_meeting_date_unique")
        ]

    def __str__(self) -> str:
        return f"Board meeting {self.date:%-d %B %Y}"
