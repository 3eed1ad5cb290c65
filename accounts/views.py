"""Sign-in, the lockout page, and one-time codes: entering one and setting them up."""

from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user
from django_otp import login as otp_login

from accounts.events import security_event
from accounts.forms import OneTimeCodeForm, SignInForm
from accounts.policy import one_time_code_required
from accounts.services import totp_device_confirm, totp_device_for_setup
from wsoa.lib.requests import AuthenticatedHttpRequest


class SignInView(LoginView):
    authentication_form = SignInForm


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What django-axes answers a sign-in while it is locked out: when to try again."""
    until = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    return render(
        request,
        "accounts/locked_out.html",
        {"until": until, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def _next_url(request: HttpRequest) -> str:
    asked = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        asked, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return asked
    return settings.LOGIN_REDIRECT_URL


@login_required
def one_time_code(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The second step of signing in for somebody who has set up an authenticator app."""
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect("one_time_code_setup")
    # django-otp's middleware gives the signed-in user is_verified(); User does not declare it.
    if request.user.is_verified():  # type: ignore[attr-defined]
        return redirect(_next_url(request))
    form = OneTimeCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        device = next((d for d in devices if d.verify_token(code)), None)
        if device is not None:
            otp_login(request, device)
            security_event("one_time_code_accepted", request=request)
            return redirect(_next_url(request))
        security_event("one_time_code_refused", request=request)
        form.add_error(
            "code", "The code is not correct or has expired. Enter the code your app shows now"
        )
    return render(
        request,
        "accounts/one_time_code.html",
        {"form": form, "next": _next_url(request)},
        status=400 if form.errors else 200,
    )


@login_required
def one_time_code_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up an authenticator app: its key as text, then a code from it to prove it works."""
    if any(devices_for_user(request.user, confirmed=True)):
        if not request.user.is_verified():  # type: ignore[attr-defined]  # see one_time_code
            return redirect("one_time_code")
        return render(request, "accounts/one_time_code_set_up.html")
    device = totp_device_for_setup(user=request.user)
    form = OneTimeCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(device=device, code=form.cleaned_data["code"]):
            otp_login(request, device)
            messages.success(
                request, "One-time codes are set up. You will need one each time you sign in."
            )
            return redirect(_next_url(request))
        form.add_error(
            "code",
            "The code is not correct. Check the key in your app and enter the code it shows now",
        )
    key = b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        "accounts/one_time_code_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
            "key": key,
            "config_url": device.config_url,
            "required": one_time_code_required(request.user),
        },
        status=400 if form.errors else 200,
    )
