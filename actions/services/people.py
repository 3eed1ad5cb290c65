"""Who belongs to a local area and in which role: invitations, role changes, removals.

Every change of a person's role is saved as a row of the membership's history with who made
it and why (the people page shows them) and logged to `wsoa.security`. Nobody's membership is
deleted: removing a person ends it.
"""

import datetime as dt
import logging
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions import permissions
from actions.models import Invitation, Membership, Workstream, hash_token
from inspections.models import LocalArea
from inspections.services import local_area_create

security_log = logging.getLogger("wsoa.security")

Role = Membership.Role


def _refuse_unless_manager(actor: AbstractBaseUser | None, area: LocalArea) -> None:
    # actor None is a trusted process run from the command line.
    if actor is not None and not permissions.can_manage_people(actor, area):
        raise PermissionDenied("Only the area's programme manager can manage its people.")


def _check_role(role: str, workstreams: Iterable[Workstream], area: LocalArea) -> list:
    workstreams = list(workstreams)
    errors = {}
    if role not in Role.values:
        errors["role"] = "Choose a role."
    elif role == Role.WORKSTREAM_LEAD and not workstreams:
        errors["workstreams"] = "Choose the workstreams this person leads."
    elif role != Role.WORKSTREAM_LEAD and workstreams:
        errors["workstreams"] = "Only a workstream lead leads workstreams."
    if any(w.plan.local_area_id != area.pk for w in workstreams):
        errors["workstreams"] = "Workstreams must be of the same local area."
    if errors:
        raise ValidationError(errors)
    return workstreams


def _save_membership(
    membership: Membership,
    *,
    workstreams: list[Workstream],
    actor: AbstractBaseUser | None,
    reason: str,
) -> None:
    """Save the membership and its workstreams as one history row carrying who and why."""
    membership.full_clean(validate_constraints=False)
    if membership.pk is None:
        # The workstreams need the row first; the history row follows once they are set.
        membership.skip_history_when_saving = True
        try:
            membership.save()
        finally:
            del membership.skip_history_when_saving
    membership.skip_history_when_saving = True
    try:
        membership.workstreams.set(workstreams)
    finally:
        del membership.skip_history_when_saving
    membership._history_user = actor
    membership._change_reason = reason
    try:
        membership.save()
    finally:
        del membership._change_reason


def _other_managers(membership: Membership):
    return (
        Membership.objects.current()
        .filter(local_area_id=membership.local_area_id, role=Role.PROGRAMME_MANAGER)
        .exclude(pk=membership.pk)
    )


def _refuse_leaving_no_manager(membership: Membership, message: str) -> None:
    if membership.role == Role.PROGRAMME_MANAGER and not _other_managers(membership).exists():
        raise ValidationError(message)


def _who(user: AbstractBaseUser | None) -> str:
    return user.get_username() if user is not None else "command line"


# --- invitations -------------------------------------------------------------------------


def _send_invitation(invitation: Invitation, token: str) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse("invitation_accept", kwargs={"token": token})
    context = {"invitation": invitation, "link": link, "area": invitation.local_area}
    send_mail(
        subject=f"You are invited to the WSoA tracker of {invitation.local_area.name}",
        message=render_to_string("actions/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


@transaction.atomic
def invitation_create(
    *,
    local_area: LocalArea,
    actor: AbstractBaseUser | None,
    email: str,
    role: str,
    workstreams: Iterable[Workstream] = (),
    reason: str = "Invited",
) -> tuple[Invitation, str]:
    """Invite a person by e-mail to join the area in a role; the e-mail goes once saved.

    Returns the invitation and its token (only its hash is stored). A newer invitation of
    the same address to the same area replaces any still pending.
    """
    _refuse_unless_manager(actor, local_area)
    email = email.strip().lower()
    workstreams = _check_role(role, workstreams, local_area)
    already = Membership.objects.current().filter(local_area=local_area, user__email__iexact=email)
    if email and already.exists():
        raise ValidationError({"email": f"{email} already belongs to {local_area.name}."})
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        local_area=local_area,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=actor,
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.INVITATION_DAYS),
    )
    invitation.full_clean()
    for earlier in (
        Invitation.objects.pending(now)
        .select_for_update()
        .filter(local_area=local_area, email=email)
    ):
        earlier.withdrawn_at = now
        earlier._history_user = actor
        earlier._change_reason = "Replaced by a newer invitation"
        earlier.save()
    invitation._history_user = actor
    invitation._change_reason = reason
    invitation.save()
    invitation.workstreams.set(workstreams)
    security_log.info("%s invited %s to %s as %s", _who(actor), email, local_area.slug, role)
    transaction.on_commit(lambda: _send_invitation(invitation, token))
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation this link's token opens, used or not; None if there is none."""
    return (
        Invitation.objects.select_related("local_area").filter(token_hash=hash_token(token)).first()
    )


def invitation_existing_user(invitation: Invitation) -> AbstractBaseUser | None:
    return get_user_model().objects.filter(email__iexact=invitation.email).order_by("pk").first()


class InvitationUnusable(Exception):
    """The link was used already, withdrawn, or has expired."""


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    """The invited person sets their password (and, if new, their name) and joins the area.

    An existing account with the invited address joins the area with the password it sets.
    Refused, changing nothing, when the link was used, withdrawn or has expired.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .filter(token_hash=hash_token(token))
        .select_related("local_area")
        .first()
    )
    if invitation is None or not invitation.is_usable():
        raise InvitationUnusable("This invitation link cannot be used.")
    User = get_user_model()
    user = invitation_existing_user(invitation)
    errors: dict[str, list[str]] = {}
    if user is None:
        user = User(username=invitation.email, email=invitation.email)
        if not first_name.strip():
            errors["first_name"] = ["Enter your first name."]
        if not last_name.strip():
            errors["last_name"] = ["Enter your last name."]
        user.first_name, user.last_name = first_name.strip(), last_name.strip()
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.full_clean(exclude=["password"] if user.pk else None)
    user.save()
    membership = _give_role(
        user=user,
        local_area=invitation.local_area,
        role=invitation.role,
        workstreams=list(invitation.workstreams.select_related("plan")),
        actor=invitation.invited_by,
        reason=f"Accepted the invitation of {invitation.created_at:%d %B %Y}",
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation._history_user = user
    invitation._change_reason = "Accepted"
    invitation.save()
    security_log.info(
        "%s joined %s as %s", user.get_username(), invitation.local_area.slug, invitation.role
    )
    return membership


def _give_role(
    *,
    user: AbstractBaseUser,
    local_area: LocalArea,
    role: str,
    workstreams: list[Workstream],
    actor: AbstractBaseUser | None,
    reason: str,
) -> Membership:
    membership = (
        Membership.objects.select_for_update().filter(user=user, local_area=local_area).first()
    )
    if membership is None:
        membership = Membership(user=user, local_area=local_area)
    membership.role = role
    membership.ended_at = None
    _save_membership(membership, workstreams=workstreams, actor=actor, reason=reason)
    permissions.forget_access(user)
    return membership


# --- roles -------------------------------------------------------------------------------


@transaction.atomic
def membership_change_role(
    *,
    membership: Membership,
    actor: AbstractBaseUser | None,
    role: str,
    workstreams: Iterable[Workstream] = (),
    reason: str,
) -> Membership:
    """Give a member of the area another role, or change the workstreams a lead leads."""
    _refuse_unless_manager(actor, membership.local_area)
    locked = (
        Membership.objects.select_for_update().select_related("local_area").get(pk=membership.pk)
    )
    if not locked.is_current:
        raise ValidationError("This person no longer belongs to the area.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the role changes."})
    workstreams = _check_role(role, workstreams, locked.local_area)
    if role != Role.PROGRAMME_MANAGER:
        _refuse_leaving_no_manager(
            locked,
            "The area needs a programme manager: give the role to someone else first.",
        )
    before = locked.get_role_display()
    locked.role = role
    _save_membership(locked, workstreams=workstreams, actor=actor, reason=reason.strip())
    permissions.forget_access(locked.user)
    permissions.forget_access(membership.user)
    security_log.info(
        "%s changed the role of %s in %s from %s to %s",
        _who(actor),
        locked.user.get_username(),
        locked.local_area.slug,
        before,
        locked.get_role_display(),
    )
    membership.refresh_from_db()
    return locked


@transaction.atomic
def membership_end(
    *, membership: Membership, actor: AbstractBaseUser | None, reason: str
) -> Membership:
    """Remove a person from the area: their membership ends, its history stays."""
    _refuse_unless_manager(actor, membership.local_area)
    locked = (
        Membership.objects.select_for_update().select_related("local_area").get(pk=membership.pk)
    )
    if not locked.is_current:
        raise ValidationError("This person no longer belongs to the area.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why this person leaves the area."})
    _refuse_leaving_no_manager(
        locked, "The area needs a programme manager: give the role to someone else first."
    )
    locked.ended_at = timezone.now()
    _save_membership(
        locked,
        workstreams=list(locked.workstreams.all()),
        actor=actor,
        reason=reason.strip(),
    )
    permissions.forget_access(locked.user)
    permissions.forget_access(membership.user)
    security_log.info(
        "%s removed %s from %s", _who(actor), locked.user.get_username(), locked.local_area.slug
    )
    membership.refresh_from_db()
    return locked


# --- areas -------------------------------------------------------------------------------

# Words an area's address cannot be, as /areas/<word>/ is a page of its own.
RESERVED_SLUGS = frozenset({"new"})


@transaction.atomic
def area_create_with_manager(
    *,
    actor: AbstractBaseUser | None,
    name: str,
    slug: str,
    council_name: str,
    health_partner_name: str,
    manager_email: str,
    reason: str = "New local area",
) -> tuple[LocalArea, Invitation, str]:
    """Start a local area and invite its first programme manager (the operator's job)."""
    if actor is not None and not permissions.can_create_area(actor):
        raise PermissionDenied("Only the installation's operator can start a local area.")
    errors: dict[str, list[str]] = {}
    area = None
    try:
        area = local_area_create(
            actor=actor,
            name=name,
            slug=slug,
            council_name=council_name,
            health_partner_name=health_partner_name,
            reason=reason,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        validate_email(manager_email.strip())
    except ValidationError:
        errors["manager_email"] = ["Enter an e-mail address in the right format."]
    if slug in RESERVED_SLUGS:
        errors.setdefault("slug", []).append(f"“{slug}” is used by the service; choose another.")
    if errors:
        raise ValidationError(errors)
    invitation, token = invitation_create(
        local_area=area,
        actor=actor,
        email=manager_email,
        role=Role.PROGRAMME_MANAGER,
        reason=reason,
    )
    security_log.info("%s created the local area %s", _who(actor), slug)
    return area, invitation, token
