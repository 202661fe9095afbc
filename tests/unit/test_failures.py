"""Database failures in one line a user can act on, from real errors of a real SQLite
database (the command line and the dashboard's error page say these words); anything
unrecognised is a bug and is not explained away."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from policytrack.failures import describe

WHERE = "SQLite file /data/policytrack.sqlite3"


def error_of(url: str, *statements: str) -> DBAPIError:
    engine = create_engine(url)
    try:
        with pytest.raises(DBAPIError) as caught, engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()
    return caught.value


def test_a_full_disk_says_nothing_was_written(tmp_path: Path) -> None:
    error = error_of(
        f"sqlite:///{tmp_path / 'full.sqlite3'}",
        "PRAGMA max_page_count = 2",  # a database that cannot grow: as when the disk is full
        "CREATE TABLE t (x TEXT)",
        "INSERT INTO t VALUES (printf('%.*c', 100000, 'x'))",
    )
    assert describe(error, WHERE) == (
        f"the disk holding {WHERE} is full: nothing was written; free space, then try again"
    )


def test_a_missing_table_says_to_upgrade(tmp_path: Path) -> None:
    error = error_of(f"sqlite:///{tmp_path / 'old.sqlite3'}", "SELECT * FROM vote_event")
    line = describe(error, WHERE)
    assert line is not None and "run `policytrack db upgrade`" in line


def test_a_database_opened_read_only_says_so(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x TEXT)")
    error = error_of(f"sqlite:///file:{path}?mode=ro&uri=true", "INSERT INTO t VALUES ('x')")
    assert describe(error, WHERE) == (
        f"{WHERE} is read-only for this user: reading works; to write, the user needs write "
        "permission on the file and its folder"
    )


def test_a_bug_is_not_explained_away() -> None:
    assert describe(ZeroDivisionError("division by zero"), WHERE) is None
    assert describe(KeyError("vote"), WHERE) is None
