import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actions.models.plan import Workstream
from inspections.models import LocalArea
from wsoa.lib.audit import TrackedQuerySet


class MembershipQuerySet(TrackedQuerySet["Membership"]):
    def current(self) -> "MembershipQuerySet":
        """Memberships not ended: the people who belong to their area today."""
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """A person's role in one local area. What each role may do lives in actions/permissions.py.

    Who may do what is security-relevant: changes go through actions.services (membership_*),
    and the history keeps every role and workstream set, who set it and why. Removing someone from an area ends their membership (`ended_at`); the row and its
    history stay, so the audit trail keeps who held which role and when.
    """

    class Role(models.TextChoices):
        OFFICER = "officer", "Officer"
        WORKSTREAM_LEAD = "workstream_lead", "Workstream lead"
        BOARD_MEMBER = "board_member", "Steering Board member"
        PROGRAMME_MANAGER = "programme_manager", "Programme manager"
        PARENT_CARER_FORUM = "parent_carer_forum", "Parent carer forum"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    workstreams = models.ManyToManyField(
        Workstream, blank=True, help_text="For a workstream lead: the workstreams they lead."
    )
    ended_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person was removed from the area."
    )
    history = HistoricalRecords(m2m_fields=["workstreams"])
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["local_area", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "local_area"], name="one_role_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.local_area}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    def clean(self) -> None:
        if self.role == self.Role.WORKSTREAM_LEAD and self.pk:
            foreign = self.workstreams.exclude(plan__local_area_id=self.local_area_id)
            if foreign.exists():
                raise ValidationError(
                    {"workstreams": "Workstreams must be of the same local area."}
                )


def hash_token(token: str) -> str:
    """What is stored of an invitation's token: its SHA-256, so a database leak opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(TrackedQuerySet["Invitation"]):
    def pending(self, now: dt.datetime | None = None) -> "InvitationQuerySet":
        now = now or timezone.now()
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """An e-mailed link that lets one person join a local area in a role, once, until it expires.

    Only the hash of the link's token is kept.
    """

    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Membership.Role.choices)
    workstreams = models.ManyToManyField(Workstream, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The history is append-only and kept for ever; the token's hash opens a pending
    # invitation, so it stays out of it.
    history = HistoricalRecords(excluded_fields=["token_hash"])

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.local_area}"

    def is_usable(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.withdrawn_at is None and self.expires_at > now
