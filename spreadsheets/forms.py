"""The upload form of the plan import."""

from django import forms
from django.core.exceptions import ValidationError

from spreadsheets.reader import SpreadsheetError, describe_size, max_bytes, read_spreadsheet


class PlanImportForm(forms.Form):
    """Upload of a plan spreadsheet; a file that cannot be read at all is an error on the field."""

    file = forms.FileField(
        label="Upload a spreadsheet",
        error_messages={
            "required": "Choose a CSV file or an Excel workbook (.xlsx) to upload.",
            "empty": "The file is empty.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "A CSV file or an Excel workbook (.xlsx) in the plan import format, "
            f"up to {describe_size(max_bytes())}."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.cleaned_data["sheet"] = read_spreadsheet(
                upload, file_name=upload.name, size=upload.size
            )
        except SpreadsheetError as error:
            raise ValidationError(str(error)) from None
        return upload
