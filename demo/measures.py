"""Sutton's measures of impact for the demo (`fixtures/sutton_measures.json`).

What is measured comes from Sutton's documents; the figures are illustrative (each measure is
marked so, and says so wherever it is shown), except the information, advice and support
service's baseline of 1.4 fte from the plan. Values are quarterly, dated back from the last
quarter-end before the demo is loaded, and recorded through `measures.services` three weeks
after each quarter ends (backdated with `at=`), so the dashboards as at past dates show what
was known then.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from actions.models import Plan
from measures import services
from measures.models import Measure

LOADED_REASON = "Demo data loaded (illustrative figures)"
RECORDED_AFTER_DAYS = 21


def _end_of_quarter(index: int) -> dt.date:
    """The last day of quarter `index` (year * 4 + quarter, counting from 0)."""
    year, quarter = divmod(index, 4)
    first_of_next = dt.date(year + quarter // 3, (quarter * 3 + 3) % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def quarter_end(day: dt.date, quarters: int = 0) -> dt.date:
    """The quarter-end `quarters` after (or, negative, before) the last one on or before `day`."""
    index = day.year * 4 + (day.month - 1) // 3
    if _end_of_quarter(index) > day:
        index -= 1
    return _end_of_quarter(index + quarters)


def last_quarter(today: dt.date) -> dt.date:
    """The latest quarter-end whose value would have been recorded by `today`."""
    end = quarter_end(today)
    while end + dt.timedelta(days=RECORDED_AFTER_DAYS) >= today:
        end = quarter_end(end, -1)
    return end


def load_measures(
    data: dict[str, Any], *, plan: Plan, users: dict[str, User], today: dt.date
) -> list[Measure]:
    findings = {finding.number: finding for finding in plan.weaknesses()}
    q0 = last_quarter(today)
    first_value = -(len(data["measures"][0]["values"]) - 1)
    loaded = []
    for item in data["measures"]:
        benchmark = item.get("benchmark") or {}
        target_offset, target_value = item["target"]
        measure = services.measure_create(
            plan=plan,
            actor=None,
            number=item["number"],
            name=item["name"],
            direction=item["direction"],
            findings=[findings[n] for n in item["findings"]],
            owners=[users[name] for name in item["owners"]],
            unit=item["unit"],
            definition=item["definition"],
            source=item["source"],
            baseline_value=Decimal(item["baseline"]),
            baseline_date=quarter_end(q0, first_value - 1),
            target_value=Decimal(target_value),
            target_date=quarter_end(q0, target_offset),
            benchmark_value=Decimal(benchmark["value"]) if benchmark else None,
            benchmark_label=benchmark.get("label", ""),
            benchmark_date=quarter_end(q0, first_value - 1) if benchmark else None,
            notes=item["notes"],
            is_illustrative=True,
            is_published=item["published"],
            reason=LOADED_REASON,
        )
        for offset, value in item["milestones"]:
            services.milestone_set(
                measure=measure,
                actor=None,
                date=quarter_end(q0, offset),
                value=Decimal(value),
                reason=LOADED_REASON,
            )
        for index, value in enumerate(item["values"]):
            if value is None:
                continue
            period_end = quarter_end(q0, first_value + index)
            recorded = period_end + dt.timedelta(days=RECORDED_AFTER_DAYS)
            services.measure_value_record(
                measure=measure,
                actor=users[item["owners"][0]],
                period_end=period_end,
                value=Decimal(value),
                reason="Quarterly figures (illustrative)",
                at=timezone.make_aware(dt.datetime.combine(recorded, dt.time(10))),
            )
        loaded.append(measure)
    return loaded
