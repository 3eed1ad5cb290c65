import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from actions.models import BRAG
from actions.selectors.history import SeriesPoint
from board.charts import bar_chart, series_chart
from board.selectors.summary import Summary, SummaryRow
from tests.board.board_plans import hand_built_plan, people
from tests.board.html import table

SVG = "{http://www.w3.org/2000/svg}"


def summary() -> Summary:
    rows = [
        SummaryRow("1", "Leadership", 1, {BRAG.GREEN: 4, BRAG.RED: 1}),
        SummaryRow("2", "EHC plans", 2, {BRAG.AMBER: 2, BRAG.BLUE: 3, BRAG.WHITE: 1}),
    ]
    total = SummaryRow(
        "Total",
        "",
        None,
        {BRAG.GREEN: 4, BRAG.AMBER: 2, BRAG.RED: 1, BRAG.BLUE: 3, BRAG.WHITE: 1},
    )
    return Summary(as_at=dt.date(2018, 9, 30), rows=rows, total=total)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_the_bar_chart_is_an_image_named_by_its_title_and_description():
    root = parse(bar_chart(summary(), chart_id="themes", title="BRAG by theme"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "themes-title themes-desc"
    assert root.find(f"{SVG}title").get("id") == "themes-title"
    assert root.find(f"{SVG}title").text == "BRAG by theme"
    assert root.find(f"{SVG}desc").text == (
        "Theme 1: 4 Green, 0 Amber, 1 Red, 0 Blue, 0 White. "
        "Theme 2: 0 Green, 2 Amber, 0 Red, 3 Blue, 1 White."
    )


def test_every_status_has_its_own_pattern_and_a_word_in_the_legend():
    svg = bar_chart(summary(), chart_id="themes", title="BRAG by theme")
    root = parse(svg)
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    assert patterns == {f"themes-{status.value}" for status in BRAG}
    legend = [t.text for t in root.iter(f"{SVG}text") if t.text in BRAG.labels]
    assert legend == ["Green", "Amber", "Red", "Blue", "White"]
    # Drawn shapes differ by pattern, not only by colour: all but Green carry marks.
    marked = {p.get("id") for p in root.iter(f"{SVG}pattern") if p.find(f"{SVG}path") is not None}
    assert marked == {f"themes-{s.value}" for s in (BRAG.AMBER, BRAG.RED, BRAG.BLUE, BRAG.WHITE)}


def test_each_bar_segment_is_labelled_with_its_count():
    root = parse(bar_chart(summary(), chart_id="themes", title="t"))
    bars = root.findall(f"{SVG}g[@class='app-chart__bar']")
    first = [t.text for t in bars[0].iter(f"{SVG}text")]
    assert first == ["1. Leadership", "4", "1", "5"]
    fills = [r.get("fill") for r in bars[1].iter(f"{SVG}rect")]
    assert fills == ["url(#themes-amber)", "url(#themes-blue)", "url(#themes-white)"]


def test_the_series_chart_describes_its_first_and_last_month():
    points = [
        SeriesPoint(dt.date(2018, 7, 31), {BRAG.WHITE: 5}),
        SeriesPoint(dt.date(2018, 8, 31), {BRAG.GREEN: 2, BRAG.WHITE: 3}),
        SeriesPoint(dt.date(2018, 9, 30), {BRAG.RED: 1, BRAG.BLUE: 1, BRAG.WHITE: 4}),
    ]
    root = parse(series_chart(points, chart_id="months", title="Month by month"))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}desc").text == (
        "From 31 July 2018 (0 Green, 0 Amber, 0 Red, 0 Blue, 5 White) "
        "to 30 September 2018 (0 Green, 0 Amber, 1 Red, 1 Blue, 4 White)."
    )
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Jul 18", "Aug 18", "Sep 18"} <= set(labels)
    # One stacked area per status that ever has actions, from the bottom: no Amber here.
    fills = [polygon.get("fill") for polygon in root.findall(f"{SVG}polygon")]
    assert fills == [f"url(#months-{s})" for s in ("blue", "green", "red", "white")]


@pytest.mark.parametrize("count", [0, 1])
def test_the_series_chart_copes_with_no_or_one_month(count):
    points = [SeriesPoint(dt.date(2018, 7, 31), {BRAG.WHITE: 2})][:count]
    root = parse(series_chart(points, chart_id="months", title="t"))
    assert root.get("role") == "img"
    if count == 0:
        assert "No history yet" in [t.text for t in root.iter(f"{SVG}text")]
    else:
        assert len(root.findall(f"{SVG}polygon")) == 1


@pytest.mark.django_db
def test_the_dashboard_puts_each_chart_in_a_figure_with_a_caption_and_a_table(client):
    built = hand_built_plan()
    client.force_login(people(built.plan.local_area)["board"])
    url = reverse("dashboard", kwargs={"area_slug": built.plan.local_area.slug})
    page = client.get(url, {"as_at": "2018-10-20"}).text
    assert re.search(r'<figure class="app-figure" aria-labelledby="chart-themes-caption">', page)
    assert re.search(r'<figcaption id="chart-themes-caption"', page)
    assert 'aria-labelledby="chart-months-title chart-months-desc"' in page
    assert table(page, "series") == [
        ["Date", "Green", "Amber", "Red", "Blue", "White", "Total"],
        ["31 Jul 2018", "0", "0", "0", "0", "5", "5"],
        ["31 Aug 2018", "2", "0", "0", "0", "3", "5"],
        ["30 Sep 2018", "0", "1", "1", "1", "3", "6"],
        ["20 Oct 2018", "1", "1", "1", "1", "2", "6"],
    ]
