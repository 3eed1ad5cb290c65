"""Inviting people to a local area, and starting an area with its first programme manager.

Roles themselves are given, changed and ended by actions/services/membership.py, which an
accepted invitation calls; the actor `None` means the installation's operator there as here.
Invitations and new areas go to the security log (role changes reach it from the membership's
own save).
"""

import datetime as dt
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.events import security_event
from actions import permissions
from actions.models import Invitation, Membership, Workstream, hash_token
from actions.services.common import _save_with_history
from actions.services.membership import check_role, membership_create, refuse_unless_manager
from inspections.models import LocalArea
from inspections.services import local_area_create

Role = Membership.Role


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
    actor: User | None,
    email: str,
    role: str,
    workstreams: Iterable[Workstream] = (),
    reason: str = "Invited",
) -> tuple[Invitation, str]:
    """Invite a person by e-mail to join the area in a role; the e-mail goes once saved.

    Returns the invitation and its token (only its hash is stored). A newer invitation of
    the same address to the same area replaces any still pending.
    """
    refuse_unless_manager(actor, local_area)
    email = email.strip().lower()
    workstreams = check_role(role, workstreams, local_area)
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
        _save_with_history(earlier, actor=actor, reason="Replaced by a newer invitation")
    _save_with_history(invitation, actor=actor, reason=reason)
    invitation.workstreams.set(workstreams)
    security_event("invitation_created", user=actor, area=local_area.slug, email=email, role=role)
    transaction.on_commit(lambda: _send_invitation(invitation, token))
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation this link's token opens, used or not; None if there is none."""
    return (
        Invitation.objects.select_related("local_area").filter(token_hash=hash_token(token)).first()
    )


def invitation_existing_user(invitation: Invitation) -> User | None:
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
    user = invitation_existing_user(invitation)
    errors: dict[str, list[str]] = {}
    if user is None:
        user = get_user_model()(username=invitation.email, email=invitation.email)
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
    membership = membership_create(
        user=user,
        local_area=invitation.local_area,
        role=invitation.role,
        workstreams=list(invitation.workstreams.select_related("plan")),
        actor=invitation.invited_by,
        reason=f"Accepted the invitation of {invitation.created_at:%d %B %Y}",
        invitation=invitation,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    _save_with_history(invitation, actor=user, reason="Accepted")
    return membership


# --- areas -------------------------------------------------------------------------------

# Words an area's address cannot be, as /areas/<word>/ is a page of its own.
RESERVED_SLUGS = frozenset({"new"})


@transaction.atomic
def area_create_with_manager(
    *,
    actor: User | None,
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
    assert area is not None
    invitation, token = invitation_create(
        local_area=area,
        actor=actor,
        email=manager_email,
        role=Role.PROGRAMME_MANAGER,
        reason=reason,
    )
    security_event("area_created", user=actor, area=slug)
    return area, invitation, token
