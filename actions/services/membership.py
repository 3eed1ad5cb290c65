"""Who belongs to which local area, in what role: each change leaves a history row with who
made it and why, as a status change does. Roles decide who may do what, so they are evidence too.
"""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from actions import permissions
from actions.models import Membership, Workstream
from actions.services.common import _save_with_history
from inspections.models import LocalArea


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why this person's role is being changed."})
    return reason


def _replace_workstreams(membership: Membership, workstreams: Iterable[Workstream]) -> bool:
    """Set the workstreams a lead leads, without a history row of its own: the caller's save
    writes one row for the whole change, with its snapshot of the workstreams."""
    workstreams = set(workstreams)
    if any(w.plan.local_area_id != membership.local_area_id for w in workstreams):
        raise ValidationError({"workstreams": "Workstreams must be of the same local area."})
    if set(membership.workstreams.all()) == workstreams:
        return False
    # simple-history reads this flag, and the history user and reason below, from the
    # instance; the model's type cannot declare them.
    membership.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        membership.workstreams.set(workstreams)
    finally:
        del membership.skip_history_when_saving  # type: ignore[attr-defined]
    return True


@transaction.atomic
def membership_create(
    *,
    user: User,
    local_area: LocalArea,
    role: str,
    actor: User | None,
    reason: str,
    workstreams: Iterable[Workstream] = (),
) -> Membership:
    """Give a person a role in a local area and, for a workstream lead, the workstreams they
    lead (a second history row, as the membership must exist before its workstreams)."""
    reason = _require_reason(reason)
    membership = Membership(user=user, local_area=local_area, role=role)
    membership.full_clean()
    _save_with_history(membership, actor=actor, reason=reason)
    if _replace_workstreams(membership, workstreams):
        _save_with_history(membership, actor=actor, reason=reason)
    permissions.forget_access(user)
    return membership


@transaction.atomic
def membership_change_role(
    *,
    membership: Membership,
    actor: User | None,
    role: str,
    reason: str,
    workstreams: Iterable[Workstream] | None = None,
) -> Membership:
    """Change a person's role in their area; `workstreams`, when given, replaces those they
    lead. One history row records the change; nothing changed, nothing recorded."""
    reason = _require_reason(reason)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    changed = workstreams is not None and _replace_workstreams(locked, workstreams)
    if locked.role != role:
        locked.role = role
        changed = True
    if changed:
        locked.full_clean()
        _save_with_history(locked, actor=actor, reason=reason)
    membership.role = locked.role
    permissions.forget_access(membership.user)
    return locked


@transaction.atomic
def membership_end(*, membership: Membership, actor: User | None, reason: str) -> None:
    """Take a person out of a local area; the history keeps the role they had."""
    reason = _require_reason(reason)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    # Read by simple-history for the deletion's history row (see _replace_workstreams).
    locked._history_user = actor  # type: ignore[attr-defined]
    locked._change_reason = reason  # type: ignore[attr-defined]
    locked.delete()
    permissions.forget_access(membership.user)
