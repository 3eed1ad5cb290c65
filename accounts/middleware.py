"""Session lifetime, the one-time code step, and logging downloads and admin bulk actions."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.events import security_event
from accounts.policy import one_time_code_step

SIGNED_IN_AT = "accounts_signed_in_at"
# The step after the password this sign-in owes, decided once per sign-in (see policy).
CODE_STEP = "accounts_one_time_code_step"
LAST_SEEN = "accounts_last_seen"
# Saving the session on every request would be a write per page; a minute's slack in the
# idle timeout is not worth one.
LAST_SEEN_RESOLUTION = 60

# Pages a person part-way through signing in may open.
SIGN_IN_STEPS = {"login", "logout", "one_time_code", "one_time_code_setup", "accessibility"}


class SessionTimeoutMiddleware:
    """Signs people out after SESSION_IDLE_TIMEOUT without a request and SESSION_ABSOLUTE_TIMEOUT
    after they signed in, and sends them to sign in again with a message saying why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if is_public(view_func) or not request.user.is_authenticated:
            return None
        expired = self._expired(request)
        if not expired:
            return None
        # Read by the user_logged_out receiver in signals; HttpRequest does not declare it.
        request.session_end_reason = expired  # type: ignore[attr-defined]
        logout(request)
        messages.info(request, _expired_message(expired))
        if request.method == "GET":
            return redirect_to_login(request.get_full_path())
        return redirect(settings.LOGIN_URL)

    @staticmethod
    def _expired(request: HttpRequest) -> str | None:
        session = request.session
        now = time.time()
        signed_in_at = session.get(SIGNED_IN_AT)
        last_seen = session.get(LAST_SEEN)
        if signed_in_at is None:
            # Signed in before these timeouts existed: their clock starts now.
            session[SIGNED_IN_AT] = signed_in_at = now
        if now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds():
            return "absolute"
        if (
            last_seen is not None
            and now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds()
        ):
            return "idle"
        if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN] = now
        return None


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _expired_message(reason: str) -> str:
    if reason == "idle":
        after = _minutes(settings.SESSION_IDLE_TIMEOUT.total_seconds())
        return f"You were signed out because you had not used the service for {after}. Sign in again to carry on."
    after = _minutes(settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds())
    return f"You were signed out because you signed in more than {after} ago. Sign in again to carry on."


def mark_signed_in(request: HttpRequest, user) -> None:
    """Start the session clocks and decide the one-time code step; called at sign-in."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    request.session[CODE_STEP] = one_time_code_step(user)


class OneTimeCodeMiddleware:
    """Keeps a signed-in person who owes a one-time code (or must set one up) on that step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # process_view runs after the URL is resolved, so there is a match.
        assert request.resolver_match is not None
        if is_public(view_func) or request.resolver_match.url_name in SIGN_IN_STEPS:
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        if CODE_STEP not in request.session:
            # Signed in before one-time codes existed.
            request.session[CODE_STEP] = one_time_code_step(user)
        step = request.session[CODE_STEP]
        # django-otp's middleware, which runs first, gives the user is_verified().
        if not step or user.is_verified():  # type: ignore[attr-defined]
            return None
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(step) + (f"?{query}" if query else ""))


def is_public(view_func) -> bool:
    """A page for anyone, marked with Django's `login_not_required`: the public progress
    pages, which must not touch the session (that would make them vary by cookie)."""
    return getattr(view_func, "login_required", True) is False


class SecurityLogMiddleware:
    """Logs every file a signed-in person downloads, and bulk actions in the admin.

    A download is any response sent as an attachment, so an export added later is logged
    without its view doing anything. The admin logs single changes itself (see signals);
    an action on many selected rows writes its log entries in bulk, which sends no signal.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "public_view", True):
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        disposition = response.get("Content-Disposition", "")
        if response.status_code == 200 and disposition.startswith("attachment"):
            file_name = disposition.partition("filename=")[2].strip('"')
            security_event("download", request=request, path=request.path, file=file_name)
        elif _is_admin_bulk_action(request):
            security_event(
                "admin_bulk_action",
                request=request,
                path=request.path,
                action=request.POST.get("action", ""),
                selected=len(request.POST.getlist("_selected_action")),
                status=response.status_code,
            )
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # Read after the response; a public page's download is public data. HttpRequest
        # does not declare the attribute.
        request.public_view = is_public(view_func)  # type: ignore[attr-defined]


def _is_admin_bulk_action(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(
        request.method == "POST"
        and match is not None
        and match.app_name == "admin"
        and request.POST.get("action")
        and request.POST.getlist("_selected_action")
    )
