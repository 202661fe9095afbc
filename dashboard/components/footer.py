"""The line at the foot of every page: what kind of database the records come from and how
current they are. Where the database lives (a file path, a host) is for editors only: a
viewer has no use for the server's paths, and should not be shown them."""

from __future__ import annotations

import streamlit as st

from policytrack.config import database_kind, describe_database
from policytrack.queries.options import data_as_of

import data
from components.auth import current_editor
from components.links import escape_markdown


def footer(*notes: str) -> None:
    """`Records: SQLite database · votes to 2026-02-12 · ICE's list as of 2025-07-18`, then
    `notes`; an editor also sees where the database is."""
    url = data.database_url()
    found = data.query(data_as_of)
    parts = [f"Records: {database_kind(url)} database"]
    latest, listed = found.latest_vote, found.list_as_of
    parts.append(f"votes to {latest.isoformat()}" if latest else "no votes yet")
    parts.append(f"ICE's list as of {listed.isoformat()}" if listed else "no ICE list loaded")
    if current_editor() is not None:
        parts.append(f"{describe_database(url)} (shown to editors only)")
    st.caption(escape_markdown(" · ".join([*parts, *notes])))
