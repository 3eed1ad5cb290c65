"""What every write shares: locking against stale edits, saving with a history reason."""

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator

from actions import permissions
from actions.models import Action, ProgressUpdate
from wsoa.lib.audit import save_with_history as _save_with_history

# Fields a status change may set alongside the status itself.
STATUS_FIELDS = ("remedial_action", "completed_date", "evidence")


class StaleEditError(ValidationError):
    """Somebody else saved the action after this edit's form was opened."""


def _check_not_future(at: dt.datetime | None) -> None:
    if at is not None and at > timezone.now():
        raise ValidationError(
            {"at": "History cannot be recorded for a time that has not come yet."}
        )


def _check_after_last_change(action: Action, at: dt.datetime) -> None:
    # A change slipped in before later ones would rewrite what the as-at reports showed.
    last = action.history.order_by("-history_date").values_list("history_date", flat=True)[:1]
    if last and at < last[0]:
        raise ValidationError(
            {"at": "A change cannot be dated before the action's last recorded change."}
        )


def _refuse_blue_unless_allowed(actor: User | None, action: Action) -> None:
    # actor None is a trusted process run from the command line (data load, import).
    if actor is not None and not permissions.can_set_blue_directly(actor, action):
        raise PermissionDenied(
            "Only the workstream lead or the programme manager can mark this action complete. "
            "Propose completion instead."
        )


def _refuse_unless_can_confirm(actor: User, action: Action) -> None:
    if not permissions.can_confirm_completion(actor, action):
        raise PermissionDenied(
            "Only the workstream lead or the programme manager can sign off completion."
        )


def _refuse_if_withdrawn(action: Action) -> None:
    if action.is_withdrawn:
        raise ValidationError(
            f"This action was withdrawn on {action.withdrawn_date:%-d %B %Y}; "
            "it can no longer be changed."
        )


def _clear_completion_proposal(action: Action) -> None:
    action.completion_proposed_by = None
    action.completion_proposed_at = None
    action.proposed_completed_date = None


def short_reason(text: str) -> str:
    """A progress narrative cut down to a history reason."""
    return Truncator(" ".join(text.split())).chars(200)


# What the rules read through an action's relations (Action.clean) and its address
# (get_absolute_url): read with the locked row rather than one query each afterwards.
LOCK_RELATED = ("plan__local_area", "weakness", "commitment", "workstream")


def _lock(action: Action, expected_version: int | None) -> Action:
    locked = (
        Action.objects.select_related(*LOCK_RELATED)
        .select_for_update(of=("self",))
        .get(pk=action.pk)
    )
    locked._as_locked = _stored_values(locked)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEditError(
            "Somebody else updated this action while you were editing it. "
            "Their change is shown below; check it and make your update again."
        )
    return locked


def _save_locked(
    action: Action,
    locked: Action,
    *,
    actor: User | None,
    reason: str,
    narrative: str = "",
    at: dt.datetime | None = None,
    update_date: dt.date | None = None,
    suggested_status: str = "",
) -> Action:
    """Save a locked action as its next version, with its history row and, when there is a
    narrative, a progress update carrying the status it leaves the action in (and the status
    the tracker suggested, if any)."""
    locked.version += 1
    _full_clean(locked)
    _save_with_history(locked, actor=actor, reason=reason, at=at)
    if narrative:
        ProgressUpdate.objects.create(
            action=locked,
            author=actor,
            date=update_date or timezone.localdate(at),
            narrative=narrative,
            status=locked.status,
            suggested_status=suggested_status or "",
            created_at=at or timezone.now(),
        )
    _refresh(action, locked)
    return locked


def _full_clean(locked: Action) -> None:
    """full_clean() of a locked action, every problem at once, asking the database only what
    it must: not about fields the write leaves alone (`_unchanged_fields`), nor to evaluate the
    check constraints clean() has just checked in Python (Action.CHECKS_IN_CLEAN)."""
    exclude = _unchanged_fields(locked)
    errors: dict[str, Any] = {}
    try:
        locked.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
        # As full_clean() does: constraints only for fields that passed their own checks.
        exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
    for constraint in Action._meta.constraints:
        if constraint.name in Action.CHECKS_IN_CLEAN:
            continue
        try:
            constraint.validate(Action, locked, exclude=exclude)  # type: ignore[attr-defined]
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _stored_values(action: Action) -> dict[str, Any]:
    return {field.attname: getattr(action, field.attname) for field in Action._meta.concrete_fields}


def _unchanged_fields(locked: Action) -> set[str]:
    """Fields of a locked action this write leaves as the database holds them.

    Their per-field checks (a foreign key's row exists, a choice is valid, a value is unique)
    already hold for the stored row, which the database's own constraints guard, so
    full_clean() skips them rather than asking the database again; the model's clean() still
    checks every cross-field rule. A field sharing a constraint with a changed field is
    checked with it.
    """
    stored = locked.__dict__.get("_as_locked")
    if stored is None:
        return set()
    unchanged = {
        field.name
        for field in Action._meta.concrete_fields
        if getattr(locked, field.attname) == stored[field.attname]
    }
    for fields in _constraint_fields():
        if not fields <= unchanged:
            unchanged -= fields
    return unchanged


def _constraint_fields() -> list[set[str]]:
    groups: list[set[str]] = []
    for constraint in Action._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            groups.append(set(constraint.fields))
        elif isinstance(constraint, models.CheckConstraint):
            groups.append(set(Q(constraint.condition).referenced_base_fields))
    groups += [set(fields) for fields in Action._meta.unique_together]
    return groups


def _refresh(stale: Action, fresh: Action) -> None:
    """Let the caller's instance reflect what was saved."""
    if stale is fresh:
        return
    for field in Action._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))
    stale._loaded_status = fresh.status
