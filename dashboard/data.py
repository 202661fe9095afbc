"""Cached access to the read side for the pages: every query goes through `query`, cached by
(database, query, filters, arguments). Results must be small (aggregates, one page of
rows): Streamlit copies a cached value on every hit.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack.config import Settings, describe_database
from policytrack.filters import Filters


def database_url() -> str:
    """The configured database (read from the environment on every run)."""
    return Settings().resolved_database_url


def _dispose(engine: Engine) -> None:
    engine.dispose()


@st.cache_resource(on_release=_dispose)
def engine(url: str) -> Engine:
    """One engine per database per server process (each session thread gets a connection).
    A cleared cache closes its connections (each holds SQLite's page cache)."""
    from policytrack.db import make_engine

    return make_engine(url)


def database_description() -> str:
    """Where the records come from, for page footers."""
    return describe_database(database_url())


def _function(name: str) -> Callable[..., Any]:
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(f"policytrack.queries.{module}"), attribute)  # type: ignore[no-any-return]


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _cached(
    url: str, name: str, filters: Filters | None, arguments: tuple[tuple[str, Any], ...]
) -> Any:
    with Session(engine(url)) as session:
        if filters is None:
            return _function(name)(session, **dict(arguments))
        return _function(name)(session, filters, **dict(arguments))


def query(name: str, filters: Filters | None = None, **arguments: Any) -> Any:
    """Run `policytrack.queries.<module>.<function>(session, filters, **arguments)`, cached.

    `name` is "module.function", e.g. `query("records.count_votes", filters)`. Pass
    `filters=None` for queries that take none. Arguments must be hashable.
    """
    return _cached(database_url(), name, filters, tuple(sorted(arguments.items())))


def position_totals() -> Any:
    """Every stakeholder's live positions, most first (`options.position_totals`), cached:
    the sidebar, the stakeholder picker and the stance matrix all start from them, so the
    positions are read once per database (one pass is ~1 s at 1M votes)."""
    return query("options.position_totals")


def filter_options() -> dict[str, Any]:
    """The sidebar's choices (states, stakeholders, date span), cached."""
    found: dict[str, Any] = query("options.filter_options", totals=position_totals())
    return found


def clear() -> None:
    """Forget every cached result (after a write)."""
    _cached.clear()
