from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ui import navigation


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: what the service is. Signed in: the home an app registered."""
    if not request.user.is_authenticated:
        return render(request, "ui/home_signed_out.html")
    return navigation.signed_in_home(request)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/accessibility.html")
