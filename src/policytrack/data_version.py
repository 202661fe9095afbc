"""The data version: a counter that every committed write moves on, read once per page run
and made part of every cached query's key, so a running dashboard never serves numbers from
before a write — whoever made it (the CLI, a sync, an upload, an editor in another session,
another server process on the same PostgreSQL) — and one page never mixes two versions.

The counter is one row (`data_version`, migration 0015) bumped by the writing transaction
itself, just before it commits: readers see the new version exactly when they can see the
new data, on SQLite and PostgreSQL alike. Any connection of any engine counts: a connection
that ran an INSERT, UPDATE or DELETE bumps the counter when it commits; reads never do (a
read-only `session_scope` commits too, and must not take SQLite's write lock). A database
migrated to before 0015 has no counter: nothing is bumped, and `read` says so (None).

Registered on every engine by `register` (`db.py` calls it, once, explicitly).
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

_WROTE = "policytrack_wrote"  # key in a connection's `info` while its transaction has written
# Statements that change rows; a leading WITH counts when it ends in one (data-modifying CTE).
_WRITE = re.compile(
    r"\s*(?:WITH\b.*?\b)?(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE)\b", re.I | re.S
)
_EXISTS = {
    "sqlite": "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_version'",
    "postgresql": "SELECT to_regclass('data_version') IS NOT NULL",
}
_BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"
_FIRST = "INSERT INTO data_version (id, version) VALUES (1, 1)"


def is_write(statement: str, context: Any) -> bool:
    """Whether a statement changes rows (compiled DML, or SQL text that starts like it)."""
    if context is not None and (context.isinsert or context.isupdate or context.isdelete):
        return True
    return bool(_WRITE.match(statement))


def register() -> None:
    """Count the writes of every connection of every engine. Calling it again changes
    nothing."""
    for name, listener in (
        ("after_cursor_execute", _note_write),
        ("commit", _bump_on_commit),
        ("rollback", _forget_write),
    ):
        if not event.contains(Engine, name, listener):
            event.listen(Engine, name, listener)


def _note_write(
    connection: sa.Connection, _cursor: Any, statement: str, _params: Any, context: Any, _many: Any
) -> None:
    if is_write(statement, context):
        connection.info[_WROTE] = True


def _bump_on_commit(connection: sa.Connection) -> None:
    """Move the counter on inside the committing transaction (raw cursor: no events)."""
    if not connection.info.pop(_WROTE, False):
        return
    cursor = connection.connection.cursor()
    try:
        exists = _EXISTS.get(connection.dialect.name)
        if exists is None:
            return
        cursor.execute(exists)
        found = cursor.fetchone()
        if not found or not found[0]:
            return  # not migrated to 0015 yet (or a server's admin database)
        cursor.execute(_BUMP)
        if cursor.rowcount == 0:
            cursor.execute(_FIRST)
    finally:
        cursor.close()


def _forget_write(connection: sa.Connection) -> None:
    connection.info.pop(_WROTE, None)


_READ = sa.text("SELECT version FROM data_version WHERE id = 1")


def read(engine: Engine) -> int | None:
    """The current data version; None where the database has no counter (not upgraded)."""
    try:
        with engine.connect() as connection:
            return int(connection.execute(_READ).scalar() or 0)
    except DBAPIError:
        return None


def read_in(session: Session) -> int:
    """The data version as `session` sees it now (the counter must exist)."""
    return int(session.execute(_READ).scalar() or 0)
