"""Charts as static images (PNG and SVG) that say what they show: the title above, and
below the source line, the as-of date and the filters, written on the image itself, so a
picture that leaves the dashboard still carries them.

Drawn offline by kaleido (1.5), which drives the machine's own Chromium (the Debian
`chromium` on PATH, or BROWSER_PATH); it never downloads a browser. plotly.js would fetch a
map's basemap from a CDN: `topojson` points it at the basemaps we ship instead. Measured on
the 2-core machine: 4–8 s an image (a browser starts per image), so images are made only
when someone asks for one."""

from __future__ import annotations

import copy
import html
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
WIDTH = 1000  # px: a newspaper column's chart at 2× for PNG; SVG scales anyway
FOOT = 22  # px per line of the caption below the chart


@dataclass(frozen=True, slots=True)
class ImageText:
    """What is written on the image: title, source line, as-of date and filters."""

    title: str
    source: str  # "policytrack, https://…/timeline?state=FL"
    as_of: str | None
    filters: str


def browser() -> str | None:
    """The Chromium kaleido would use (BROWSER_PATH, else `chromium` on PATH), or None."""
    configured = os.environ.get("BROWSER_PATH")
    if configured and Path(configured).exists():
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def can_draw() -> bool:
    """Whether images can be drawn here (kaleido installed and a browser found)."""
    import importlib.util

    return importlib.util.find_spec("kaleido") is not None and browser() is not None


def _escaped(text: str) -> str:
    """Text as plotly shows it literally (plotly reads a little HTML in text)."""
    return html.escape(" ".join(text.split()), quote=False)


def caption_lines(text: ImageText) -> list[str]:
    """The lines below the chart: source, then as-of date and filters."""
    when = f"As of {text.as_of}" if text.as_of else "As of: not recorded"
    return [f"Source: {text.source}", f"{when} · Filters: {text.filters}"]


def captioned(figure: go.Figure, text: ImageText) -> go.Figure:
    """A copy of the figure with the title above and the caption lines below."""
    drawn = go.Figure(copy.deepcopy(figure))
    lines = caption_lines(text)
    margin = drawn.layout.margin
    bottom = (margin.b or 0) + 12 + FOOT * len(lines) + 8
    top = max(margin.t or 0, 40) + 40
    drawn.update_layout(
        title={"text": _escaped(text.title), "x": 0, "xanchor": "left", "y": 0.99},
        margin={"t": top, "b": bottom, "l": margin.l, "r": margin.r},
        height=(drawn.layout.height or 450) + top - (margin.t or 0) + bottom - (margin.b or 0),
        paper_bgcolor="white",
    )
    below_axis = (margin.b or 0) + 12  # under the axis labels, which sit in the margin
    for number, line in enumerate(lines):
        drawn.add_annotation(
            text=_escaped(line), showarrow=False, xref="paper", yref="paper", x=0,
            xanchor="left", y=0, yanchor="top", yshift=-(below_axis + FOOT * number),
            align="left", font={"size": 12, "color": "#333333"},
        )  # fmt: skip
    return drawn


def image(figure: go.Figure, text: ImageText, kind: str, topojson: Path) -> bytes:
    """The figure as a PNG or SVG (`kind`), captioned; maps' basemaps read from the folder
    `topojson` (plotly's usa_110m.json, world_110m.json), never the internet."""
    if kind not in FORMATS:
        raise ValueError(f"no image format {kind!r}: one of {', '.join(FORMATS)}")
    pio.defaults.topojson = topojson.resolve().as_uri() + "/"
    drawn = captioned(figure, text)
    scale = 2 if kind == "png" else 1
    made: bytes = drawn.to_image(format=kind, width=WIDTH, scale=scale)
    return made
