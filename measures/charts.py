"""A small server-rendered SVG line chart of one measure: baseline, milestones, target,
benchmark and actuals. Geometry here, markup in templates/measures/charts/line.svg.

Colour is never the only signal: each series has its own line style and marker shape, the
legend names them, and the page gives the same figures as a table.
"""

import datetime as dt
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from measures.ratings import Point, with_unit

LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT = 60, 12, 440, 180


def _nice_top(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal("0.1")
    for step in (1, 2, Decimal("2.5"), 5, 10):
        top = (value / (step * magnitude)).to_integral_value(rounding="ROUND_CEILING")
        top = top * step * magnitude
        if top >= value:
            return Decimal(top)
    return value


def line_chart(measure, *, chart_id: str) -> SafeString:
    """The chart of a measure (a `selectors.PublicMeasure` or `MeasureStatus`)."""
    actuals: list[Point] = list(measure.values)
    milestones: list[Point] = list(measure.milestones)
    baseline: Point | None = measure.baseline
    target: Point | None = measure.target
    benchmark: Point | None = measure.benchmark
    dated = [*actuals, *milestones, *(p for p in (baseline, target) if p)]
    values = [p.value for p in dated] + ([benchmark.value] if benchmark else [])
    unit = measure.unit
    title = f"{measure.reference} {measure.name}: baseline, milestones, target and actual values"
    context = {
        "id": chart_id,
        "title": title,
        "description": _description(measure),
        "width": LEFT + PLOT_WIDTH + 30,
        "height": TOP + PLOT_HEIGHT + 80,
        "plot_left": LEFT,
        "plot_right": LEFT + PLOT_WIDTH,
        "plot_top": TOP,
        "plot_bottom": TOP + PLOT_HEIGHT,
        "legend_y": TOP + PLOT_HEIGHT + 62,
        "empty": not dated,
    }
    if dated:
        first = min(p.day for p in dated)
        last = max(p.day for p in dated)
        span = max((last - first).days, 1)
        top = _nice_top(max(values))
        low = min(Decimal(0), min(values))

        def x(day: dt.date) -> float:
            if first == last:
                return LEFT + PLOT_WIDTH / 2
            return round(LEFT + PLOT_WIDTH * (day - first).days / span, 1)

        def y(value: Decimal) -> float:
            return round(TOP + PLOT_HEIGHT - float(PLOT_HEIGHT * (value - low) / (top - low)), 1)

        def xy(points: list[Point]) -> list[dict]:
            return [
                {"x": x(p.day), "y": y(p.value), "text": with_unit(p.value, unit)} for p in points
            ]

        plan_line = sorted(
            [*(p for p in (baseline,) if p), *milestones, *(p for p in (target,) if p)],
            key=lambda p: p.day,
        )
        actual_line = sorted([*(p for p in (baseline,) if p), *actuals], key=lambda p: p.day)
        ticks = [low + (top - low) * i / 4 for i in range(5)]
        context.update(
            {
                "planned": " ".join(f"{p['x']},{p['y']}" for p in xy(plan_line)),
                "actual": " ".join(f"{p['x']},{p['y']}" for p in xy(actual_line)),
                "actuals": xy(actuals),
                "milestones": xy(milestones),
                "baseline": xy([baseline])[0] if baseline else None,
                "target": xy([target])[0] if target else None,
                "benchmark": {"y": y(benchmark.value)} if benchmark else None,
                "ticks": [{"y": y(t), "text": with_unit(t.normalize(), unit)} for t in ticks],
                "labels": [
                    {"x": x(first), "text": f"{first:%b %Y}", "anchor": "start"},
                    {"x": x(last), "text": f"{last:%b %Y}", "anchor": "end"},
                ]
                if first != last
                else [{"x": x(first), "text": f"{first:%b %Y}", "anchor": "middle"}],
            }
        )
    return render_to_string("measures/charts/line.svg", context)


def _description(measure) -> str:
    parts = []
    unit = measure.unit
    if measure.baseline:
        parts.append(
            f"Baseline {with_unit(measure.baseline.value, unit)} in {measure.baseline.day:%B %Y}."
        )
    for milestone in measure.milestones:
        parts.append(f"Milestone {with_unit(milestone.value, unit)} by {milestone.day:%B %Y}.")
    if measure.target:
        parts.append(
            f"Target {with_unit(measure.target.value, unit)} by {measure.target.day:%B %Y}."
        )
    if measure.benchmark:
        parts.append(f"{measure.benchmark_label} {with_unit(measure.benchmark.value, unit)}.")
    if measure.values:
        latest = measure.values[-1]
        parts.append(
            f"{len(measure.values)} actual values; the latest {with_unit(latest.value, unit)} "
            f"in {latest.day:%B %Y}. {measure.result.label}: {measure.result.reason}."
        )
    else:
        parts.append("No actual values yet.")
    return " ".join(parts)
