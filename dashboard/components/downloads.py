"""Download buttons next to every table: CSV, JSON (and GeoJSON where there are points),
generated when clicked, holding exactly the rows the page shows."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from policytrack.export import to_csv, to_json


def _csv(frame: pd.DataFrame) -> str:
    return to_csv(frame.to_dict("records"), [str(c) for c in frame.columns])


def _json(frame: pd.DataFrame) -> str:
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return to_json([{str(k): v for k, v in r.items()} for r in records])


def downloads(
    frame: Callable[[], pd.DataFrame],
    name: str,
    rows: int,
    *,
    as_of: str | None = None,
    geojson: Callable[[], str] | None = None,
    key: str,
) -> None:
    """CSV / JSON (/ GeoJSON) of `frame()` with the row count and as-of date beside them."""
    columns = st.columns([1, 1, 1, 3] if geojson else [1, 1, 4])
    columns[0].download_button(
        "CSV", lambda: _csv(frame()), file_name=f"{name}.csv", mime="text/csv",
        key=f"{key}-csv", icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    columns[1].download_button(
        "JSON", lambda: _json(frame()), file_name=f"{name}.json", mime="application/json",
        key=f"{key}-json", icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    if geojson is not None:
        columns[2].download_button(
            "GeoJSON", geojson, file_name=f"{name}.geojson", mime="application/geo+json",
            key=f"{key}-geojson", icon=":material/download:", on_click="ignore",
        )  # fmt: skip
    note = f"{rows:,} rows" + (f" · as of {as_of}" if as_of else "")
    columns[-1].caption(note)


def chart_downloads(figure: object, name: str, key: str) -> None:
    """The chart as a self-contained HTML file (plotly.js inside, works offline); PNG comes
    from the chart's own camera button."""
    import plotly.graph_objects as go

    assert isinstance(figure, go.Figure)
    st.download_button(
        "Chart (HTML)",
        lambda: figure.to_html(include_plotlyjs=True, full_html=True),
        file_name=f"{name}.html",
        mime="text/html",
        key=f"{key}-html",
        icon=":material/download:",
        on_click="ignore",
    )
