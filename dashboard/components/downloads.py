"""Download buttons next to every table: CSV, JSON (and GeoJSON where there are points),
generated when clicked. A download holds every row it says it holds — the rows shown, or,
where a table shows one page of many, every row the filters select, read in batches — in the
labels people read (policytrack.vocab), like the tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from policytrack.config import Settings
from policytrack.export import csv_lines, json_lines
from policytrack.vocab import label

from components.links import record_href

# Columns that hold codes of a vocabulary: files for people carry their labels.
CODED_COLUMNS = (
    "topic", "model", "action", "outcome", "latest_action", "latest_outcome", "confidence",
    "jurisdiction_kind", "kind", "status", "list_kind", "stance", "stakeholder_kind", "option",
    "change",
)  # fmt: skip
Frames = Callable[[], pd.DataFrame | Iterable[pd.DataFrame]]


def public_base() -> str:
    """Where readers reach this dashboard: the configured public URL, else the address this
    page was opened at (the local server)."""
    configured = Settings().public_url.strip().rstrip("/")
    if configured:
        return configured
    opened = urlsplit(str(st.context.url or ""))
    if not opened.scheme or not opened.netloc:
        return "http://localhost:8501"
    path = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{opened.scheme}://{opened.netloc}" + (f"/{path}" if path else "")


def record_url(base: str, kind: str, key: str) -> str:
    """The full address of a record page, for files that leave the dashboard."""
    return f"{base}/{record_href(kind, key)}"


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every code in a coded column replaced by its label (text that is no
    code stays as it is)."""
    coded = [c for c in CODED_COLUMNS if c in frame.columns]
    if not coded or frame.empty:
        return frame
    return frame.assign(
        **{c: frame[c].map(lambda v: label(v) if isinstance(v, str) else v) for c in coded}
    )


def _batches(made: pd.DataFrame | Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    if isinstance(made, pd.DataFrame):
        yield made
    else:
        yield from made


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    frame = labelled(frame)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{str(k): v for k, v in row.items()} for row in rows]


def _csv(frames: Frames) -> str:
    batches = _batches(frames())
    first = next(batches, pd.DataFrame())
    columns = [str(c) for c in first.columns]
    rows = (row for batch in (first, *batches) for row in _records(batch))
    return "".join(csv_lines(rows, columns))


def _json(frames: Frames) -> str:
    return "".join(json_lines(row for batch in _batches(frames()) for row in _records(batch)))


def downloads(
    frame: Frames,
    name: str,
    rows: int,
    *,
    as_of: str | None = None,
    geojson: Callable[[], str] | None = None,
    key: str,
    note: str | None = None,
) -> None:
    """CSV / JSON (/ GeoJSON) of `frame()` — a frame, or frames to write one after another —
    with what they hold (`note`, or the row count) and the as-of date beside them."""
    columns = st.columns([1, 1, 1, 3] if geojson else [1, 1, 4])
    columns[0].download_button(
        "CSV", lambda: _csv(frame), file_name=f"{name}.csv", mime="text/csv",
        key=f"{key}-csv", icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    columns[1].download_button(
        "JSON", lambda: _json(frame), file_name=f"{name}.json", mime="application/json",
        key=f"{key}-json", icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    if geojson is not None:
        columns[2].download_button(
            "GeoJSON", geojson, file_name=f"{name}.geojson", mime="application/geo+json",
            key=f"{key}-geojson", icon=":material/download:", on_click="ignore",
        )  # fmt: skip
    text = note or f"{rows:,} rows"
    columns[-1].caption(text + (f" · as of {as_of}" if as_of else ""))


def chart_downloads(figure: object, name: str, key: str, title: str | None = None) -> None:
    """The chart as a self-contained HTML file (plotly.js inside, works offline), as PNG and
    SVG with its title, source and filters on it, and its "Embed" (components/embeds.py;
    `key` names the chart in embed links; `title` defaults to the figure's, else `name`)."""
    import plotly.graph_objects as go

    from components.embeds import alone, embed_controls, shown_alone, title_of

    assert isinstance(figure, go.Figure)
    if shown_alone() == key:
        alone(figure, key, title or title_of(figure, name))
        return
    with st.container(horizontal=True, key=f"{key}-chart-files"):
        st.download_button(
            "Chart (HTML)",
            lambda: figure.to_html(include_plotlyjs=True, full_html=True),
            file_name=f"{name}.html",
            mime="text/html",
            key=f"{key}-html",
            icon=":material/download:",
            on_click="ignore",
        )
        embed_controls(figure, key, title or title_of(figure, name))
