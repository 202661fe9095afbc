"""Failures a user can meet, in one line each: what went wrong, where, and what to do.

The command line (`cli`) and the dashboard's error page say the same words. `describe`
returns None for anything it does not recognise: that is a bug, to be reported with its
traceback, not explained away.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from typing import Any

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError

from policytrack.db import DatabaseBusy, DatabaseMissing
from policytrack.migrations import SchemaMismatch

_OWN = (DatabaseMissing, DatabaseBusy, SchemaMismatch)  # their messages say it all
_UPGRADE = "run `policytrack db upgrade` (or point POLICYTRACK_DATABASE_URL at the right database)"
_SQLSTATES = {
    "53100": "the disk of {where} is full: nothing was written; free space, then try again",
    "53200": "{where} ran out of memory: nothing was written; try again later",
    "25006": "{where} is read-only (a standby or read-only user): reading works, writing does not",
    "42P01": "{where} lacks a policytrack table: " + _UPGRADE,
    "3D000": "there is no database {where}: create it, then run `policytrack db upgrade`",
    "28P01": "{where} refused the user name or password: check POLICYTRACK_DATABASE_URL",
    "28000": "{where} refused the user name or password: check POLICYTRACK_DATABASE_URL",
    "42501": "the database user may not do this on {where}: ask its administrator",
}
_SQLITE_CODES = {
    sqlite3.SQLITE_FULL: "the disk holding {where} is full: nothing was written; free space, "
    "then try again",
    sqlite3.SQLITE_READONLY: "{where} is read-only for this user: reading works; to write, the "
    "user needs write permission on the file and its folder",
    sqlite3.SQLITE_CANTOPEN: "cannot open {where}: check that the file and its folder exist and "
    "are readable",
    sqlite3.SQLITE_BUSY: "{where} is busy with another write: nothing was written; try again "
    "when it has finished",
    sqlite3.SQLITE_CORRUPT: "{where} is damaged (not a database, or corrupted): restore it from "
    "a backup (`policytrack import all`)",
    sqlite3.SQLITE_NOTADB: "{where} is not a SQLite database: check POLICYTRACK_DATABASE_URL",
}


def describe(error: BaseException, where: str) -> str | None:
    """One line for a failure a user can meet (database `where`), or None for a bug."""
    if isinstance(error, _OWN):
        return str(error)
    if isinstance(error, DBAPIError):
        return _database(error, where)
    if isinstance(error, OSError):
        return _file(error)
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
    return None


def _database(error: DBAPIError, where: str) -> str | None:
    original: Any = error.orig
    if isinstance(error, IntegrityError):
        return (
            f"{where} refused the data, nothing was written: {_first_line(original)} "
            "(a record refers to one that is missing, or exists twice)"
        )
    if isinstance(original, sqlite3.Error):
        return _sqlite(original, where)
    message = _SQLSTATES.get(getattr(original, "sqlstate", None) or "")
    if message:
        return message.format(where=where)
    if isinstance(error, InterfaceError) or getattr(original, "sqlstate", None) is None:
        # psycopg has no SQLSTATE for a server it never reached.
        return (
            f"cannot reach {where} ({_first_line(original)}): check that the server is running "
            "and POLICYTRACK_DATABASE_URL (host, port, database name)"
        )
    return None


def _sqlite(original: sqlite3.Error, where: str) -> str | None:
    code = getattr(original, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in _SQLITE_CODES:
        return _SQLITE_CODES[primary].format(where=where)
    if str(original).startswith("no such table"):
        return f"{where} lacks a policytrack table ({original}): {_UPGRADE}"
    return None


def _file(error: OSError) -> str:
    name = f" {error.filename}" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"cannot write{name}: the disk is full; free space, then try again"
    return f"cannot use{name}: {error.strerror or error}"


def _first_line(original: Any) -> str:
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__
