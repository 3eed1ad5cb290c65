import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from inspections.clock import add_working_days
from wsoa.lib.audit import TrackedQuerySet

# Statutory clock (LGiU briefing, Oct 2017).
LETTER_DUE_WORKING_DAYS = 33
WSOA_DUE_WORKING_DAYS = 70


class LocalArea(models.Model):
    """A council with its health partner; one installation can host many."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    council_name = models.CharField(max_length=200)
    health_partner_name = models.CharField(
        max_length=200,
        help_text="Clinical Commissioning Group, or Integrated Care Board since 2022.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    class Framework(models.TextChoices):
        SEND_2016 = "2016", "2016 SEND local area inspection"
        AREA_SEND_2023 = "2023", "2023 area SEND inspection"

    class Kind(models.TextChoices):
        INITIAL = "initial", "Initial inspection"
        REVISIT = "revisit", "Revisit"
        MONITORING = "monitoring", "Monitoring inspection"

    class Outcome(models.TextChoices):
        NOT_PUBLISHED = "", "Not yet published"
        WSOA_REQUIRED = "wsoa_required", "Written statement of action required"
        NO_WSOA = "no_wsoa", "No written statement of action required"
        SUFFICIENT_PROGRESS = "sufficient_progress", "Sufficient progress in every weakness"
        INSUFFICIENT_PROGRESS = "insufficient_progress", "Insufficient progress in some weaknesses"
        # The three outcomes of the 2023 framework.
        POSITIVE = "positive", "Typically positive experiences and outcomes"
        INCONSISTENT = "inconsistent", "Inconsistent experiences and outcomes"
        SYSTEMIC_FAILINGS = "systemic_failings", "Widespread and/or systemic failings"

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="inspections")
    framework = models.CharField(max_length=4, choices=Framework.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INITIAL)
    revisit_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisits",
        help_text="For a revisit or monitoring inspection: the inspection it follows up.",
    )
    start_date = models.DateField()
    end_date = models.DateField()
    report_received_date = models.DateField(null=True, blank=True)
    letter_published_date = models.DateField(null=True, blank=True)
    letter_url = models.URLField(
        "letter's address",
        max_length=500,
        blank=True,
        help_text="Where the published letter can be read, e.g. on the Ofsted website.",
    )
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    plan_required = models.BooleanField(
        default=False,
        help_text="Whether a written statement of action or priority action plan is required.",
    )

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["local_area", "start_date"]

    def __str__(self) -> str:
        return f"{self.local_area}: {self.get_kind_display()} {self.start_date:%-d %b %Y}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The inspection cannot end before it starts."})
        if (
            self.letter_published_date
            and self.end_date
            and self.letter_published_date < self.end_date
        ):
            raise ValidationError(
                {
                    "letter_published_date": "The letter cannot be published before the inspection ends."
                }
            )

    @property
    def letter_due_date(self) -> dt.date | None:
        # None until the end date is known, e.g. on a blank "add inspection" form.
        if self.end_date is None:
            return None
        return add_working_days(self.end_date, LETTER_DUE_WORKING_DAYS)

    @property
    def wsoa_due_date(self) -> dt.date | None:
        received = self.report_received_date or self.letter_published_date
        if received is None:
            return None
        return add_working_days(received, WSOA_DUE_WORKING_DAYS)


class AreaOfWeakness(models.Model):
    class Kind(models.TextChoices):
        SIGNIFICANT_WEAKNESS = "significant_weakness", "Area of significant weakness"
        PRIORITY_ACTION = "priority_action", "Area for priority action"
        IMPROVEMENT = "improvement", "Area for improvement"

    class Judgement(models.TextChoices):
        NOT_REVISITED = "not_revisited", "Not yet revisited"
        SUFFICIENT = "sufficient", "Sufficient progress"
        INSUFFICIENT = "insufficient", "Insufficient progress"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="weaknesses")
    number = models.PositiveSmallIntegerField()
    short_title = models.CharField(
        max_length=120, blank=True, help_text="A few words for dashboards, e.g. 'Joint working'."
    )
    finding = models.TextField(help_text="The finding, quoted from the inspection letter.")
    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.SIGNIFICANT_WEAKNESS)
    judgement = models.CharField(
        max_length=16, choices=Judgement.choices, default=Judgement.NOT_REVISITED
    )
    judgement_narrative = models.TextField(blank=True)
    revisit = models.ForeignKey(
        Inspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="judged_weaknesses",
    )

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "number"]
        verbose_name_plural = "areas of weakness"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "number"], name="weakness_number_unique_per_inspection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.label}"

    @property
    def label(self) -> str:
        return self.short_title or self.finding[:80]

    def clean(self) -> None:
        if self.judgement != self.Judgement.NOT_REVISITED and self.revisit_id is None:
            raise ValidationError({"revisit": "Say which revisit made this judgement."})
        if self.revisit_id and self.inspection_id and self.revisit_id == self.inspection_id:
            raise ValidationError(
                {"revisit": "A weakness cannot be revisited by its own inspection."}
            )


# The inspections that follow up a plan: a revisit (2016 framework) or a monitoring inspection.
NEXT_INSPECTION_CHOICES = [
    ("", "None expected"),
    (Inspection.Kind.REVISIT.value, Inspection.Kind.REVISIT.label),
    (Inspection.Kind.MONITORING.value, Inspection.Kind.MONITORING.label),
]


class Oversight(models.Model):
    """The area's external oversight after its inspection: DfE and NHS England monitoring,
    any improvement notice, and the revisit or monitoring inspection expected next.

    One per area, kept current; its history keeps every earlier state, who recorded it and why.
    """

    class Monitoring(models.TextChoices):
        NONE = "", "Not monitored"
        ACTIVE = "active", "Active"
        REDUCED = "reduced", "Reduced"
        CEASED = "ceased", "Ceased"

    class Notice(models.TextChoices):
        NONE = "", "No improvement notice"
        IN_FORCE = "in_force", "In force"
        LIFTED = "lifted", "Lifted"

    local_area = models.OneToOneField(LocalArea, on_delete=models.CASCADE, related_name="oversight")
    dfe_monitoring = models.CharField(
        "DfE monitoring", max_length=8, choices=Monitoring.choices, blank=True
    )
    dfe_since = models.DateField("DfE monitoring in this state since", null=True, blank=True)
    dfe_letter_url = models.URLField("DfE letter", max_length=500, blank=True)
    nhse_monitoring = models.CharField(
        "NHS England monitoring", max_length=8, choices=Monitoring.choices, blank=True
    )
    nhse_since = models.DateField(
        "NHS England monitoring in this state since", null=True, blank=True
    )
    nhse_letter_url = models.URLField("NHS England letter", max_length=500, blank=True)
    improvement_notice = models.CharField(max_length=8, choices=Notice.choices, blank=True)
    notice_issued_date = models.DateField("improvement notice issued on", null=True, blank=True)
    notice_lifted_date = models.DateField("improvement notice lifted on", null=True, blank=True)
    notice_letter_url = models.URLField("improvement notice", max_length=500, blank=True)
    next_inspection_kind = models.CharField(
        "next inspection expected",
        max_length=12,
        choices=NEXT_INSPECTION_CHOICES,
        blank=True,
    )
    next_inspection_date = models.DateField("expected by", null=True, blank=True)

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "oversight"

    def __str__(self) -> str:
        return f"Oversight of {self.local_area}"

    def clean(self) -> None:
        errors = {}
        for prefix, body in (("dfe", "DfE"), ("nhse", "NHS England")):
            state = getattr(self, f"{prefix}_monitoring")
            if state and not getattr(self, f"{prefix}_since"):
                errors[f"{prefix}_since"] = (
                    f"Give the date {body} monitoring became {self.Monitoring(state).label.lower()}."
                )
            if not state and getattr(self, f"{prefix}_since"):
                errors[f"{prefix}_since"] = f"Choose the state of {body} monitoring for this date."
        notice = self.improvement_notice
        if notice and not self.notice_issued_date:
            errors["notice_issued_date"] = "Give the date the improvement notice was issued."
        if notice == self.Notice.LIFTED and not self.notice_lifted_date:
            errors["notice_lifted_date"] = "Give the date the improvement notice was lifted."
        if notice != self.Notice.LIFTED and self.notice_lifted_date:
            errors["notice_lifted_date"] = "Only a lifted improvement notice has a lifted date."
        if (
            self.notice_issued_date
            and self.notice_lifted_date
            and self.notice_lifted_date < self.notice_issued_date
        ):
            errors["notice_lifted_date"] = "A notice cannot be lifted before it is issued."
        if self.next_inspection_date and not self.next_inspection_kind:
            errors["next_inspection_kind"] = "Say which inspection is expected by this date."
        if errors:
            raise ValidationError(errors)
