"""Board papers: a month's figures locked as they stood, and what the Board then did with them.

Both tables are append-only (in PostgreSQL they refuse UPDATE, DELETE and TRUNCATE, like the
audit history): a locked paper is never changed, and its approval, minutes and publication
are rows of their own, each naming who acted, when, and with what note. The rows are their own
history, so they carry no simple-history table.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from actions.models import Plan


class BoardPaper(models.Model):
    """A frozen copy of the Board's paper as at `as_at`: every figure, list, narrative and
    remedial action as they stood at the end of that day, in `content` (papers.content)."""

    append_only = True

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="board_papers")
    number = models.PositiveIntegerField(help_text="1 for the plan's first paper, then 2, 3...")
    as_at = models.DateField("as at")
    content = models.JSONField()
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    locked_at = models.DateTimeField(default=timezone.now)
    # Named when the paper is locked: the Board chair, or another Board member standing in.
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True, help_text="Why or for which meeting it was locked.")

    class Meta:
        ordering = ["plan", "-as_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="paper_number_unique"),
            models.UniqueConstraint(fields=["plan", "as_at"], name="paper_as_at_unique"),
        ]

    def __str__(self) -> str:
        return f"Board paper {self.number}, as at {self.as_at:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "board_paper",
            kwargs={"area_slug": self.plan.local_area.slug, "number": self.number},
        )

    @property
    def status_label(self) -> str:
        """Published, Approved or awaiting approval (reads `decisions`, prefetch them)."""
        kinds = {decision.kind for decision in self.decisions.all()}
        if PaperDecision.Kind.PUBLISHED in kinds:
            return "Published"
        if PaperDecision.Kind.APPROVED in kinds:
            return "Approved"
        return "Locked, awaiting approval"


class PaperDecision(models.Model):
    """Something done with a locked paper: approved, minuted or published, by whom and why."""

    append_only = True

    class Kind(models.TextChoices):
        APPROVED = "approved", "Approved"
        MINUTES = "minutes", "Minutes recorded"
        PUBLISHED = "published", "Published"

    paper = models.ForeignKey(BoardPaper, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField()

    class Meta:
        ordering = ["paper", "at", "pk"]
        constraints = [
            # Approved once and published once; minutes may be added as often as needed.
            models.UniqueConstraint(
                fields=["paper", "kind"],
                condition=~models.Q(kind="minutes"),
                name="paper_decided_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paper}: {self.get_kind_display()}"
