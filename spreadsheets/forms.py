"""The upload form of the plan import."""

from django import forms
from django.core.exceptions import ValidationError

from spreadsheets.measures import LAYOUT
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

    in_step_on = forms.DateField(
        label="When was this file last in step with the product? (optional)",
        required=False,
        help_text=(
            "Only for a spreadsheet that was not exported from here. A row that would change "
            "an action updated in the product on or after this day is shown as a conflict. "
            "For example, 2026-11-23."
        ),
        error_messages={"invalid": "Enter a real date, for example 2026-11-23."},
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


class OverwriteForm(forms.Form):
    """Which conflicting rows take the file's values; the rest keep the product's."""

    overwrite = forms.MultipleChoiceField(
        label="Use the file's values for these actions",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave an action unticked to keep it as it is in the product.",
    )

    def __init__(self, *args, references: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["overwrite"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(ref, ref) for ref in references]


class MeasuresImportForm(forms.Form):
    """Upload of a measures spreadsheet (docs/measures-format.md)."""

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
            "A CSV file or an Excel workbook (.xlsx) in the measures format, "
            f"up to {describe_size(max_bytes())}."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.cleaned_data["sheet"] = read_spreadsheet(
                upload, file_name=upload.name, size=upload.size, layout=LAYOUT
            )
        except SpreadsheetError as error:
            raise ValidationError(str(error)) from None
        return upload
