import datetime as dt
from collections.abc import Collection
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actions import rules
from actions.models.brag import BRAG
from actions.models.plan import Commitment, Plan, Workstream
from inspections.models import AreaOfWeakness
from wsoa.lib.audit import TrackedQuerySet

# The fields that decide where an action counts at a month-end (actions.snapshot).
COUNTED_FIELDS = ("weakness_id", "workstream_id", "status", "withdrawn_date")


class ActionHistory(HistoricalRecords):
    """Audit history of actions, with the index the dashboards' "as at a date" reads need."""

    def get_meta_options(self, model):
        meta = super().get_meta_options(model)
        meta["indexes"] = (
            *meta.get("indexes", ()),
            # actions_as_at: one plan's rows, newest first per action (WHERE plan_id = %s AND
            # history_date < %s, PARTITION BY id ORDER BY history_date DESC, history_id DESC);
            # the index hands rows over already in window order. It carries what counting
            # and the status probes need (status_as_at: the newest row of one action before
            # an instant), so those read the index alone (PostgreSQL; others ignore INCLUDE).
            models.Index(
                fields=["plan", "id", "-history_date", "-history_id"],
                include=["status", "history_type", "withdrawn_date", "weakness", "workstream"],
                name="hist_action_plan_asat_cover",
            ),
        )
        return meta


class ActionQuerySet(TrackedQuerySet["Action"]):
    def in_force(self, as_at: dt.date | None = None) -> "ActionQuerySet":
        """Actions that count: not withdrawn, or (given a date) withdrawn only after it."""
        return self.filter(rules.in_force_q(as_at))

    def withdrawn(self) -> "ActionQuerySet":
        return self.filter(withdrawn_date__isnull=False)

    def open(self) -> "ActionQuerySet":
        return self.filter(rules.open_q())

    def overdue(self, today: dt.date | None = None) -> "ActionQuerySet":
        return self.filter(rules.overdue_q(today or timezone.localdate()))

    def expecting_update(self, today: dt.date | None = None) -> "ActionQuerySet":
        """Open actions that have started (or have no start date): their leads report monthly."""
        return self.filter(rules.expecting_update_q(today or timezone.localdate()))

    def owing_update(self, today: dt.date | None = None) -> "ActionQuerySet":
        """Actions expecting an update that have none dated this month up to `today`."""
        return self.filter(rules.owes_update_q(today or timezone.localdate()))

    def published(self) -> "ActionQuerySet":
        return self.filter(published=True, plan__is_published=True)

    def awaiting_sign_off(self) -> "ActionQuerySet":
        """Actions an officer says are complete, waiting for a lead to confirm or return."""
        return self.filter(completion_proposed_at__isnull=False)


class Action(models.Model):
    """The unit of tracking: one BRAG-rated action of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    reference = models.CharField(max_length=20, help_text="Unique within the plan, e.g. 2.1.3.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    weakness = models.ForeignKey(
        AreaOfWeakness,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name="area of weakness",
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_actions",
    )
    lead_role = models.CharField(max_length=200, blank=True)
    lead_organisation = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    # The due date the plan first gave; kept when the due date is re-baselined.
    original_due_date = models.DateField(
        "original due date",
        null=True,
        blank=True,
        help_text="The due date first agreed, kept when the due date is re-baselined.",
    )
    # Withdrawn actions stay in the plan and its history but leave the counts from this date.
    withdrawn_date = models.DateField("withdrawn on", null=True, blank=True)
    withdrawn_reason = models.TextField("why it was withdrawn", blank=True)
    status = models.CharField(max_length=5, choices=BRAG.choices, default=BRAG.WHITE)
    completed_date = models.DateField(null=True, blank=True)
    success_measure = models.TextField(
        blank=True, help_text="How we will know: the measurable change this action should make."
    )
    evidence = models.TextField(blank=True, help_text="Evidence of what was done.")
    remedial_action = models.TextField(
        blank=True, help_text="For Amber and Red: the issue and what is being done about it."
    )
    public_summary = models.TextField(blank=True, help_text="Plain-English summary for parents.")
    published = models.BooleanField(default=False)
    # Completion sign-off: an officer proposes Blue, a workstream lead or programme manager
    # confirms it. The history keeps both people: the proposal row names the proposer.
    completion_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_completions",
        verbose_name="completion proposed by",
    )
    completion_proposed_at = models.DateTimeField("completion proposed on", null=True, blank=True)
    proposed_completed_date = models.DateField(
        "proposed completed date",
        null=True,
        blank=True,
        help_text="The completed date the proposer gives; it becomes the completed date once confirmed.",
    )
    # Bumped on every save; an edit made from a stale form is refused, not silently applied.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = ActionHistory(excluded_fields=["updated_at"])
    objects = ActionQuerySet.as_manager()
    # Check constraints whose rule clean() states too, with its message beside the field: a
    # service that has run clean() need not ask the database to evaluate them before saving
    # (the database still refuses a row that breaks them).
    CHECKS_IN_CLEAN = frozenset(
        {
            "action_completed_date_only_when_blue",
            "action_completion_proposed_only_when_not_blue",
            "action_due_not_before_start",
        }
    )
    # The status as read from the database (None when it was not read), to spot a change.
    _loaded_status: str | None
    # COUNTED_FIELDS as last read or saved (None: not there), for the month-end snapshot.
    _counted: tuple | None
    # Every field's value as read under a service's lock (actions.services.common._lock).
    _as_locked: dict[str, Any]

    class Meta:
        ordering = ["plan", "weakness__number", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="action_reference_unique"),
            models.CheckConstraint(
                condition=models.Q(status=BRAG.BLUE) | models.Q(completed_date__isnull=True),
                name="action_completed_date_only_when_blue",
                violation_error_message="Only a Blue (complete) action has a completed date.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=BRAG.BLUE)
                | models.Q(completion_proposed_at__isnull=True),
                name="action_completion_proposed_only_when_not_blue",
                violation_error_message="A complete (Blue) action has no pending completion proposal.",
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(due_date__gte=models.F("start_date")),
                name="action_due_not_before_start",
                violation_error_message="The due date cannot be before the start date.",
            ),
        ]
        indexes = [
            # My actions: the actions a person leads, by due date.
            models.Index(fields=["lead", "due_date"], name="action_lead_due_idx"),
            # Dashboards: counts by theme and status within a plan.
            models.Index(fields=["plan", "weakness", "status"], name="action_plan_theme_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        reason = getattr(self, "_change_reason", "")
        if rules.status_reason_missing(status_changed=self.status_changed, reason=reason):
            raise ValidationError({"status": rules.STATUS_REASON_REQUIRED})
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    def get_absolute_url(self) -> str:
        return reverse(
            "action_detail",
            kwargs={"area_slug": self.plan.local_area.slug, "reference": self.reference},
        )

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        # Where the action counted as read, for the month-end snapshot (actions.snapshot).
        if all(name in instance.__dict__ for name in COUNTED_FIELDS):
            instance._counted = tuple(instance.__dict__[name] for name in COUNTED_FIELDS)
        return instance

    @property
    def brag(self) -> BRAG:
        return BRAG(self.status)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_date is not None

    @property
    def is_rebaselined(self) -> bool:
        return self.original_due_date is not None and self.original_due_date != self.due_date

    @property
    def completion_proposed(self) -> bool:
        return self.completion_proposed_at is not None

    @property
    def status_changed(self) -> bool:
        loaded = getattr(self, "_loaded_status", None)
        return self.pk is not None and loaded is not None and loaded != self.status

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return rules.is_overdue(
            status=self.status,
            due_date=self.due_date,
            today=today or timezone.localdate(),
            withdrawn=self.is_withdrawn,
        )

    def clean(self) -> None:
        errors = rules.status_field_errors(
            status=self.status,
            completed_date=self.completed_date,
            evidence=self.evidence,
            remedial_action=self.remedial_action,
            today=timezone.localdate(),
        )
        status = self.status
        if self.completion_proposed:
            if status == BRAG.BLUE:
                errors["status"] = "A complete (Blue) action has no pending completion proposal."
            if not self.proposed_completed_date:
                errors["proposed_completed_date"] = "Give the date the action was completed."
            elif self.proposed_completed_date > timezone.localdate():
                errors["proposed_completed_date"] = "The completed date cannot be in the future."
            if not self.evidence.strip():
                errors["evidence"] = "Proposing completion needs evidence of what was done."
        if self.withdrawn_date and not self.withdrawn_reason.strip():
            errors["withdrawn_reason"] = "Say why the action is being withdrawn."
        if self.start_date and self.due_date and self.due_date < self.start_date:
            errors["due_date"] = "The due date cannot be before the start date."
        if self.plan_id and self.weakness_id:
            if self.weakness.inspection_id != self.plan.inspection_id:
                errors["weakness"] = "The area of weakness must come from the plan's inspection."
        if (
            self.commitment is not None
            and self.weakness_id
            and self.commitment.weakness_id != self.weakness_id
        ):
            errors["commitment"] = "The commitment must belong to the action's area of weakness."
        if self.workstream is not None and self.plan_id and self.workstream.plan_id != self.plan_id:
            errors["workstream"] = "The workstream must belong to the same plan."
        if errors:
            raise ValidationError(errors)


class ProgressUpdate(models.Model):
    """A dated narrative update on an action, with the status it set.

    Evidence, like the history: never changed or deleted (in PostgreSQL its table refuses
    UPDATE, DELETE and TRUNCATE), so an action with progress updates cannot be deleted.
    """

    append_only = True

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="progress_updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    date = models.DateField(default=timezone.localdate)
    narrative = models.TextField()
    status = models.CharField(max_length=5, choices=BRAG.choices)
    # The status the tracker suggested when the update was written (actions/suggestions.py),
    # blank when it suggested none; whether the writer followed it is `suggestion_followed`.
    suggested_status = models.CharField(
        "suggested status",
        max_length=5,
        choices=BRAG.choices,
        blank=True,
        default="",
        db_default="",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["action", "-date", "-created_at"]
        indexes = [
            # "Last update" per action and "not updated this month" filters.
            models.Index(fields=["action", "-date"], name="progress_action_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action.reference} {self.date}: {self.get_status_display()}"

    @property
    def suggestion_followed(self) -> bool | None:
        """Whether the status set is the one suggested; None when nothing was suggested."""
        if not self.suggested_status:
            return None
        return self.suggested_status == self.status

    @property
    def brag(self) -> BRAG:
        return BRAG(self.status)
