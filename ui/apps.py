from django.apps import AppConfig


class UiConfig(AppConfig):
    """The web foundation every screen stands on: layout, GOV.UK components, sign-in."""

    name = "ui"
    verbose_name = "Web interface"
