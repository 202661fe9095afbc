"""Colours and labels shared by every chart: Okabe–Ito colour-blind-safe palette, and the
words shown for each vocabulary value (values never rely on colour alone)."""

from __future__ import annotations

# Words for codes: the one vocabulary of labels (policytrack.vocab), re-exported for pages.
from policytrack.vocab import label as label

OUTCOME_COLOURS = {
    "passed": "#0072B2",  # blue
    "failed": "#D55E00",  # vermillion
    "deferred": "#E69F00",  # orange
    "withdrawn": "#999999",  # grey
}
STATUS_COLOURS = {
    "active": "#009E73",  # bluish green
    "pending": "#E69F00",  # orange
    "removed": "#999999",  # grey
    "superseded": "#56B4E9",  # sky blue
    "terminated": "#CC79A7",  # reddish purple
}
STANCE_COLOURS = {
    "support": "#0072B2",
    "oppose": "#D55E00",
    "mixed": "#CC79A7",
    "neutral": "#999999",
}
MODEL_COLOURS = {
    "task_force": "#0072B2",
    "jail_enforcement": "#009E73",
    "warrant_service_officer": "#E69F00",
    "unknown": "#999999",
}
# Markers differ by shape as well as colour, so outcomes read in grey scale too.
OUTCOME_SYMBOLS = {"passed": "circle", "failed": "x", "deferred": "diamond", "withdrawn": "square"}
STATUS_SYMBOLS = {
    "active": "circle",
    "pending": "diamond",
    "removed": "x",
    "superseded": "square",
    "terminated": "triangle-up",
}
SEQUENTIAL = "Blues"  # choropleths: one hue, light to dark (readable without colour vision)

# ── page layout: one stylesheet for every width and for print ────────────────────────────
# Streamlit's own test ids (data-testid) are its documented hooks for styling and testing.
PAGE_CSS = """
/* Sidebar: the From / To dates each get the sidebar's width: side by side, a date of ten
   characters and its calendar icon did not fit at 1280 px ("2025 - 0"). */
[data-testid="stSidebar"] [data-testid="stHorizontalBlock"] {
  flex-direction: column;
  gap: 0;
}
[data-testid="stSidebar"] [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
  width: 100% !important;
  flex: 1 1 100% !important;
  min-width: 100% !important;
}

/* Narrow screens (phones, 420 px): less padding around the page, so charts and tables
   get the width. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] {
    padding-left: 0.75rem;
    padding-right: 0.75rem;
  }
}

/* Charts wider than the page (the stance matrix has a fixed width per place) scroll
   sideways instead of being squeezed or cut. */
[data-testid="stPlotlyChart"] {
  overflow-x: auto;
}

/* Print: the record, not the app around it. No sidebar, header, toolbar, downloads or
   chart buttons; the page's full width and full length. */
@media print {
  [data-testid="stSidebar"],
  [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"],
  [data-testid="stToolbar"],
  [data-testid="stDecoration"],
  [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"],
  .modebar-container {
    display: none !important;
  }
  [data-testid="stAppViewContainer"],
  [data-testid="stMain"] {
    position: static !important;
    overflow: visible !important;
    height: auto !important;
    margin-left: 0 !important;
  }
  [data-testid="stMainBlockContainer"] {
    max-width: 100% !important;
    padding: 0 !important;
  }
  [data-testid="stPlotlyChart"],
  [data-testid="stDataFrame"],
  [data-testid="stMetric"] {
    break-inside: avoid;
  }
}
"""


def apply() -> None:
    """Add the page stylesheet (Streamlit puts a style-only `st.html` in no visible
    element, so it takes no space on the page)."""
    import streamlit as st

    st.html(f"<style>{PAGE_CSS}</style>")
