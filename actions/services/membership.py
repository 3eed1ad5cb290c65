"""Who belongs to which local area, in what role: each change leaves a history row with who
made it and why, as a status change does. Roles decide who may do what, so they are evidence too.

Nobody's membership is deleted: removing a person ends it (`ended_at`), and giving a role to
someone who once belonged to the area reopens theirs, so one row carries a person's whole
history in the area.

Who acts: a person (`actor`), who must be able to manage the area's people (its programme
manager, or a superuser), or `None`, a trusted process run by the installation's operator
(management commands, the demo installer, data migrations), which skips the permission check
only. Every other rule (a reason, workstreams of the same area, the area's last programme
manager) holds for everyone. The security log hears of every role given, changed or ended
from the membership's own save (accounts/signals.py), so these functions log nothing
themselves.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from actions import permissions
from actions.models import Invitation, Membership, Workstream
from actions.services.common import _save_with_history
from inspections.models import LocalArea
from wsoa.lib.audit import required_reason

Role = Membership.Role

NO_MANAGER_LEFT = "The area needs a programme manager: give the role to someone else first."


def refuse_unless_manager(actor: User | None, local_area: LocalArea) -> None:
    """PermissionDenied unless `actor` may manage the area's people; None is the operator."""
    if actor is not None and not permissions.can_manage_people(actor, local_area):
        raise PermissionDenied("Only the area's programme manager can manage its people.")


def check_role(role: str, workstreams: Iterable[Workstream], local_area: LocalArea) -> list:
    """The workstreams, checked against the role: a lead leads some, nobody else any."""
    workstreams = list(workstreams)
    errors = {}
    if role not in Role.values:
        errors["role"] = "Choose a role."
    elif role == Role.WORKSTREAM_LEAD and not workstreams:
        errors["workstreams"] = "Choose the workstreams this person leads."
    elif role != Role.WORKSTREAM_LEAD and workstreams:
        errors["workstreams"] = "Only a workstream lead leads workstreams."
    if any(w.plan.local_area_id != local_area.pk for w in workstreams):
        errors["workstreams"] = "Workstreams must be of the same local area."
    if errors:
        raise ValidationError(errors)
    return workstreams


@contextmanager
def _no_history_row(membership: Membership) -> Iterator[None]:
    """Save without a history row: the caller's next save writes one for the whole change."""
    setattr(membership, "skip_history_when_saving", True)  # noqa: B010 (read by simple-history)
    try:
        yield
    finally:
        delattr(membership, "skip_history_when_saving")


def _replace_workstreams(membership: Membership, workstreams: Iterable[Workstream]) -> bool:
    """Set the workstreams a lead leads, without a history row of its own: the caller's save
    writes one row for the whole change, with its snapshot of the workstreams."""
    workstreams = set(workstreams)
    if set(membership.workstreams.all()) == workstreams:
        return False
    with _no_history_row(membership):
        membership.workstreams.set(workstreams)
    return True


def _refuse_leaving_no_manager(membership: Membership) -> None:
    if membership.role != Role.PROGRAMME_MANAGER:
        return
    others = (
        Membership.objects.current()
        .filter(local_area_id=membership.local_area_id, role=Role.PROGRAMME_MANAGER)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(NO_MANAGER_LEFT)


def _locked_current(membership: Membership) -> Membership:
    locked = (
        Membership.objects.select_for_update().select_related("local_area").get(pk=membership.pk)
    )
    if not locked.is_current:
        raise ValidationError("This person no longer belongs to the area.")
    return locked


@transaction.atomic
def membership_create(
    *,
    user: User,
    local_area: LocalArea,
    role: str,
    actor: User | None,
    reason: str,
    workstreams: Iterable[Workstream] = (),
    invitation: Invitation | None = None,
) -> Membership:
    """Give a person a role in a local area and, for a workstream lead, the workstreams they lead.

    The history row names the actor. With `invitation` (accepted by its invited person, and
    locked by the caller) the invitation is the authority: it was checked when it was sent.
    Someone removed from the area earlier gets their membership back, with a new history row.
    """
    if invitation is None:
        refuse_unless_manager(actor, local_area)
    elif (invitation.local_area_id, invitation.role) != (local_area.pk, role):
        raise PermissionDenied("The invitation is for another area or role.")
    reason = required_reason(reason, "Say why this person is given a role.")
    workstreams = check_role(role, workstreams, local_area)
    membership = (
        Membership.objects.select_for_update().filter(user=user, local_area=local_area).first()
    )
    if membership is not None and membership.is_current:
        raise ValidationError(f"{user.get_username()} already belongs to {local_area.name}.")
    if membership is None:
        membership = Membership(user=user, local_area=local_area, role=role)
        membership.full_clean()
        if workstreams:
            # The workstreams need the row first; one history row follows once they are set.
            with _no_history_row(membership):
                membership.save()
    else:
        membership.role = role
        membership.ended_at = None
        membership.full_clean()
    if membership.pk is not None:
        _replace_workstreams(membership, workstreams)
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
    """Give a member of the area another role, or change the workstreams a lead leads.

    `workstreams`, when given, replaces those they lead; when not, a lead keeps theirs.
    One history row records the change; nothing changed, nothing recorded.
    """
    refuse_unless_manager(actor, membership.local_area)
    locked = _locked_current(membership)
    reason = required_reason(reason, "Say why the role changes.")
    if workstreams is None:
        workstreams = locked.workstreams.all() if role == Role.WORKSTREAM_LEAD else ()
    workstreams = check_role(role, workstreams, locked.local_area)
    if role != Role.PROGRAMME_MANAGER:
        _refuse_leaving_no_manager(locked)
    changed = _replace_workstreams(locked, workstreams)
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
def membership_end(*, membership: Membership, actor: User | None, reason: str) -> Membership:
    """Take a person out of a local area: the membership ends, its row and history stay."""
    refuse_unless_manager(actor, membership.local_area)
    locked = _locked_current(membership)
    reason = required_reason(reason, "Say why this person leaves the area.")
    _refuse_leaving_no_manager(locked)
    locked.ended_at = timezone.now()
    _save_with_history(locked, actor=actor, reason=reason)
    membership.ended_at = locked.ended_at
    permissions.forget_access(membership.user)
    return locked
