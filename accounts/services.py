"""Writes about accounts: ending sessions and setting up one-time codes."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.events import security_event

DEVICE_NAME = "Authenticator app"


def user_sessions_end(*, user: AbstractBaseUser) -> int:
    """Delete every live session of `user`, so they are signed out everywhere at once.

    Sessions are stored signed, not indexed by user: each live one is read. A service has a
    few hundred people, so this is a short loop, and it runs only when an account is
    switched off.
    """
    user_id = str(user.pk)
    ended = 0
    with transaction.atomic():
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if session.get_decoded().get("_auth_user_id") == user_id:
                session.delete()
                ended += 1
    return ended


def totp_device_for_setup(*, user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed authenticator of `user`, made if need be, so a reload shows one key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


def totp_device_confirm(*, device: TOTPDevice, code: str) -> bool:
    """Confirm `device` if `code` is one it shows now; other unconfirmed devices go."""
    if not device.verify_token(code):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
    security_event("one_time_codes_set_up", user=device.user)
    return True
