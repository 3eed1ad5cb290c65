"""Template tags of the measures:

- `{% measure_chart measure "chart-id" %}`: the SVG line chart of a measure;
- `{% measures_section plan board %}`: the Board dashboard's measures section (each finding's
  measures as at the dashboard's date, and delivery against impact), from the dashboard's own
  figures (`board.as_at`, and `board.summary.rows`, each with `weakness_id` and BRAG `counts`).
"""

from django import template
from django.utils.safestring import SafeString

from measures import selectors
from measures.charts import line_chart

register = template.Library()


@register.simple_tag
def measure_chart(measure, chart_id: str) -> SafeString:
    return line_chart(measure, chart_id=chart_id)


@register.inclusion_tag("measures/_dashboard_section.html", takes_context=True)
def measures_section(context, plan, board) -> dict:
    # The dashboard has read the plan's findings already (a dashboard kept from before it
    # carried them reads them again).
    findings = getattr(board, "weaknesses", None) or list(plan.weaknesses())
    by_finding = selectors.measures_by_finding(plan=plan, as_at=board.as_at, findings=findings)
    delivery = {
        row.weakness_id: row.counts for row in board.summary.rows if row.weakness_id is not None
    }
    rows = selectors.delivery_against_impact(
        plan=plan, as_at=board.as_at, delivery=delivery, measures=by_finding, findings=findings
    )
    return {
        "area": context.get("area"),
        "as_at": board.as_at,
        "rows": rows,
        "any_measures": bool(by_finding),
        "good_delivery_percent": selectors.GOOD_DELIVERY_PERCENT,
    }
