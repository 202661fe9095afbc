"""The page shown instead of Streamlit's exception box: what went wrong in words a reader
or an operator can act on (the same words as the command line), never a traceback, whose
details go to the server's log."""

from __future__ import annotations

import logging

import streamlit as st

from policytrack.config import database_kind, describe_database
from policytrack.failures import describe

import data
from components.auth import current_editor
from components.links import escape_markdown

_log = logging.getLogger("policytrack.dashboard")
UNEXPECTED = (
    "Something unexpected stopped this page; it has been logged for the administrator. "
    "Reload the page, or try another one."
)


def failure_page(error: Exception) -> None:
    """Say what failed and what to do, in place of the page that failed."""
    _log.error("page failed", exc_info=error)
    line = describe(error, _where())
    st.title("This page cannot be shown")
    if line is None:
        st.error(UNEXPECTED, icon=":material/error:")
        return
    st.error(escape_markdown(line[:1].upper() + line[1:]), icon=":material/database:")
    st.caption("Nothing was changed. Reload the page once the problem is fixed.")


def _where() -> str:
    """The database in words: where it lives for an editor (an operator's fix needs the
    path or host), only its kind for a viewer (the footer's rule, issue 13 item 12)."""
    try:
        url = data.database_url()
        kind = f"the {database_kind(url)} database"
    except Exception:  # the description itself must not fail the failure page
        return "the database"
    try:
        return describe_database(url) if current_editor() is not None else kind
    except Exception:  # the account check reads the database that just failed
        return kind
