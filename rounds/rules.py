"""The rules of the monthly update round, each written once.

Which actions owe an update is the actions' own rule (actions.rules.owes_update); this
module says when the round opens, when an action still owing goes to its workstream lead and
then to the programme manager, and how often a person may be e-mailed.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from actions.rules import update_month_start
from inspections.clock import add_working_days
from rounds.models import RoundNotice, RoundSettings

Kind = RoundNotice.Kind


@dataclass(frozen=True)
class Rules:
    """An area's round settings, or the installation's defaults when it has none."""

    opening_day: int
    escalation_working_days: int
    configured: bool = False

    @classmethod
    def of(cls, settings_row: RoundSettings | None) -> "Rules":
        if settings_row is None:
            return cls(
                opening_day=settings.ROUND_OPENING_DAY,
                escalation_working_days=settings.ROUND_ESCALATION_WORKING_DAYS,
            )
        return cls(
            opening_day=settings_row.opening_day,
            escalation_working_days=settings_row.escalation_working_days,
            configured=True,
        )

    def opens_on(self, today: dt.date) -> dt.date:
        """The day this month's round opens."""
        return update_month_start(today).replace(day=self.opening_day)

    def is_open(self, today: dt.date) -> bool:
        return today >= self.opens_on(today)

    def escalates_to_workstream_lead_on(self, today: dt.date) -> dt.date:
        """N working days after the round opens (weekends and bank holidays skipped)."""
        return add_working_days(self.opens_on(today), self.escalation_working_days)

    def escalates_to_programme_manager_on(self, today: dt.date) -> dt.date:
        return add_working_days(self.opens_on(today), 2 * self.escalation_working_days)

    def escalation_due(self, today: dt.date) -> str | None:
        """How far an action still owing an update today has been escalated: the notice kind
        of the highest level reached, or None before the first escalation day."""
        if today >= self.escalates_to_programme_manager_on(today):
            return Kind.TO_PROGRAMME_MANAGER
        if today >= self.escalates_to_workstream_lead_on(today):
            return Kind.TO_WORKSTREAM_LEAD
        return None


def rules_for(local_area_id: int) -> Rules:
    return Rules.of(RoundSettings.objects.filter(local_area_id=local_area_id).first())
