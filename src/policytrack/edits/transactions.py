"""How a person's write runs, for the dashboard: one transaction (`transaction`) that waits
its turn behind any other writer — within `waiting`, saying so through a notice and giving
up after a patience with `DatabaseBusy`, nothing written. `EditSession` is the unit of work
every edit function takes; the dashboard gets one from `dashboard/data.py` (reads) or
`transaction` (writes) and never opens one itself."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session

from policytrack.db import DatabaseBusy, WaitNotice, session_scope, waiting

EditSession = Session

__all__ = ["DatabaseBusy", "EditSession", "WaitNotice", "transaction", "waiting"]


@contextmanager
def transaction(engine: Engine) -> Iterator[EditSession]:
    """One write transaction: it waits its turn behind any other writer, commits on success
    and rolls back entirely on any error (`db.session_scope`)."""
    with session_scope(engine) as session:
        yield session
