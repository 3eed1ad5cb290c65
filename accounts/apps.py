from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in, sessions, one-time codes and the security log."""

    name = "accounts"
    verbose_name = "Accounts and sign-in"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401  (connects the receivers)
