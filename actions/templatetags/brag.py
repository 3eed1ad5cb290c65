"""The BRAG status as a GOV.UK tag: `{% load brag %}`, then `{% brag_tag action.status %}`."""

from django import template
from django.utils.html import format_html

from actions.models import BRAG

register = template.Library()


@register.simple_tag
def brag_tag(status) -> str:
    """The status as a coloured tag with its word: `{% brag_tag action.status %}`."""
    if status in (None, ""):
        return ""
    brag = BRAG(status)
    return format_html(
        '<strong class="govuk-tag app-brag app-brag--{}">{}</strong>', brag.value, brag.label
    )
