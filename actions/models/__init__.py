from actions.models.action import Action, ActionQuerySet, ProgressUpdate
from actions.models.brag import BRAG
from actions.models.membership import Invitation, Membership, hash_token
from actions.models.plan import (
    BoardMeeting,
    Commitment,
    KeyObjective,
    MonitoringVisit,
    Plan,
    Priority,
    Workstream,
    WorkstreamMember,
)
from actions.models.snapshot import MonthCountChange, RedSpell

__all__ = [
    "BRAG",
    "Action",
    "ActionQuerySet",
    "BoardMeeting",
    "Commitment",
    "Invitation",
    "KeyObjective",
    "Membership",
    "MonthCountChange",
    "MonitoringVisit",
    "Plan",
    "Priority",
    "ProgressUpdate",
    "RedSpell",
    "Workstream",
    "WorkstreamMember",
    "hash_token",
]
