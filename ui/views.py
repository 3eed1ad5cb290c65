from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ui import navigation


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: what the service is. Signed in: the home an app registered."""
    if not request.user.is_authenticated:
        return render(request, "ui/home_signed_out.html")
    return navigation.signed_in_home(request)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The statement the Public Sector Bodies Accessibility Regulations 2018 require, in the
    GOV.UK sample's form, with this installation's own contact details and dates."""
    return render(
        request,
        "ui/accessibility.html",
        {
            "organisation": settings.ACCESSIBILITY_ORGANISATION,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
            "response_days": settings.ACCESSIBILITY_RESPONSE_DAYS,
            "prepared": settings.ACCESSIBILITY_PREPARED_DATE,
            "reviewed": settings.ACCESSIBILITY_REVIEWED_DATE,
        },
    )
