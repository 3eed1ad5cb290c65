from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from actions.models.plan import Workstream
from inspections.models import LocalArea
from wsoa.lib.audit import TrackedQuerySet


class Membership(models.Model):
    """A person's role in one local area. What each role may do lives in actions/permissions.py.

    Who may do what is security-relevant: changes go through actions.services (membership_*),
    and the history keeps every role and workstream set, who set it and why.
    """

    class Role(models.TextChoices):
        OFFICER = "officer", "Officer"
        WORKSTREAM_LEAD = "workstream_lead", "Workstream lead"
        BOARD_MEMBER = "board_member", "Steering Board member"
        PROGRAMME_MANAGER = "programme_manager", "Programme manager"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    workstreams = models.ManyToManyField(
        Workstream, blank=True, help_text="For a workstream lead: the workstreams they lead."
    )

    history = HistoricalRecords(m2m_fields=["workstreams"])
    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["local_area", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "local_area"], name="one_role_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.local_area}"

    def clean(self) -> None:
        if self.role == self.Role.WORKSTREAM_LEAD and self.pk:
            foreign = self.workstreams.exclude(plan__local_area_id=self.local_area_id)
            if foreign.exists():
                raise ValidationError(
                    {"workstreams": "Workstreams must be of the same local area."}
                )
