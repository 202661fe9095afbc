"""Charts drawn after the rest of the page, on a browser tab's first page (issue 13, item 13).

The browser evaluates plotly.js (4.7 MB, one long task) when a page's first chart arrives,
and every other lazily loaded element (metrics, tables, controls) waits for it: the Map's
headline numbers showed 2.5 s after the title. So, until this tab has drawn a chart, a
chart's place is kept with a note and the charts are sent in a second run that the browser
asks for itself (a fragment's auto-rerun: a timer that fires once the page has drawn and the
main thread is free). That run marks the tab ready and reruns the page, which draws every
chart in its place; a new full run cancels the timers. Afterwards (other pages, filters)
charts are drawn at once: plotly.js stays loaded in the tab.

A client with no page address (AppTest, scripts) gets the charts at once."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

READY = "charts-ready"  # session state: this tab has drawn a chart (plotly.js is loaded)
WAIT_SECONDS = 0.3  # the browser asks for the charts this long after the page arrived


def chart(draw: Callable[[], None]) -> None:
    """`draw()` now if this tab can draw charts without holding up the page, else its
    place kept and the charts asked for once the page has drawn."""
    if st.session_state.get(READY) or st.context.url is None:
        draw()
        return
    st.caption("Drawing the chart…")
    _ask_for_charts()


def _in_fragment_run() -> bool:
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


@st.fragment(run_every=WAIT_SECONDS)
def _ask_for_charts() -> None:
    """Nothing in the page's own run; run again by the browser's timer: the tab is ready."""
    if _in_fragment_run():
        st.session_state[READY] = True
        st.rerun()
