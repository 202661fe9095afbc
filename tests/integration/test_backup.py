"""`export all` then `import all` into an empty database reproduces every record, history
included — also across SQLite and PostgreSQL."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel

from policytrack import migrations
from policytrack.auth import Editor
from policytrack.backup import BackupError, export_all, import_all
from policytrack.db import make_engine
from policytrack.ingest.official_lists import import_official_list
from policytrack.services import retire_vote, save_vote, vote_as_input

from tests.conftest import Templates, require_shared


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
    """Seeded, an official list imported, one vote edited and one retired (with history)."""
    import_official_list(
        seeded_engine, require_shared() / "data" / "ice-287g" / "pending_2025-07-18.xlsx"
    )
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
    assert counts["audit_entry"] == 2 and counts["agreement"] == 26
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
