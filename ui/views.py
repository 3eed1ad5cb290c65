from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from actions.permissions import areas_for


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: what the service is. Signed in: straight to the person's actions."""
    if not request.user.is_authenticated:
        return render(request, "ui/home_signed_out.html")
    try:
        return redirect(reverse("my_actions"))
    except NoReverseMatch:
        areas = areas_for(request.user).order_by("name")
        return render(request, "ui/home_signed_in.html", {"areas": areas})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/accessibility.html")
