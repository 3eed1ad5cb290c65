"""Who may do what with measures: programme managers manage them; the people named as a
measure's owners (still members of its area) record its values; any member reads them."""

from actions import permissions
from measures.models import Measure


def can_manage_measures(user, area) -> bool:
    return permissions.can_manage_plan(user, area)


def can_record_values(user, measure: Measure) -> bool:
    """The area's programme manager, or an owner of the measure who still belongs to the area."""
    if user is None or not user.is_authenticated:
        return False
    area_id = measure.plan.local_area_id
    if can_manage_measures(user, area_id):
        return True
    if permissions.role_in(user, area_id) is None:
        return False
    return any(owner.pk == user.pk for owner in measure.owners.all())
