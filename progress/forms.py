from django import forms


class PlanPublicationForm(forms.Form):
    is_published = forms.BooleanField(
        required=False,
        label="Publish this plan's progress pages",
        help_text="Untick to take all of this plan's progress pages offline at once.",
    )


class ActionPublicationForm(forms.Form):
    """One row of the publishing table, named by its action's prefix.

    Whether a published action needs a summary is the service's rule: it depends on what was
    published before.
    """

    published = forms.BooleanField(required=False, label="Published")
    public_summary = forms.CharField(
        required=False,
        label="Public summary",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
