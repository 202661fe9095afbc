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

/* Print: the record, not the app around it. No sidebar, header, toolbar, controls
   (buttons, inputs, downloads, tabs' bar, chart and table toolbars); the page's full width
   and full length; charts scaled to the page (PRINT_SCRIPT); every link followed by the
   address it leads to, unless its text is that address. */
@media print {
  [data-testid="stSidebar"],
  [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"],
  [data-testid="stToolbar"],
  [data-testid="stDecoration"],
  [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"],
  [data-testid="stButton"],
  [data-testid="stFormSubmitButton"],
  [data-testid="stLinkButton"],
  [data-testid="stPopover"],
  [data-testid="stTextInput"],
  [data-testid="stTextArea"],
  [data-testid="stNumberInput"],
  [data-testid="stSelectbox"],
  [data-testid="stMultiSelect"],
  [data-testid="stDateInput"],
  [data-testid="stSlider"],
  [data-testid="stCheckbox"],
  [data-testid="stRadio"],
  [data-testid="stButtonGroup"],
  [data-testid="stFileUploader"],
  [data-testid="stElementToolbar"],
  [data-baseweb="tab-list"],
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
  [data-testid="stPlotlyChart"] {
    overflow: visible !important;
  }
  [data-testid="stMain"] a[href]::after {
    content: " <" attr(href) ">";
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
  [data-testid="stMain"] a[data-print-url]::after {
    content: " <" attr(data-print-url) ">";
  }
  [data-testid="stMain"] a[href^="#"]::after,
  [data-testid="stMain"] a[data-print-url=""]::after {
    content: none;
  }
}
"""


# Just before printing (the browser's `beforeprint`): each link's full address, unless its
# text already is it (the stylesheet prints it after the link), and each chart wider than a
# printed page scaled down to fit (plotly draws at the screen's width; CSS alone cannot
# tell the ratio). `afterprint` puts the charts back. Our own script, no outside input.
PRINT_WIDTH = 680  # px: A4 and US Letter, portrait, with the browser's default margins
PRINT_SCRIPT = """
<script>
(() => {
  if (window.policytrackPrint) return;
  window.policytrackPrint = true;
  const charts = () =>
    document.querySelectorAll('[data-testid=stMain] [data-testid=stPlotlyChart]');
  window.addEventListener('beforeprint', () => {
    for (const a of document.querySelectorAll('[data-testid=stMain] a[href]')) {
      const text = a.textContent.trim();
      const bare = !text || text === a.href || text === a.getAttribute('href');
      a.dataset.printUrl = bare ? '' : a.href;  // no text: a heading's anchor icon
    }
    for (const chart of charts()) {
      // Its width kept as drawn, so that plotly does not redraw it wider inside the zoom.
      const width = chart.getBoundingClientRect().width;
      if (width <= WIDTH) continue;
      chart.style.width = `${width}px`;
      chart.style.zoom = String(WIDTH / width);
    }
  });
  window.addEventListener('afterprint', () => {
    for (const chart of charts()) {
      chart.style.zoom = '';
      chart.style.width = '';
    }
  });
})();
</script>
""".replace("WIDTH", str(PRINT_WIDTH))


# An embed (`?only=ELEMENT`, components/embeds.py): the element's view alone — no sidebar,
# header or anything else of the page. Only when the view is there: a link naming no chart
# of the page shows the page as it is.
EMBED_CSS = """
[data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"],
[data-testid="stToolbar"] {
  display: none !important;
}
[data-testid="stMain"]:has(.st-key-embed-view) [data-testid="stVerticalBlock"]
  > :not(.st-key-embed-view):not(:has(.st-key-embed-view)):not(.st-key-embed-view *) {
  display: none !important;
}
[data-testid="stMain"]:has(.st-key-embed-view) [data-testid="stMainBlockContainer"] {
  padding: 0.5rem 1rem !important;
}
"""


def apply() -> None:
    """Add the page stylesheet and the print script (Streamlit puts a style-only or
    script-only `st.html` in no visible element, so neither takes space on the page)."""
    import streamlit as st

    st.html(f"<style>{PAGE_CSS}</style>")
    st.html(PRINT_SCRIPT, unsafe_allow_javascript=True)
    if st.query_params.get("only"):
        st.html(f"<style>{EMBED_CSS}</style>")
