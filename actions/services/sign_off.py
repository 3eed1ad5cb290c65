"""Completion sign-off: an officer proposes, the workstream lead or programme manager confirms or returns."""

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import BRAG, Action
from actions.services.common import (
    _clear_completion_proposal,
    _lock,
    _refuse_if_withdrawn,
    _refuse_unless_can_confirm,
    _save_locked,
    short_reason,
)
from wsoa.lib.people import person_name


@transaction.atomic
def action_propose_completion(
    *,
    action: Action,
    actor: User,
    completed_date: dt.date | None,
    evidence: str,
    narrative: str,
    expected_version: int | None = None,
) -> Action:
    """An officer says the action is complete; it waits for a lead to confirm or return it.

    The status stays as it is until then. The evidence is saved on the action so the person
    signing off reads it there.
    """
    errors: dict[str, str] = {}
    if completed_date is None:
        errors["completed_date"] = "To propose completion, give the date the action was completed."
    elif completed_date > timezone.localdate():
        errors["completed_date"] = "The completed date cannot be in the future."
    if not (evidence or "").strip():
        errors["evidence"] = "To propose completion, give evidence of what was done."
    narrative = (narrative or "").strip()
    if not narrative:
        errors["narrative"] = "Describe the progress made since the last update."
    if errors:
        raise ValidationError(errors)
    locked = _lock(action, expected_version)
    _refuse_if_withdrawn(locked)
    if locked.status == BRAG.BLUE:
        raise ValidationError({"status": "This action is already complete."})
    locked.completion_proposed_by = actor
    locked.completion_proposed_at = timezone.now()
    locked.proposed_completed_date = completed_date
    locked.evidence = evidence.strip()
    return _save_locked(
        action,
        locked,
        actor=actor,
        reason=f"Completion proposed: {short_reason(narrative)}",
        narrative=narrative,
    )


def _pending_proposal(action: Action, expected_version: int | None) -> Action:
    locked = _lock(action, expected_version)
    if not locked.completion_proposed:
        raise ValidationError(
            "Nobody has proposed this action as complete, or it was already signed off."
        )
    return locked


@transaction.atomic
def action_confirm_completion(
    *,
    action: Action,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
) -> Action:
    """A lead confirms an officer's completion proposal: the action becomes Blue.

    The history row is the confirmer's, and its reason names the proposer, so both people
    stay on record.
    """
    locked = _pending_proposal(action, expected_version)
    _refuse_unless_can_confirm(actor, locked)
    proposer = person_name(locked.completion_proposed_by)
    proposed_on = timezone.localdate(locked.completion_proposed_at)
    signed_off = (
        f"Completion proposed by {proposer} on {proposed_on:%-d %B %Y}, "
        f"confirmed by {person_name(actor)}"
    )
    note = (note or "").strip()
    reason = f"{signed_off}: {short_reason(note)}" if note else signed_off
    locked.status = BRAG.BLUE
    locked.completed_date = locked.proposed_completed_date
    _clear_completion_proposal(locked)
    return _save_locked(
        action,
        locked,
        actor=actor,
        reason=reason,
        narrative=f"{signed_off}: {note}" if note else f"{signed_off}.",
    )


@transaction.atomic
def action_return_completion(
    *,
    action: Action,
    actor: User,
    reason: str,
    expected_version: int | None = None,
) -> Action:
    """A lead sends a completion proposal back to the officer, saying why; the status stays."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the action is not complete yet."})
    locked = _pending_proposal(action, expected_version)
    _refuse_unless_can_confirm(actor, locked)
    proposer = person_name(locked.completion_proposed_by)
    _clear_completion_proposal(locked)
    return _save_locked(
        action,
        locked,
        actor=actor,
        reason=f"Completion returned to {proposer}: {short_reason(reason)}",
        narrative=f"Completion returned to {proposer}: {reason}",
    )
