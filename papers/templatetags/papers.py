"""Template helpers of the Board papers and the public monthly reports."""

from django import template

from actions.models import BRAG
from papers import selectors

register = template.Library()


@register.filter
def brag_label(status: str) -> str:
    """The word for a status value: "red" -> "Red"."""
    return BRAG(status).label if status else ""


@register.inclusion_tag("papers/_monthly_reports.html")
def monthly_reports(area_slug: str) -> dict:
    """The published monthly progress reports of an area, newest first, for its public page:
    `{% load papers %}{% monthly_reports plan.area.slug %}`."""
    return {"reports": selectors.published_reports(area_slug)}
