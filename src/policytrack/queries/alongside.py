"""Run an independent read on a second connection while the caller goes on: a page's
statements run one after another, and the machine has a second core that waits meanwhile.

SQLite (a file, WAL) and PostgreSQL serve concurrent readers. The second connection sees
what is committed; so the work runs inline, on the caller's session, when that session has
changes not yet committed, or when the database is an in-memory SQLite one (each thread
would open its own, empty, database).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import Engine, event, orm
from sqlmodel import Session

T = TypeVar("T")
_WORKERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="policytrack-read")


def alongside(session: Session, work: Callable[[Session], T]) -> Callable[[], T]:
    """Start `work(a_session)` and return a function that waits for and returns its result
    (raising what it raised)."""
    bind = session.get_bind()
    if not isinstance(bind, Engine) or not _concurrent_readers(bind) or _has_writes(session):
        result = work(session)
        return lambda: result
    return _WORKERS.submit(_on_own_session, bind, work).result


def _on_own_session(engine: Engine, work: Callable[[Session], T]) -> T:
    with Session(engine) as own:
        return work(own)


def _concurrent_readers(engine: Engine) -> bool:
    if engine.dialect.name == "postgresql":
        return True
    database = engine.url.database or ""
    return (
        engine.dialect.name == "sqlite"
        and database not in ("", ":memory:")
        and ("mode=memory" not in str(engine.url))
    )


_WROTE = "policytrack.flushed"


def _has_writes(session: Session) -> bool:
    """Whether the session holds changes another connection cannot see yet: pending, or
    flushed in a transaction that has not ended."""
    return bool(session.new or session.dirty or session.deleted or session.info.get(_WROTE))


@event.listens_for(orm.Session, "after_flush")
def _note_flush(session: orm.Session, _context: object) -> None:
    session.info[_WROTE] = True


@event.listens_for(orm.Session, "after_transaction_end")
def _forget_flush(session: orm.Session, transaction: orm.SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost: committed or rolled back
        session.info.pop(_WROTE, None)
