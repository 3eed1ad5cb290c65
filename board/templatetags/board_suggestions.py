"""`{% dashboard_suggestions board as suggested %}`: the status suggestions of a dashboard.

Read from the dashboard's own lists, so they cost no query: an action the evidence speaks
against is overdue or has no update this month, and both lists are on the dashboard.
"""

from dataclasses import dataclass

from django import template

from actions import rules
from actions.suggestions import Suggestion, suggest_for_action
from board.selectors.dashboard import ActionLine, Dashboard

register = template.Library()


@dataclass(frozen=True)
class SuggestedLine:
    line: ActionLine
    suggestion: Suggestion


def suggestions_on(board: Dashboard) -> list[SuggestedLine]:
    """Each listed action whose status the evidence disputes, in reference order."""
    stale = {line.action.id: line for line in board.stale}
    lines = {line.action.id: line for line in board.overdue} | stale
    found = []
    for pk, line in lines.items():
        # Not in the "no update this month" list: it has one this month (or has not started).
        last_update = line.last_update if pk in stale else board.as_at
        suggestion = suggest_for_action(line.action, last_update=last_update, today=board.as_at)
        if suggestion is not None:
            found.append(SuggestedLine(line, suggestion))
    return sorted(found, key=lambda item: rules.reference_key(item.line.action.reference))


@register.simple_tag
def dashboard_suggestions(board: Dashboard) -> list[SuggestedLine]:
    return suggestions_on(board)
