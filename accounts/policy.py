"""Who must use one-time codes."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django_otp import user_has_device


def one_time_code_required(user: User | AnonymousUser) -> bool:
    """With OTP_REQUIRED_FOR_MANAGERS on: superusers and programme managers of any area."""
    if not settings.OTP_REQUIRED_FOR_MANAGERS or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    from actions.models import Membership

    return Membership.objects.filter(user=user, role=Membership.Role.PROGRAMME_MANAGER).exists()


def one_time_code_step(user: User | AnonymousUser) -> str:
    """The URL name of the step after the password, or "" when there is none.

    Somebody who has set up an authenticator enters a code at every sign-in, whether or not
    the installation requires it; somebody required to have one and without it sets it up.
    """
    if not user.is_authenticated:
        return ""
    if user_has_device(user, confirmed=True):
        return "one_time_code"
    if one_time_code_required(user):
        return "one_time_code_setup"
    return ""
