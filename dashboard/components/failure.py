"""The page shown instead of Streamlit's exception box: what went wrong in words a reader
or an operator can act on (the same words as the command line), never a traceback, whose
details go to the server's log."""

from __future__ import annotations

import logging

import streamlit as st

from policytrack.failures import describe

import data
from components.links import escape_markdown

_log = logging.getLogger("policytrack.dashboard")
UNEXPECTED = (
    "Something unexpected stopped this page; it has been logged for the administrator. "
    "Reload the page, or try another one."
)


def failure_page(error: Exception) -> None:
    """Say what failed and what to do, in place of the page that failed."""
    _log.error("page failed", exc_info=error)
    try:
        where = data.database_description()
    except Exception:  # the description itself must not fail the failure page
        where = "the database"
    line = describe(error, where)
    st.title("This page cannot be shown")
    if line is None:
        st.error(UNEXPECTED, icon=":material/error:")
        return
    st.error(escape_markdown(line[:1].upper() + line[1:]), icon=":material/database:")
    st.caption("Nothing was changed. Reload the page once the problem is fixed.")
