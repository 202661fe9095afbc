"""`export all` then `import all` into an empty database reproduces every record, history
included — also across SQLite and PostgreSQL."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel

from policytrack import migrations
from policytrack.auth import Editor, add_user
from policytrack.backup import BackupError, export_all, import_all
from policytrack.db import DatabaseBusy, make_engine, session_scope, waiting
from policytrack.edits.votes import retire_vote, save_vote, vote_as_input
from policytrack.ingest.problems import ImportRefused

from tests.conftest import Templates


def everything(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    tables = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if table.name == "data_version":  # bookkeeping: each database counts its own writes
                continue
            order = list(table.primary_key.columns)
            rows = connection.execute(sa.select(table).order_by(*order)).all()
            tables[table.name] = [tuple(row) for row in rows]
    return tables


@pytest.fixture
def full_engine(seeded_engine: Engine) -> Engine:
    """Seeded (ICE's lists included), one vote edited and one retired (with history)."""
    editor = Editor("alice", "editor")
    with Session(seeded_engine) as session:
        item, version = vote_as_input(session, "fl-miami-2025-06-17")
        save_vote(session, editor, item.model_copy(update={"notes": "edited"}), version)
        _, other = vote_as_input(session, "fl-doral-2025-04-16")
        retire_vote(session, editor, "fl-doral-2025-04-16", other, "test")
        session.commit()
    return seeded_engine


def test_round_trip_reproduces_every_row(
    full_engine: Engine, backend: Templates, tmp_path: Path
) -> None:
    counts = export_all(full_engine, tmp_path / "dump")
    assert counts["audit_entry"] == 2 and counts["agreement"] == 858
    target = make_engine(backend.fresh("migrated"))
    try:
        import_all(target, tmp_path / "dump")
        assert everything(target) == everything(full_engine)
        with pytest.raises(BackupError, match="not empty"):
            import_all(target, tmp_path / "dump")
    finally:
        target.dispose()


def test_restore_into_the_other_database_kind(
    full_engine: Engine, tmp_path: Path, postgres: object
) -> None:
    """SQLite → PostgreSQL or PostgreSQL → SQLite, whichever this run is not."""
    export_all(full_engine, tmp_path / "dump")
    if full_engine.dialect.name == "sqlite":
        url = postgres.create()  # type: ignore[attr-defined]
    else:
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    migrations.upgrade(url)
    target = make_engine(url)
    try:
        import_all(target, tmp_path / "dump")
        assert everything(target) == everything(full_engine)
        with Session(target) as session:  # new rows still get fresh ids after a restore
            item, version = vote_as_input(session, "fl-miami-2025-06-17")
            save_vote(
                session, Editor("bob", "editor"), item.model_copy(update={"notes": "x"}), version
            )
            session.commit()
    finally:
        target.dispose()


def test_a_folder_that_is_not_an_export_is_refused(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="manifest"):
        import_all(engine, tmp_path)


def _edit_rows(path: Path, edit: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("".join(json.dumps(edit(r)) + "\n" for r in rows), encoding="utf-8")


def test_a_tampered_export_is_checked_like_an_import_and_writes_nothing(
    seeded_engine: Engine, backend: Templates, tmp_path: Path
) -> None:
    """The issue's tampered backup: `yes=-5`, a `javascript:` source URL, an extra admin."""
    dump = tmp_path / "dump"
    export_all(seeded_engine, dump)
    miami = "fl-miami-2025-06-17"
    _edit_rows(dump / "vote_event.jsonl", lambda r: {**r, "yes": -5} if r["key"] == miami else r)
    _edit_rows(dump / "source.jsonl", lambda r: {**r, "url": "javascript:alert(1)"}
               if r["key"] == "https://305accident.net/?p=3526" else r)  # fmt: skip
    admin = {"id": 1, "name": "mallory", "role": "admin", "email": None, "retired": False,
             "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$x$y",
             "created_at": "2026-01-01T00:00:00+00:00"}  # fmt: skip
    (dump / "app_user.jsonl").write_text(json.dumps(admin) + "\n", encoding="utf-8")
    manifest = json.loads((dump / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["app_user"] = 1
    (dump / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    target = make_engine(backend.fresh("migrated"))
    try:
        with pytest.raises(
            BackupError, match=r"1 account\(s\): 'mallory' \(admin\).*--with-accounts"
        ):
            import_all(target, dump)
        with pytest.raises(ImportRefused) as refused:
            import_all(target, dump, accounts=False)
        found = {(p.file, p.field, p.value) for p in refused.value.problems}
        assert ("vote_event.jsonl", "yes", "-5") in found
        assert ("source.jsonl", "url", "javascript:alert(1)") in found
        assert all(count == 0 for count in everything_counted(target).values())
        _edit_rows(dump / "vote_event.jsonl", lambda r: {**r, "yes": 3} if r["key"] == miami else r)
        _edit_rows(dump / "source.jsonl", lambda r: {**r, "url": r["key"]}
                   if r["key"] == "https://305accident.net/?p=3526" else r)  # fmt: skip
        import_all(target, dump, accounts=False)
        assert everything_counted(target)["app_user"] == 0
    finally:
        target.dispose()


def test_accounts_are_restored_when_asked(
    seeded_engine: Engine, backend: Templates, tmp_path: Path
) -> None:
    with Session(seeded_engine) as session:
        add_user(session, "alice", "editor", password="a long enough passphrase")
        session.commit()
    export_all(seeded_engine, tmp_path / "dump")
    target = make_engine(backend.fresh("migrated"))
    try:
        counts = import_all(target, tmp_path / "dump", accounts=True)
        assert counts["app_user"] == 1
        assert everything(target) == everything(seeded_engine)
    finally:
        target.dispose()


def everything_counted(engine: Engine) -> dict[str, int]:
    return {name: len(rows) for name, rows in everything(engine).items()}


def test_a_damaged_line_is_named_and_nothing_is_written(
    votes_engine: Engine, backend: Templates, tmp_path: Path
) -> None:
    """A line nested 100,000 deep, or cut short, is one message naming file and line."""
    dump = tmp_path / "dump"
    export_all(votes_engine, dump)
    path = dump / "vote_event.jsonl"
    good = path.read_text(encoding="utf-8").splitlines()
    target = make_engine(backend.fresh("migrated"))
    try:
        for damaged, message in [
            ("[" * 100_000 + "]" * 100_000, "vote_event.jsonl line 2: nested too deeply"),
            (good[1][:40], "vote_event.jsonl line 2: not JSON"),
            ("[1, 2]", "vote_event.jsonl line 2: a row must be a JSON object"),
        ]:
            path.write_text("\n".join([good[0], damaged, *good[2:]]) + "\n", encoding="utf-8")
            with pytest.raises(BackupError, match=message):
                import_all(target, dump)
            assert all(count == 0 for count in everything_counted(target).values())
    finally:
        target.dispose()


def test_a_restore_waits_its_turn_behind_another_writer(
    votes_engine: Engine, backend: Templates, tmp_path: Path
) -> None:
    """A restore is a write like any other: it waits for the write turn (and, kept waiting
    too long, gives up having written nothing) instead of failing half-way as 'locked'."""
    dump = tmp_path / "dump"
    export_all(votes_engine, dump)
    target = make_engine(backend.fresh("migrated"))
    told: list[float] = []
    try:
        holding = session_scope(target)  # another writer holds the turn
        with holding, waiting(told.append, patience=0.5), pytest.raises(DatabaseBusy):
            import_all(target, dump)
        assert told, "the restore was never told it was waiting"
        assert all(count == 0 for count in everything_counted(target).values())
        assert (
            import_all(target, dump)["vote_event"] == everything_counted(votes_engine)["vote_event"]
        )
    finally:
        target.dispose()
