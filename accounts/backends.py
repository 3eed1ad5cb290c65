"""Sign-in throttling with django-axes, and where a request comes from."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest


class SignInAttemptsBackend(AxesStandaloneBackend):
    """django-axes' lockout check for sign-ins that come with a request.

    Without a request (the shell, a management command, the test client's `login`) nobody
    can be guessing passwords from outside, and there is no address to count against.
    """

    def authenticate(self, request: HttpRequest | None, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: from CLIENT_IP_HEADER when a proxy sets it, else the socket's.

    When the header holds a list (X-Forwarded-For), the last entry is the one our own proxy
    added; the ones before it came from the visitor and could be anything.
    """
    header = settings.CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get(header, "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]
