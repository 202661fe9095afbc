"""Embeds: a chart or map of any view, alone on a page a newsroom can put in its story.

`?embed=true&only=ELEMENT` (Streamlit's embed mode, plus our parameter) shows only that
element with its title and a source line linking back; the filters stay in the URL, so the
embedded view is the reader's view. The page still runs whole (its URL-bound filters read
the URL), and the stylesheet (`style.EMBED_CSS`) hides everything but the element's view.
Beside each chart: "Embed" (the `<iframe>` snippet) and the chart as PNG and SVG, with the
title, source line, as-of date and filters written on it (`policytrack.chart_images`)."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import plotly.graph_objects as go
import streamlit as st

from policytrack.chart_images import FORMATS, ImageText, can_draw, image

from components import maps
from components.downloads import public_base
from components.filters import current, describe
from components.links import markdown_link
from components.outside_text import HEADING, markdown
from components.records.cite import data_date

ONLY = "only"  # the URL parameter naming the one element to show
VIEW_KEY = "embed-view"  # the container of the element shown alone (style.EMBED_CSS)
OURS = ("embed", "embed_options", ONLY)  # parameters of the embed, not of the view
TOPOJSON = Path(__file__).resolve().parent.parent / "static" / "topojson"
FRAME_EXTRA = 150  # px above and below the chart in the frame: title and source line


def shown_alone() -> str | None:
    """The element this run shows alone (`?only=`), or None."""
    asked = st.query_params.get(ONLY)
    return asked.strip() if asked and asked.strip() else None


def page_address() -> str:
    """This page's public address, without its query string."""
    opened = urlsplit(str(st.context.url or ""))
    path = opened.path.strip("/")
    base_path = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base_path and path.startswith(base_path):
        path = path[len(base_path) :].strip("/")
    return f"{public_base()}/{path}" if path else public_base()


def view_url(element: str | None = None) -> str:
    """This view's address, filters included; with `element`, the embed of that element."""
    pairs = [(k, v) for k in st.query_params if k not in OURS for v in st.query_params.get_all(k)]
    if element:
        pairs += [("embed", "true"), (ONLY, element)]
    return f"{page_address()}?{urlencode(pairs)}" if pairs else page_address()


def as_of() -> str | None:
    """How current the data are (the newest vote or ICE list), as ISO text."""
    newest = data_date()
    return newest.isoformat() if newest else None


def filters_text() -> str:
    """The view's filters in words, as plain text."""
    return describe(current()).replace("\\", "")


def snippet(element: str, title: str, height: int) -> str:
    """The HTML a newsroom pastes: the element's embed in a titled, sized frame, and a
    source line linking back to the full view."""
    frame = html.escape(view_url(element))
    back = html.escape(view_url())
    name = html.escape(title)
    when = f", as of {as_of()}" if as_of() else ""
    return (
        f'<iframe src="{frame}" title="{name}" width="100%" height="{height}" '
        f'style="border:0;max-width:1000px" loading="lazy"></iframe>\n'
        f'<p style="font-size:0.85em">Source: <a href="{back}">policytrack: {name}</a>'
        f"{when}.</p>\n"
    )


def title_of(figure: go.Figure, name: str) -> str:
    """The chart's title: its own, else its file name in words."""
    own = figure.layout.title.text
    if own:
        return str(own)
    words = [w for w in name.removeprefix("policytrack-").split("-") if w]
    if len(words) > 1 and len(words[-1]) == 2:
        words[-1] = words[-1].upper()  # a state's code ("map-fl": Map FL)
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else "Chart"


def alone(figure: go.Figure, element: str, title: str) -> None:
    """The element shown alone: title, chart, and the source line linking back."""
    with st.container(key=VIEW_KEY):
        st.subheader(markdown(title, HEADING))
        maps.show(figure, key=f"{VIEW_KEY}-{element}")
        when = f" · as of {as_of()}" if as_of() else ""
        st.caption(
            f"Source: {markdown_link(view_url(), 'policytrack')}{when} · "
            f"filters: {markdown(filters_text())}"
        )


def image_text(title: str) -> ImageText:
    """What a chart's image says: read while the page runs (a download made later, when
    clicked, no longer sees this run's URL and filters)."""
    return ImageText(title, f"policytrack, {view_url()}", as_of(), filters_text())


def drawn_image(make: Callable[[], go.Figure], text: ImageText, kind: str) -> bytes:
    """The image of the figure `make()` returns (made when the download is asked for)."""
    return image(make(), text, kind, TOPOJSON)


def embed_controls(
    figure: go.Figure, element: str, title: str, whole: Callable[[], go.Figure] | None = None
) -> None:
    """Beside a chart: PNG and SVG downloads (where images can be drawn) and "Embed".
    `whole`: the figure with everything inside it, for images, where the page's figure
    reads part of itself from the server (the county map's shapes)."""
    stem = f"policytrack-{element}"
    if can_draw():
        text, make = image_text(title), whole or (lambda: figure)
        for kind in FORMATS:
            st.download_button(
                f"Chart ({kind.upper()})", partial(drawn_image, make, text, kind),
                file_name=f"{stem}.{kind}", mime=FORMATS[kind], key=f"{element}-{kind}",
                icon=":material/image:", on_click="ignore",
            )  # fmt: skip
    height = int(figure.layout.height or 450) + FRAME_EXTRA
    with st.popover("Embed", icon=":material/code:"):
        st.caption(
            "Paste this into a web page: it shows this chart alone, with the filters of this "
            "view, served by this dashboard (no other site is contacted)."
        )
        st.code(snippet(element, title, height), language="html", wrap_lines=True)
