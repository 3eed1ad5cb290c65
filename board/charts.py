"""Server-rendered SVG charts for the Board: geometry here, markup in templates/board/charts/.

Colour is never the only signal: each status also has its own fill pattern, segments carry
their counts where they fit, the legend names every status, and each chart comes with the
same figures as a table.
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from actions.models import BRAG
from actions.selectors.history import SeriesPoint
from board.selectors.dashboard import Summary


@dataclass(frozen=True)
class Swatch:
    """How one status is drawn: a strong fill (the tag tints are too pale for 3:1 against
    white), a pattern on top, and the colour its count is written in."""

    status: BRAG
    fill: str
    ink: str
    pattern: str  # SVG path drawn over the fill in an 8×8 tile

    @property
    def key(self) -> str:
        return self.status.value

    @property
    def label(self) -> str:
        return self.status.label


SWATCHES = {
    BRAG.GREEN: Swatch(BRAG.GREEN, "#00703c", "#ffffff", ""),
    BRAG.AMBER: Swatch(BRAG.AMBER, "#f47738", "#0b0c0c", "M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6"),
    BRAG.RED: Swatch(BRAG.RED, "#d4351c", "#ffffff", "M0,0 L8,8 M8,0 L0,8"),
    BRAG.BLUE: Swatch(BRAG.BLUE, "#1d70b8", "#ffffff", "M2,2 h1 v1 h-1 Z M6,6 h1 v1 h-1 Z"),
    BRAG.WHITE: Swatch(BRAG.WHITE, "#ffffff", "#0b0c0c", "M0,4 H8"),
}

# Bottom to top in the series chart: completed work accumulates at the base.
STACK_ORDER = (BRAG.BLUE, BRAG.GREEN, BRAG.AMBER, BRAG.RED, BRAG.WHITE)


@dataclass(frozen=True)
class Segment:
    swatch: Swatch
    count: int
    x: float
    y: float
    width: float
    height: float

    @property
    def show_count(self) -> bool:
        return self.count > 0 and self.width >= 16

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + self.height / 2 + 5, 1)


@dataclass(frozen=True)
class Bar:
    label: str
    title: str
    y: float
    total: int
    segments: list[Segment]
    total_x: float


def _nice_max(value: int) -> int:
    """A round number at or above `value` for the top of an axis."""
    if value <= 5:
        return 5
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = math.ceil(value / (step * magnitude)) * step * magnitude
        if top >= value:
            return int(top)
    return value


def _ticks(top: int, count: int = 5) -> list[int]:
    step = max(1, top // count)
    return list(range(0, top + 1, step))


def bar_chart(summary: Summary, *, chart_id: str, title: str) -> SafeString:
    """A horizontal stacked bar of BRAG counts for each theme."""
    label_width, plot_width, bar_height, gap, top = 150, 420, 28, 14, 10
    widest = max((row.total for row in summary.rows), default=0)
    scale_top = _nice_max(widest)
    bars = []
    for index, row in enumerate(summary.rows):
        y = top + index * (bar_height + gap)
        x = float(label_width)
        segments = []
        for status in BRAG.ordered():
            count = row.counts.get(status, 0)
            if not count:
                continue
            width = plot_width * count / scale_top
            segments.append(Segment(SWATCHES[status], count, round(x, 1), y, round(width, 1), 28))
            x += width
        bars.append(
            Bar(
                label=row.label,
                title=row.title,
                y=y,
                total=row.total,
                segments=segments,
                total_x=round(x + 6, 1),
            )
        )
    plot_bottom = top + len(bars) * (bar_height + gap)
    ticks = [
        {"value": value, "x": round(label_width + plot_width * value / scale_top, 1)}
        for value in _ticks(scale_top)
    ]
    context = {
        "id": chart_id,
        "title": title,
        "description": _summary_description(summary),
        "bars": bars,
        "ticks": ticks,
        "width": label_width + plot_width + 50,
        "height": plot_bottom + 70,
        "plot_left": label_width,
        "plot_top": top,
        "plot_bottom": plot_bottom,
        "legend_y": plot_bottom + 40,
        "legend": _legend(),
        "swatches": SWATCHES.values(),
    }
    return render_to_string("board/charts/bar.svg", context)


def series_chart(points: Sequence[SeriesPoint], *, chart_id: str, title: str) -> SafeString:
    """A stacked area of BRAG counts at each month-end."""
    left, plot_width, top, plot_height = 50, 520, 10, 220
    highest = max((point.total for point in points), default=0)
    scale_top = _nice_max(highest)
    count = len(points)

    def y_at(value: int) -> float:
        return round(top + plot_height - plot_height * value / scale_top, 1)

    if count == 1:  # a single month-end: a flat band across the middle third
        xs = [left + plot_width / 3, left + 2 * plot_width / 3]
        columns = [points[0], points[0]]
        label_xs = [left + plot_width / 2]
    else:
        xs = [round(left + plot_width * i / max(count - 1, 1), 1) for i in range(count)]
        columns = list(points)
        label_xs = xs
    areas = []
    below = [0] * len(columns)
    for status in STACK_ORDER:
        above = [
            base + column.counts.get(status, 0) for base, column in zip(below, columns, strict=True)
        ]
        if above != below:
            outline = [(x, y_at(v)) for x, v in zip(xs, above, strict=True)]
            outline += [(x, y_at(v)) for x, v in reversed(list(zip(xs, below, strict=True)))]
            areas.append(
                {"swatch": SWATCHES[status], "points": " ".join(f"{x},{y}" for x, y in outline)}
            )
        below = above
    every = max(1, math.ceil(count / 8))
    labels = [
        {"x": label_xs[i], "text": _month_label(point.day)}
        for i, point in enumerate(points)
        if i % every == 0 or i == count - 1
    ]
    context = {
        "id": chart_id,
        "title": title,
        "description": _series_description(points),
        "areas": areas,
        "labels": labels,
        "ticks": [{"value": v, "y": y_at(v)} for v in _ticks(scale_top)],
        "width": left + plot_width + 30,
        "height": top + plot_height + 90,
        "plot_left": left,
        "plot_right": left + plot_width,
        "plot_bottom": top + plot_height,
        "legend_y": top + plot_height + 70,
        "legend": _legend(),
        "swatches": SWATCHES.values(),
        "empty": count == 0,
    }
    return render_to_string("board/charts/series.svg", context)


def _legend() -> list[dict]:
    return [
        {"swatch": SWATCHES[status], "x": 10 + 110 * i} for i, status in enumerate(BRAG.ordered())
    ]


def _month_label(day: dt.date) -> str:
    return f"{day:%b %y}"


def _counts_text(counts: dict[BRAG, int]) -> str:
    return ", ".join(f"{counts.get(status, 0)} {status.label}" for status in BRAG.ordered())


def _summary_description(summary: Summary) -> str:
    parts = [f"Theme {row.label}: {_counts_text(row.counts)}." for row in summary.rows]
    return " ".join(parts) or "No themes yet."


def _series_description(points: Sequence[SeriesPoint]) -> str:
    if not points:
        return "No history yet."
    first, last = points[0], points[-1]
    return (
        f"From {first.day:%-d %B %Y} ({_counts_text(first.counts)}) "
        f"to {last.day:%-d %B %Y} ({_counts_text(last.counts)})."
    )
