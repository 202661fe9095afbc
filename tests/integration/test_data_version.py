"""The data version moves on with every committed write — through the ORM, through plain SQL,
from another engine (as another process would) — and never with a read or a rolled-back
write, on SQLite and PostgreSQL."""

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine
from sqlmodel import select

from policytrack import data_version, migrations
from policytrack.db import make_engine, session_scope
from policytrack.ingest.official_lists import import_official_list
from policytrack.models import Source, VoteEvent

from tests.conftest import require_shared


def test_an_orm_save_moves_the_version_on(seeded_engine: Engine) -> None:
    before = data_version.read(seeded_engine)
    with session_scope(seeded_engine) as session:
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == "fl-miami-2025-06-17")).one()
        vote.notes = "checked again"
    assert before is not None and data_version.read(seeded_engine) == before + 1


def test_plain_sql_from_another_engine_moves_it_on_for_everyone(seeded_engine: Engine) -> None:
    other = make_engine(seeded_engine.url.render_as_string(hide_password=False))
    try:
        before = data_version.read(seeded_engine)
        with other.begin() as connection:
            connection.execute(sa.insert(Source).values(key="article:x", citation="A report"))
        assert before is not None and data_version.read(seeded_engine) == before + 1
    finally:
        other.dispose()


def test_an_ice_list_import_moves_it_on(engine: Engine) -> None:
    before = data_version.read(engine)
    lists = require_shared() / "data" / "ice-287g"
    import_official_list(engine, lists / "pending_2025-07-18.xlsx")
    assert before is not None and data_version.read(engine) == before + 1


def test_reads_and_rolled_back_writes_leave_it(seeded_engine: Engine) -> None:
    before = data_version.read(seeded_engine)
    with session_scope(seeded_engine) as session:  # commits, having only read
        session.exec(select(VoteEvent)).all()
    with pytest.raises(RuntimeError), session_scope(seeded_engine) as session:
        session.add(Source(key="article:y", citation="Never kept"))
        session.flush()
        raise RuntimeError("the editor's save failed")
    with seeded_engine.connect() as connection:
        connection.execute(sa.insert(Source).values(key="article:z", citation="Rolled back"))
        connection.rollback()
        connection.execute(sa.select(Source.key)).all()
        connection.commit()
    assert data_version.read(seeded_engine) == before


def test_a_database_before_the_counter_reads_none_and_still_takes_writes(empty_url: str) -> None:
    command.upgrade(migrations.alembic_config(empty_url), "0012")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.insert(Source).values(key="article:w", citation="Kept"))
        assert data_version.read(engine) is None
        with engine.connect() as connection:
            assert connection.execute(sa.select(sa.func.count()).select_from(Source)).scalar() == 1
    finally:
        engine.dispose()
