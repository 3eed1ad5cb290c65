from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo installation loaded by `make run`: Sutton's plan, a second area, demo users."""

    name = "demo"
    verbose_name = "Demo data"
