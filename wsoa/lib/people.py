"""How the product names a person on screens and in the audit history."""

from django.contrib.auth.models import AbstractBaseUser


def person_name(user: AbstractBaseUser | None) -> str:
    """Full name when known, else the username; "a removed user" when the account is gone."""
    if user is None:
        return "a removed user"
    full_name = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full_name or user.get_username()
