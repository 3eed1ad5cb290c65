"""Template helpers of the public progress pages."""

from django import template

from actions.models import BRAG
from progress.selectors import PLAIN_MEANINGS

register = template.Library()


@register.filter
def plain_meaning(status) -> str:
    """What a status means, in plain English: `{{ action.status|plain_meaning }}`."""
    return PLAIN_MEANINGS[BRAG(status)]
