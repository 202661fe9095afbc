"""Cached access to the read side for the pages: every query goes through `query`, cached by
(database, data version, query, filters, arguments). Results must be small (aggregates, one
page of rows): Streamlit copies a cached value on every hit.

Pages pass the query function itself, imported from `policytrack.queries`, and its
arguments after the session: `query(records.count_votes, filters)`. The arguments and the
result are typed by the function's own signature, so mypy sees a renamed query, a wrong
argument or a misread result (issue 16).

The data version (policytrack.data_version) is read once at the top of each run
(`start_run`, from streamlit_app.py) and is part of every key: a write committed anywhere
shows on the next rerun of every page, and one run reads one version. A query that finds the
version moved on while it ran (a write landed mid-run) is not kept, and the run starts again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import data_version
from policytrack.config import Settings, database_kind
from policytrack.edits import transactions
from policytrack.queries import options
from policytrack.queries.options import FilterOptions, Totals

P = ParamSpec("P")
T = TypeVar("T")

RUN_VERSION = "data-version"  # session state: the version this run reads
RESTARTS = "data-version-restarts"  # session state: runs restarted in a row by a write
MAX_RESTARTS = 3  # under a stream of writes, show the page rather than restart for ever


def database_url() -> str:
    """The configured database (read from the environment on every run)."""
    return Settings().resolved_database_url


def _dispose(engine: Engine) -> None:
    engine.dispose()


@st.cache_resource(on_release=_dispose)
def engine(url: str) -> Engine:
    """One engine per database per server process (each session thread gets a connection).
    A cleared cache closes its connections (each holds SQLite's page cache)."""
    from policytrack import migrations
    from policytrack.db import make_engine

    made = make_engine(url)
    try:
        # A database at another schema revision is told to upgrade (the failure page) before
        # a page half-works on it; a viewer is told its kind only, never its path or host.
        migrations.check_schema(made, where=f"the {database_kind(url)} database")
    except Exception:
        made.dispose()
        raise
    return made


def session() -> Session:
    """A session on the configured database, uncached, for what the editor's forms and
    sign-in read as stored (a record to edit, its history, an account)."""
    return Session(engine(database_url()))


def transaction() -> AbstractContextManager[Session]:
    """One write transaction on the configured database (`edits.transactions.transaction`):
    it waits its turn behind any other writer, commits on success, rolls back on error."""
    return transactions.transaction(engine(database_url()))


def start_run() -> None:
    """Read the data version this run will show (once, before any query)."""
    if not st.session_state.pop(RESTARTS + "-now", False):
        st.session_state[RESTARTS] = 0
    st.session_state[RUN_VERSION] = data_version.read(engine(database_url()))


def version() -> int | None:
    """The data version of this run (None: the database has no counter, nothing is cached)."""
    if RUN_VERSION not in st.session_state:
        start_run()
    found = st.session_state[RUN_VERSION]
    return found if isinstance(found, int) else None


class DataChanged(Exception):
    """A write was committed while a query ran: its result may be newer than the run's."""

    def __init__(self, result: Any) -> None:
        super().__init__("the data changed during this run")
        self.result = result


def _name(function: Callable[..., Any]) -> str:
    """The query's place in the cache key: `module.function` (the function object itself is
    not hashed: two queries never share a key)."""
    return f"{function.__module__}.{function.__qualname__}"


def _run(
    url: str,
    function: Callable[..., T],
    arguments: tuple[Any, ...],
    keywords: dict[str, Any],
    *,
    versioned: bool,
) -> tuple[T, int | None]:
    """Run the query, and read the data version after it on the same session (if any)."""
    with Session(engine(url)) as session:
        result = function(session, *arguments, **keywords)
        return result, data_version.read_in(session) if versioned else None


# No TTL: the data version in the key is what makes a result stale. Streamlit does not hash
# `_function` (the leading underscore): `name` stands for it in the key.
@st.cache_data(max_entries=512, show_spinner=False)
def _cached(
    url: str,
    version: int,
    name: str,
    arguments: tuple[Hashable, ...],
    keywords: tuple[tuple[str, Hashable], ...],
    _function: Callable[..., Any],
) -> Any:
    result, after = _run(url, _function, arguments, dict(keywords), versioned=True)
    if after != version:
        raise DataChanged(result)  # never cached under a version it may not belong to
    return result


def query(
    function: Callable[Concatenate[Session, P], T], *arguments: P.args, **keywords: P.kwargs
) -> T:
    """`function(session, *arguments, **keywords)`, cached: a query function of
    `policytrack.queries` and its arguments after the session, e.g.
    `query(records.count_votes, filters)`. Arguments must be hashable."""
    url, current = database_url(), version()
    if current is None:  # no counter (a database before migration 0015): never cached
        return _run(url, function, arguments, keywords, versioned=False)[0]
    try:
        found: T = _cached(
            url, current, _name(function), arguments, tuple(sorted(keywords.items())), function
        )
    except DataChanged as changed:
        found = _restart(changed.result)  # what this function returned, a moment later
    return found


def _restart(result: Any) -> Any:
    """Start the run again on the new version (a page never shows two versions), unless
    writes keep landing: then show what was read."""
    restarts = int(st.session_state.get(RESTARTS, 0))
    if restarts >= MAX_RESTARTS:
        return result
    st.session_state[RESTARTS] = restarts + 1
    st.session_state[RESTARTS + "-now"] = True
    st.rerun()


def stream(
    function: Callable[Concatenate[Session, P], Iterator[T]],
    *arguments: P.args,
    **keywords: P.kwargs,
) -> Iterator[T]:
    """Iterate `function(session, *arguments, **keywords)`, uncached, on a session of its
    own: for downloads of every row, made when clicked (on Streamlit's download thread: the
    engine is found here, on the page's)."""
    bound = engine(database_url())

    def items() -> Iterator[T]:
        with Session(bound) as session:
            yield from function(session, *arguments, **keywords)

    return items()


def position_totals() -> Totals:
    """Every stakeholder's live positions, most first (`options.position_totals`), cached:
    the sidebar, the stakeholder picker and the stance matrix all start from them, so the
    positions are read once per database (one pass is ~1 s at 1M votes)."""
    return query(options.position_totals)


def filter_options() -> FilterOptions:
    """The sidebar's choices (states, stakeholders, date span), cached."""
    return query(options.filter_options, totals=position_totals())


def clear() -> None:
    """Forget every cached result (after a write), and read on at the new version."""
    _cached.clear()
    st.session_state[RUN_VERSION] = data_version.read(engine(database_url()))
