from django.apps import AppConfig


class ProgressConfig(AppConfig):
    """The public progress pages for families, and the screen that chooses what they show."""

    name = "progress"
    verbose_name = "Public progress pages"
