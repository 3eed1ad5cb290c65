"""Where a Green action's off-track measures come from, for the status suggestions
(actions/suggestions.py): the measures of the action's finding, rated as at the day asked."""

import datetime as dt

from actions.models import BRAG, Action
from measures.ratings import Rating
from measures.selectors import finding_measures


def off_track_measures(action: Action, today: dt.date) -> list[str]:
    # Only "Green but its measure is off track" asks: other statuses need no reads.
    if action.status != BRAG.GREEN or action.weakness_id is None:
        return []
    return [
        status.name
        for status in finding_measures(finding=action.weakness, as_at=today, plan=action.plan)
        if status.rating == Rating.OFF_TRACK
    ]
