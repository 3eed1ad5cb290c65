"""Form widgets for GOV.UK patterns Django has no widget for."""

import datetime as dt

from django import forms


class DateInput(forms.MultiWidget):
    """The GOV.UK date input: separate Day, Month and Year boxes.

    Use with a plain `forms.DateField(widget=DateInput())`. The three boxes are joined into
    YYYY-MM-DD for the field to parse; whatever was typed comes back if it is not a real
    date, so nothing the person entered is lost.
    """

    template_name = "partials/govuk/date_input_widget.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput() for part in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (
            (data.get(f"{name}_{part}") or "").strip().replace("-", "") for part in self.parts
        )
        if not (day or month or year):
            return None
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{part}" in data for part in self.parts)
