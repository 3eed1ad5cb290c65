"""What families say: the parent carer forum's view of each finding, "You said, we did"
entries and the easy-read summary of each finding.

The forum's view is the forum's own: only a member with the parent carer forum role writes
it (actions/permissions.py `can_record_forum_view`) and only the forum publishes it. The
programme manager writes the "You said, we did" entries and the easy-read summaries. Every
change keeps a history row naming who made it and why; nothing is deleted (an entry is
withdrawn instead).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from inspections.models import AreaOfWeakness, LocalArea
from wsoa.lib.audit import TrackedQuerySet


def quarter_start(day: dt.date) -> dt.date:
    """The first day of the calendar quarter holding `day`."""
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_label(start: dt.date) -> str:
    """'January to March 2026' for the quarter starting 1 January 2026."""
    end = dt.date(start.year, start.month + 2, 1)
    return f"{start:%B} to {end:%B %Y}"


class ForumRating(models.TextChoices):
    """How families see progress on a finding, best first, in the forum's words."""

    REAL_CHANGE = "real_change", "Real change"
    SOME_CHANGE = "some_change", "Some change"
    NO_CHANGE = "no_change", "No change yet"
    WORSE = "worse", "Getting worse"

    @property
    def meaning(self) -> str:
        return _RATING_MEANINGS[self]


_RATING_MEANINGS = {
    ForumRating.REAL_CHANGE: "Most families we hear from notice a real difference.",
    ForumRating.SOME_CHANGE: "Some families notice a difference; many do not yet.",
    ForumRating.NO_CHANGE: "Families we hear from do not notice a difference yet.",
    ForumRating.WORSE: "Families we hear from say things are worse than before.",
}


class ForumView(models.Model):
    """The parent carer forum's view of progress on one finding in one quarter."""

    weakness = models.ForeignKey(
        AreaOfWeakness, on_delete=models.PROTECT, related_name="forum_views"
    )
    quarter_start = models.DateField(help_text="The first day of the quarter the view is for.")
    rating = models.CharField(max_length=12, choices=ForumRating.choices)
    words = models.TextField(help_text="How families see progress, in the forum's words.")
    published = models.BooleanField(
        default=False, help_text="Shown on the public progress page; the forum decides."
    )
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["weakness", "-quarter_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["weakness", "quarter_start"], name="one_forum_view_per_finding_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"Forum's view of finding {self.weakness.number}, {self.quarter}"

    @property
    def quarter(self) -> str:
        return quarter_label(self.quarter_start)

    @property
    def rating_choice(self) -> ForumRating:
        return ForumRating(self.rating)

    def clean(self) -> None:
        if self.quarter_start and self.quarter_start != quarter_start(self.quarter_start):
            raise ValidationError(
                {"quarter_start": "A quarter starts on 1 January, 1 April, 1 July or 1 October."}
            )
        if self.quarter_start and self.quarter_start > quarter_start(timezone.localdate()):
            raise ValidationError({"quarter_start": "The quarter cannot be in the future."})
        if not (self.words or "").strip():
            raise ValidationError({"words": "Say how families see progress"})


class YouSaidWeDidQuerySet(TrackedQuerySet["YouSaidWeDid"]):
    def in_force(self) -> "YouSaidWeDidQuerySet":
        return self.filter(withdrawn_at__isnull=True)


class YouSaidWeDid(models.Model):
    """What families said, what changed because of it, and the evidence."""

    local_area = models.ForeignKey(
        LocalArea, on_delete=models.PROTECT, related_name="you_said_we_did"
    )
    weakness = models.ForeignKey(
        AreaOfWeakness,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="you_said_we_did",
        help_text="The finding it is about, if any.",
    )
    date = models.DateField(help_text="When the change was made.")
    you_said = models.TextField()
    we_did = models.TextField()
    evidence = models.TextField(blank=True)
    published = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = YouSaidWeDidQuerySet.as_manager()

    class Meta:
        ordering = ["local_area", "-date", "-pk"]
        verbose_name = "“You said, we did” entry"
        verbose_name_plural = "“You said, we did” entries"

    def __str__(self) -> str:
        return f"You said, we did ({self.date:%-d %B %Y}): {self.you_said[:60]}"

    def clean(self) -> None:
        errors = {}
        if not (self.you_said or "").strip():
            errors["you_said"] = "Say what families said"
        if not (self.we_did or "").strip():
            errors["we_did"] = "Say what was done"
        if self.date and self.date > timezone.localdate():
            errors["date"] = "The date cannot be in the future"
        weakness = self.weakness if self.weakness_id else None
        if (
            weakness is not None
            and self.local_area_id
            and weakness.inspection.local_area_id != self.local_area_id
        ):
            errors["weakness"] = "Choose a finding of this local area"
        if errors:
            raise ValidationError(errors)


class EasyReadSummary(models.Model):
    """A short easy-read summary of one finding and the progress on it, for the public page."""

    weakness = models.OneToOneField(
        AreaOfWeakness, on_delete=models.PROTECT, related_name="easy_read"
    )
    text = models.TextField(blank=True)
    published = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()
    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "easy-read summaries"

    def __str__(self) -> str:
        return f"Easy-read summary of finding {self.weakness.number}"

    def clean(self) -> None:
        if self.published and not (self.text or "").strip():
            raise ValidationError({"text": "Write the summary before publishing it"})
