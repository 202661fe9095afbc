"""Engines and sessions for SQLite (embedded) and PostgreSQL (teams), and the write rules
every session enforces.

Writers take turns: a write transaction (`session_scope`) first waits until no other writer
holds the database — SQLite's write lock (`BEGIN IMMEDIATE`), or one PostgreSQL advisory
lock — so two imports, or an import and an editor's save, run one after the other on both
databases: none fails with "database is locked", none trips over a record the other is
creating (two files citing the same new source). Who waits is told (`waiting`), and gives
up after a while with `DatabaseBusy`, having written nothing.

Opening a database never creates one unless asked (`make_engine(create=True)`, which the
schema upgrade uses): a read command pointed at a wrong path says so instead of leaving an
empty database behind. A SQLite file this user may not write is opened read-only.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

from policytrack import data_version, derived
from policytrack.config import describe_database, get_settings
from policytrack.models import CITING_TABLES
from policytrack.people import store as people_store

WaitNotice = Callable[[float], None]  # told the seconds waited so far

SQLITE_BUSY_MS = 30_000  # a statement's own wait for a lock (the write turn waits longer)
_FIRST_TRY = 0.25  # seconds before the waiting writer is told, then every _NEXT_TRIES
_NEXT_TRIES = 1.0
# One key for every policytrack writer on a PostgreSQL database ("policytr" in ASCII).
WRITE_LOCK_KEY = 0x706F6C6963797472
_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL: lock_timeout expired

# The caller that knows how to tell a person (a terminal, a page) sets how long its writes
# wait and how the wait is shown; the writers themselves (importers, edits) need not know.
# A context variable is per thread, so each dashboard session keeps its own.
_waiting: ContextVar[tuple[WaitNotice | None, float | None]] = ContextVar(
    "policytrack_write_waiting", default=(None, None)
)


class UncitedRecordError(ValueError):
    """A vote event, agreement or position was about to be written without a source."""


class DatabaseMissing(RuntimeError):
    """No database where the settings point (and none is created unless asked)."""


class DatabaseBusy(RuntimeError):
    """Another write held the database longer than this one would wait; nothing written."""


def make_engine(url: str | None = None, *, create: bool = False) -> Engine:
    """An engine for `url` (default: the configured database), SQLite-tuned where needed.
    A SQLite file that does not exist is created only with `create` (DatabaseMissing)."""
    url = url or get_settings().resolved_database_url
    if url.startswith("sqlite"):
        return _sqlite_engine(url, create)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: str, create: bool) -> Engine:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", lambda connection, _record: _pragmas(connection))
        return engine
    path = Path(database).resolve()
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.is_file():
        raise DatabaseMissing(
            f"no database at {path}: create it with `policytrack db upgrade`, or point "
            "POLICYTRACK_DATABASE_URL at the right one"
        )
    # Our own connect: Streamlit runs each session on its own thread (each gets a connection).
    return create_engine(url, creator=partial(_open_sqlite, path, create))


def _open_sqlite(path: Path, create: bool) -> sqlite3.Connection:
    """Open the database file: created only when asked; read-only where this user may not
    write the file or its folder (where SQLite keeps its -wal and -shm files)."""
    writable = os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
    mode = ("rwc" if create else "rw") if writable else "ro"
    connection = _connect(path, mode)
    if mode == "ro":
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        except sqlite3.OperationalError:
            # A WAL database in a folder this user cannot write: SQLite can read it only
            # as a file nobody changes meanwhile.
            connection.close()
            connection = _connect(path, "ro", "&immutable=1")
        return connection
    _pragmas(connection)
    return connection


def _connect(path: Path, mode: str, more: str = "") -> sqlite3.Connection:
    uri = f"{path.as_uri()}?mode={mode}{more}"
    return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=SQLITE_BUSY_MS / 1000)


def _pragmas(dbapi_connection: Any) -> None:
    # SQLite enforces foreign keys only when asked, on every connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def waiting(notice: WaitNotice | None = None, patience: float | None = None) -> Iterator[None]:
    """Within this block, a write that must wait for another calls `notice(seconds waited)`
    now and then, and gives up (DatabaseBusy) after `patience` seconds (default: the
    `write_wait_seconds` setting)."""
    token = _waiting.set((notice, patience))
    try:
        yield
    finally:
        _waiting.reset(token)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A write transaction: it waits its turn behind any other writer, commits on success
    and rolls back entirely on any error."""
    with Session(engine, expire_on_commit=False) as session:
        _take_turn(session, engine)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _take_turn(session: Session, engine: Engine) -> None:
    """Hold the database's one write turn for this session's transaction, waiting for it."""
    notice, patience = _waiting.get()
    patience = get_settings().write_wait_seconds if patience is None else patience
    started = time.monotonic()
    attempt = min(_FIRST_TRY, patience)
    while True:
        try:
            _claim(session, attempt)
            return
        except OperationalError as error:
            if not is_busy(error):
                raise
            session.rollback()
        waited = time.monotonic() - started
        if waited >= patience:
            where = describe_database(engine.url.render_as_string(hide_password=True))
            raise DatabaseBusy(
                f"{where} was busy with another write (an import or an editor's save) for "
                f"{waited:.0f} s: nothing was written; try again when it has finished"
            )
        if notice is not None:
            notice(waited)
        attempt = min(_NEXT_TRIES, patience - waited)


def _claim(session: Session, seconds: float) -> None:
    connection = session.connection()
    milliseconds = max(1, int(seconds * 1000))
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {milliseconds}")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
        connection.exec_driver_sql("SET LOCAL lock_timeout = DEFAULT")


def is_busy(error: OperationalError) -> bool:
    """Whether a database error means another writer holds the lock."""
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        return original.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return getattr(original, "sqlstate", None) == _LOCK_NOT_AVAILABLE


def _refuse_uncited(session: Session, _context: Any, _instances: Any) -> None:
    """Every VoteEvent, Agreement and Position cites at least one Source."""
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, CITING_TABLES) and not getattr(obj, "sources", None):
            name, key = type(obj).__name__, getattr(obj, "key", "?")
            raise UncitedRecordError(f"{name} {key!r} has no source: every {name} must cite one")


def register_listeners() -> None:
    """What every write goes through, whichever engine or session makes it: the refusal of
    uncited records, the derived columns (`derived`), the data version (`data_version`), the
    people of each place (`people.store`).
    Called once below; calling it again changes nothing."""
    if not event.contains(Session, "before_flush", _refuse_uncited):
        event.listen(Session, "before_flush", _refuse_uncited)
    derived.register()
    data_version.register()
    people_store.register()


register_listeners()
