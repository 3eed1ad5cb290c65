from django.apps import AppConfig


class SpreadsheetsConfig(AppConfig):
    """Plan import and export, and every CSV or Excel file the product writes."""

    name = "spreadsheets"
    verbose_name = "Spreadsheets"
