"""Cached access to the read side (`policytrack.queries`) for the pages.

Every cached function takes the database URL as its first argument, so a change of
`POLICYTRACK_DATABASE_URL` (tests, a second deployment) never serves another database's rows.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import queries
from policytrack.config import Settings, describe_database


def database_url() -> str:
    """The configured database (read from the environment on every run)."""
    return Settings().resolved_database_url


@st.cache_resource
def engine(url: str) -> Engine:
    """One engine per database per server process (each session thread gets a connection)."""
    from policytrack.db import make_engine

    return make_engine(url)


def database_description() -> str:
    """Where the records come from, for the page footer."""
    return describe_database(database_url())


@st.cache_data(ttl=300, max_entries=64)
def vote_table(url: str, states: tuple[str, ...] = ()) -> pd.DataFrame:
    """Vote events for the chosen states (all when none)."""
    with Session(engine(url)) as session:
        return queries.vote_table(session, list(states) or None)
