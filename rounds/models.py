"""The monthly update round: each area's settings for it, and the record of who was chased."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from actions.models import Action, Plan
from inspections.models import LocalArea
from wsoa.lib.audit import TrackedQuerySet

# Every month has a 28th: a later opening day would skip February.
LAST_OPENING_DAY = 28


class RoundSettings(models.Model):
    """When an area's round opens and how long an action may go without an update before it
    is escalated. An area without a row uses the installation's defaults (settings)."""

    local_area = models.OneToOneField(
        LocalArea, on_delete=models.CASCADE, related_name="round_settings"
    )
    opening_day = models.PositiveSmallIntegerField(
        "day of the month the round opens",
        validators=[MinValueValidator(1), MaxValueValidator(LAST_OPENING_DAY)],
        help_text=f"From 1 to {LAST_OPENING_DAY}. Leads are reminded from this day.",
    )
    escalation_working_days = models.PositiveSmallIntegerField(
        "working days before escalation",
        validators=[MinValueValidator(1), MaxValueValidator(15)],
        help_text=(
            "An action still without an update this many working days after the round opens "
            "goes to its workstream lead; twice as many, to the programme manager."
        ),
    )

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name = "update round settings"
        verbose_name_plural = "update round settings"

    def __str__(self) -> str:
        return f"Update round of {self.local_area}"


class RoundNotice(models.Model):
    """One action put in front of one person in one month's round: a reminder to its lead,
    an escalation, or a lead without an account handed to the programme manager.

    Evidence of who was asked and when: rows are only ever added (in PostgreSQL the table
    refuses UPDATE, DELETE and TRUNCATE).
    """

    append_only = True

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder to the lead"
        TO_WORKSTREAM_LEAD = "workstream_lead", "Escalated to the workstream lead"
        TO_PROGRAMME_MANAGER = "programme_manager", "Escalated to the programme manager"
        NO_ACCOUNT = "no_account", "Lead without an account, sent to the programme manager"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="round_notices")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="round_notices")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="round_notices"
    )
    # The address the e-mail went to, as it was then.
    email = models.EmailField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The first day of the month whose round this belongs to.
    month = models.DateField()
    sent_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "month", "sent_at", "pk"]
        indexes = [
            # The round page and the command: one plan's notices of one month.
            models.Index(fields=["plan", "month"], name="round_notice_plan_month_idx"),
            # "Never twice on the same day": a person's notices of a day.
            models.Index(fields=["recipient", "sent_on"], name="round_notice_recipient_day_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}: {self.action.reference} to {self.email} on {self.sent_on}"
        )
