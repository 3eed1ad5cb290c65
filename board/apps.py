from django.apps import AppConfig


class BoardConfig(AppConfig):
    """The Steering Board's dashboards, report, exports and charts.

    No models: every figure is read from `actions` as it stood on the chosen day.
    """

    name = "board"
    verbose_name = "Board dashboards"
