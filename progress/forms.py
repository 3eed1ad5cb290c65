from django import forms

from actions.services import PUBLIC_SUMMARY_REQUIRED


class PlanPublicationForm(forms.Form):
    is_published = forms.BooleanField(
        required=False,
        label="Publish this plan's progress pages",
        help_text="Anyone can read the published actions of a published plan, without signing in.",
    )


class ActionPublicationForm(forms.Form):
    """One row of the publishing table; the view names each row's prefix after its action."""

    published = forms.BooleanField(required=False, label="Published")
    public_summary = forms.CharField(
        required=False,
        label="Public summary",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("published") and not (cleaned.get("public_summary") or "").strip():
            self.add_error("public_summary", PUBLIC_SUMMARY_REQUIRED)
        return cleaned
