"""Status, progress and detail changes to one action."""

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from actions import permissions, rules
from actions.models import BRAG, Action, Plan
from actions.services.common import (
    _check_after_last_change,
    _check_not_future,
    _clear_completion_proposal,
    _lock,
    _refuse_blue_unless_allowed,
    _refuse_if_withdrawn,
    _save_locked,
    _save_with_history,
    short_reason,
)
from actions.services.sign_off import action_propose_completion


@transaction.atomic
def action_change_status(
    *,
    action: Action,
    actor: User | None,
    status: str,
    reason: str,
    narrative: str = "",
    remedial_action: str | None = None,
    completed_date: dt.date | None = None,
    evidence: str | None = None,
    update_date: dt.date | None = None,
    expected_version: int | None = None,
    at: dt.datetime | None = None,
    suggested_status: str = "",
) -> Action:
    """Set an action's BRAG status, with the why, and record a progress update.

    `suggested_status` is the status the tracker suggested (actions/suggestions.py) when the
    person chose this one; the progress update keeps it, so whether they followed it is known.

    `completed_date` is cleared when the new status is not Blue, so moving an action back
    from Blue never leaves a stale completion date behind. Setting Blue needs a person who may
    mark the action complete (a workstream lead or programme manager); it settles any pending
    completion proposal. `at` records the change as made at that past moment (history row and
    progress update alike), for imports of earlier records.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the status is being set."})
    _check_not_future(at)
    status = BRAG(status)
    locked = _lock(action, expected_version)
    _refuse_if_withdrawn(locked)
    if at is not None:
        _check_after_last_change(locked, at)
    if status == BRAG.BLUE and locked.status != BRAG.BLUE:
        _refuse_blue_unless_allowed(actor, locked)
    if status == BRAG.BLUE:
        _clear_completion_proposal(locked)
    if remedial_action is not None:
        locked.remedial_action = remedial_action
    if evidence is not None:
        locked.evidence = evidence
    locked.completed_date = completed_date if status == BRAG.BLUE else None
    locked.status = status
    return _save_locked(
        action,
        locked,
        actor=actor,
        reason=reason,
        narrative=narrative.strip(),
        at=at,
        update_date=update_date,
        suggested_status=suggested_status,
    )


@transaction.atomic
def action_update(
    *,
    action: Action,
    actor: User | None,
    reason: str,
    expected_version: int | None = None,
    **fields: Any,
) -> Action:
    """Change any of an action's fields (including its status) with a reason for the history."""
    reason = (reason or "").strip()
    locked = _lock(action, expected_version)
    was_blue = locked.status == BRAG.BLUE
    for name, value in fields.items():
        setattr(locked, name, value)
    if locked.status == BRAG.BLUE and not was_blue:
        _refuse_blue_unless_allowed(actor, locked)
        _clear_completion_proposal(locked)
    if rules.status_reason_missing(status_changed=locked.status_changed, reason=reason):
        raise ValidationError({"reason": rules.STATUS_REASON_REQUIRED})
    return _save_locked(action, locked, actor=actor, reason=reason or "Details edited")


# No transaction of its own: it only checks and hands over to one service, whose transaction
# holds the whole write (a nested one would cost a savepoint on every monthly update).
def action_record_progress(
    *,
    action: Action,
    actor: User,
    status: str,
    narrative: str,
    remedial_action: str = "",
    completed_date: dt.date | None = None,
    evidence: str = "",
    expected_version: int | None = None,
    suggested_status: str = "",
) -> Action:
    """The monthly update of an action: its status, a progress narrative and what the status needs.

    The narrative becomes the progress update and the reason in the history. Choosing Blue
    marks the action complete when the person may do so; otherwise it proposes completion for
    the workstream lead to confirm.
    """
    narrative = (narrative or "").strip()
    if not narrative:
        raise ValidationError({"narrative": "Describe the progress made since the last update."})
    status = BRAG(status)
    if (
        status == BRAG.BLUE
        and action.status != BRAG.BLUE
        and not permissions.can_set_blue_directly(actor, action)
    ):
        return action_propose_completion(
            action=action,
            actor=actor,
            completed_date=completed_date,
            evidence=evidence,
            narrative=narrative,
            expected_version=expected_version,
        )
    return action_change_status(
        action=action,
        actor=actor,
        status=status,
        reason=short_reason(narrative),
        narrative=narrative,
        remedial_action=remedial_action,
        completed_date=completed_date,
        evidence=evidence,
        expected_version=expected_version,
        suggested_status=suggested_status,
    )


@transaction.atomic
def action_create(
    *,
    plan: Plan,
    actor: User | None,
    reason: str = "Created",
    at: dt.datetime | None = None,
    **fields: Any,
) -> Action:
    """Add an action to a plan; `at` dates its first history row in the past (imports)."""
    _check_not_future(at)
    action = Action(plan=plan, **fields)
    if action.original_due_date is None:
        # The due date the action starts with is its baseline.
        action.original_due_date = action.due_date
    action.full_clean()
    _save_with_history(action, actor=actor, reason=reason, at=at)
    return action
