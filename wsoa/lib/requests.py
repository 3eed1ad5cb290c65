"""Request types for views, so type checking knows who is asking."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request a `login_required` view receives: its user has signed in."""

    user: User
