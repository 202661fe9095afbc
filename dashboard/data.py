"""Cached access to the read side (`policytrack.queries`) for the pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import queries
from policytrack.config import describe_database, get_settings
from policytrack.db import make_engine


@st.cache_resource
def engine() -> Engine:
    """One engine per server process (each session thread gets its own connection)."""
    return make_engine(get_settings().resolved_database_url)


def database_description() -> str:
    """Where the records come from, for the page footer."""
    return describe_database(get_settings().resolved_database_url)


@st.cache_data(ttl=300, max_entries=64)
def vote_table(states: tuple[str, ...] = ()) -> pd.DataFrame:
    """Vote events for the chosen states (all when none)."""
    with Session(engine()) as session:
        return queries.vote_table(session, list(states) or None)
