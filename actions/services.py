"""Every write to an action plan goes through these functions.

Each runs the model's own rules (`full_clean`), saves inside a transaction and records who
acted and why in the audit history, so the admin, the screens, imports and the shell all obey
the same rules.
"""

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import BRAG, Action, Plan, ProgressUpdate

# Fields a status change may set alongside the status itself.
STATUS_FIELDS = ("remedial_action", "completed_date", "evidence")


class StaleEditError(ValidationError):
    """Somebody else saved the action after this edit's form was opened."""


def _save_with_history(instance: Any, *, actor: AbstractBaseUser | None, reason: str) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    try:
        instance.save()
    finally:
        del instance._change_reason


def _lock(action: Action, expected_version: int | None) -> Action:
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEditError(
            "Somebody else updated this action while you were editing it. "
            "Their change is shown below; check it and make your update again."
        )
    return locked


@transaction.atomic
def action_change_status(
    *,
    action: Action,
    actor: AbstractBaseUser | None,
    status: str,
    reason: str,
    narrative: str = "",
    remedial_action: str | None = None,
    completed_date: dt.date | None = None,
    evidence: str | None = None,
    update_date: dt.date | None = None,
    expected_version: int | None = None,
) -> Action:
    """Set an action's BRAG status, with the why, and record a progress update.

    `completed_date` is cleared when the new status is not Blue, so moving an action back
    from Blue never leaves a stale completion date behind.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the status is being set."})
    status = BRAG(status)
    locked = _lock(action, expected_version)
    if remedial_action is not None:
        locked.remedial_action = remedial_action
    if evidence is not None:
        locked.evidence = evidence
    locked.completed_date = completed_date if status == BRAG.BLUE else None
    locked.status = status
    locked.version += 1
    locked.full_clean()
    _save_with_history(locked, actor=actor, reason=reason)
    if narrative.strip():
        ProgressUpdate.objects.create(
            action=locked,
            author=actor,
            date=update_date or timezone.localdate(),
            narrative=narrative.strip(),
            status=status,
        )
    _refresh(action, locked)
    return locked


@transaction.atomic
def action_update(
    *,
    action: Action,
    actor: AbstractBaseUser | None,
    reason: str,
    expected_version: int | None = None,
    **fields: Any,
) -> Action:
    """Change any of an action's fields (including its status) with a reason for the history."""
    reason = (reason or "").strip()
    locked = _lock(action, expected_version)
    for name, value in fields.items():
        setattr(locked, name, value)
    if locked.status_changed and not reason:
        raise ValidationError({"reason": "Say why the status changed."})
    locked.version += 1
    locked.full_clean()
    _save_with_history(locked, actor=actor, reason=reason or "Details edited")
    _refresh(action, locked)
    return locked


@transaction.atomic
def action_create(
    *, plan: Plan, actor: AbstractBaseUser | None, reason: str = "Created", **fields: Any
) -> Action:
    action = Action(plan=plan, **fields)
    action.full_clean()
    _save_with_history(action, actor=actor, reason=reason)
    return action


def _refresh(stale: Action, fresh: Action) -> None:
    """Let the caller's instance reflect what was saved."""
    if stale is fresh:
        return
    for field in Action._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))
    stale._loaded_status = fresh.status
