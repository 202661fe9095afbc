"""Engines and sessions for SQLite (embedded) and PostgreSQL (teams), and the write rules
every session enforces."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

import policytrack.data_version  # its engine listeners count committed writes
import policytrack.derived  # noqa: F401  (its session listeners keep derived columns current)
from policytrack.config import get_settings
from policytrack.models import CITING_TABLES


class UncitedRecordError(ValueError):
    """A vote event, agreement or position was about to be written without a source."""


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: the configured database), SQLite-tuned where needed."""
    url = url or get_settings().resolved_database_url
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # Streamlit runs each session on its own thread; each thread gets its own connection.
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLite enforces foreign keys only when asked, on every connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work commits on success and rolls back entirely on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@event.listens_for(Session, "before_flush")
def _refuse_uncited(session: Session, _context: Any, _instances: Any) -> None:
    """Every VoteEvent, Agreement and Position cites at least one Source."""
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, CITING_TABLES) and not getattr(obj, "sources", None):
            name, key = type(obj).__name__, getattr(obj, "key", "?")
            raise UncitedRecordError(f"{name} {key!r} has no source: every {name} must cite one")
