"""The area's external oversight as a panel: `{% load oversight %}`, then
`{% oversight_panel area %}` (with `can_manage=True`, a link to change it)."""

from django import template

from inspections.models import LocalArea, Oversight

register = template.Library()


@register.inclusion_tag("inspections/_oversight.html")
def oversight_panel(area: LocalArea, can_manage: bool = False, heading_level: int = 2) -> dict:
    """One query: the area's oversight record, if it has one."""
    return {
        "area": area,
        "oversight": Oversight.objects.filter(local_area=area).first(),
        "can_manage": can_manage,
        "heading_level": heading_level,
    }
