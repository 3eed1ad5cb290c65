"""The month-end snapshot: figures kept as statuses change, so the Board need not rebuild them.

Derived data, not evidence: `actions.snapshot` writes it in the transaction that writes each
action's history row, and `manage.py rebuild_month_end_snapshot` rebuilds it from the history
(the audit trail stays the record; these tables may be emptied and rebuilt at any time).
"""

import datetime as dt
from typing import NamedTuple

from django.db import models

from actions.models.action import Action
from actions.models.brag import BRAG
from actions.models.plan import Plan
from inspections.models import AreaOfWeakness

# `workstream_key` for an action in no workstream (a real key: the unique constraint and the
# upsert then treat "no workstream" as one value on every database).
NO_WORKSTREAM = 0


class Counted(NamedTuple):
    """What of an action decides where (and until when) it counts at a month-end."""

    weakness_id: int
    workstream_id: int | None
    status: str
    withdrawn_date: dt.date | None

    @classmethod
    def of(cls, obj) -> "Counted":
        """The counted state of an action, or of one of its history rows."""
        return cls(obj.weakness_id, obj.workstream_id, str(obj.status), obj.withdrawn_date)


class MonthCountChange(models.Model):
    """How many actions of one theme, workstream and status a plan gained (or lost) in a month.

    The count at a month-end is the sum of the changes of that month and every month before
    it: one GROUP BY over a few hundred rows per plan, whatever the size of its history.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    month_end = models.DateField()
    weakness = models.ForeignKey(AreaOfWeakness, on_delete=models.CASCADE, related_name="+")
    workstream_key = models.IntegerField(help_text="The workstream's id; 0 for none.")
    status = models.CharField(max_length=5, choices=BRAG.choices)
    change = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "month_end", "weakness", "workstream_key", "status"],
                name="month_count_change_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.month_end} {self.status} {self.change:+d}"


class RedSpell(models.Model):
    """One unbroken run of Red in an action's history: the Board's "Red since"."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    began_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["action", "began_at"], name="red_spell_action_idx")]

    def __str__(self) -> str:
        return f"{self.action_id} Red from {self.began_at:%Y-%m-%d}"
