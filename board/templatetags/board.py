"""Small display helpers for the Board pages: `{% load board %}`."""

from django import template

from board import links

register = template.Library()


@register.simple_tag
def action_list_url(area_slug: str, **filters) -> str:
    """`{% action_list_url area.slug status="red" weakness=1 as href %}`"""
    return links.action_list_url(area_slug, **filters)


@register.filter
def signed(number: int) -> str:
    """A change in count with its sign: +2, -1, 0."""
    return f"{number:+d}" if number else "0"


@register.simple_tag
def action_url(area_slug: str, reference: str) -> str:
    return links.action_url(area_slug, reference)
