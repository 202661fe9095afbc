"""Charts as PNG and SVG (policytrack.chart_images), drawn offline by kaleido and the
machine's Chromium: title, source line, as-of date and filters are on the image, and a map
draws from the basemaps we ship (no CDN). Synthetic figures: numbers made up for the test."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import pytest

from policytrack.chart_images import ImageText, can_draw, caption_lines, captioned, image
from policytrack.config import REPO_ROOT

TOPOJSON = REPO_ROOT / "dashboard" / "static" / "topojson"
TEXT = ImageText(
    title="Votes by month <b>&",
    source="policytrack, http://127.0.0.1:8501/timeline?state=FL",
    as_of="2026-02-12",
    filters="states: FL",
)
needs_browser = pytest.mark.skipif(not can_draw(), reason="no Chromium for kaleido here")


def bars() -> go.Figure:
    figure = go.Figure(go.Bar(x=["2025-06", "2025-07"], y=[3, 4]))
    figure.update_layout(height=300, margin={"l": 40, "r": 10, "t": 10, "b": 40})
    return figure


def test_the_caption_says_source_as_of_and_filters() -> None:
    assert caption_lines(TEXT) == [
        "Source: policytrack, http://127.0.0.1:8501/timeline?state=FL",
        "As of 2026-02-12 · Filters: states: FL",
    ]


def test_captioning_leaves_the_page_s_figure_alone_and_makes_room() -> None:
    figure = bars()
    drawn = captioned(figure, TEXT)
    assert figure.layout.title.text is None and not figure.layout.annotations
    assert drawn.layout.title.text == "Votes by month &lt;b&gt;&amp;", "shown literally"
    assert drawn.layout.height > 300 and drawn.layout.margin.b > 40


@needs_browser
def test_svg_carries_title_source_as_of_and_filters() -> None:
    svg = image(bars(), TEXT, "svg", TOPOJSON).decode()
    assert svg.startswith("<svg")
    assert "<b>" not in svg, "the title's markup is text, not bold"
    written = html.unescape(svg)
    for words in ("Votes by month <b>&", "timeline?state=FL", "As of 2026-02-12"):
        assert words in written, words
    assert "Filters: states: FL" in written


@needs_browser
def test_png_is_a_png_and_a_map_draws_offline() -> None:
    assert image(bars(), TEXT, "png", TOPOJSON).startswith(b"\x89PNG\r\n\x1a\n")
    usa = go.Figure(go.Choropleth(locations=["FL", "TX"], z=[2, 1], locationmode="USA-states"))
    usa.update_geos(scope="usa")
    svg = image(usa, TEXT, "svg", TOPOJSON).decode()
    assert svg.count('class="choroplethlocation"') == 2, "both states drawn from our basemap"


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="png, svg"):
        image(bars(), TEXT, "gif", TOPOJSON)
