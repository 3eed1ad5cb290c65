"""When a plan's internal figures last changed: the key of the Board pages kept in the cache.

One query. Every history table is append-only and its ids only grow, so the newest id of
each table a Board page reads says whether anything it shows changed, backdated imports
included (whose dates may lie in the past, but whose ids are new).
"""

from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

from actions.models import Action, BoardMeeting, MonitoringVisit, Plan, ProgressUpdate, Workstream
from inspections.models import AreaOfWeakness, Inspection


def _newest(queryset, field: str = "history_id") -> Coalesce:
    """The largest `field` of `queryset`, grouped by the one column it `.values()` (0 if none)."""
    return Coalesce(Subquery(queryset.order_by().annotate(m=Max(field)).values("m")[:1]), 0)


def plan_last_change(plan: Plan) -> str:
    """A stamp that changes whenever anything a Board page of `plan` shows changes.

    The one place to extend when the Board pages show more (papers, measures...): add the
    newest id (or time) of the new table here.
    """
    stamps = (
        Plan.objects.filter(pk=plan.pk)
        .annotate(
            stamp_actions=_newest(Action.history.filter(plan_id=plan.pk).values("plan_id")),
            stamp_updates=_newest(
                ProgressUpdate.objects.filter(action__plan_id=plan.pk).values("action__plan_id"),
                "id",
            ),
            stamp_plan_rows=_newest(Plan.history.filter(id=plan.pk).values("id")),
            stamp_workstreams=_newest(Workstream.history.filter(plan_id=plan.pk).values("plan_id")),
            stamp_meetings=_newest(BoardMeeting.history.filter(plan_id=plan.pk).values("plan_id")),
            stamp_visits=_newest(MonitoringVisit.history.filter(plan_id=plan.pk).values("plan_id")),
            stamp_inspections=_newest(
                Inspection.history.filter(local_area_id=OuterRef("local_area_id")).values(
                    "local_area_id"
                )
            ),
            stamp_weaknesses=_newest(
                AreaOfWeakness.history.filter(inspection_id=OuterRef("inspection_id")).values(
                    "inspection_id"
                )
            ),
        )
        .values_list(
            "stamp_actions",
            "stamp_updates",
            "stamp_plan_rows",
            "stamp_workstreams",
            "stamp_meetings",
            "stamp_visits",
            "stamp_inspections",
            "stamp_weaknesses",
        )
        .first()
    )
    return ".".join(str(stamp) for stamp in stamps or ())
