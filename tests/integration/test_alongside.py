"""`queries.alongside`: an independent read runs on a second connection only where that
connection sees the same rows, and its result and errors come back to the caller."""

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack.db import make_engine
from policytrack.migrations import upgrade
from policytrack.models import Stakeholder
from policytrack.queries.alongside import alongside
from policytrack.vocab import StakeholderKind


def _where_and_how_many(session: Session) -> tuple[str, int]:
    count = session.exec(select(sa.func.count()).select_from(Stakeholder)).one()
    return threading.current_thread().name, int(count)


def test_a_committed_database_is_read_on_another_thread(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        inline = _where_and_how_many(session)
        thread, count = alongside(session, _where_and_how_many)()
    assert thread.startswith("policytrack-read") and thread != inline[0]
    assert count == inline[1] > 0


def test_writes_not_yet_committed_keep_the_read_on_this_session(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        _, before = _where_and_how_many(session)
        pending = Stakeholder(key="test-pending", name="Pending", kind=StakeholderKind.UNION)
        session.add(pending)
        thread, count = alongside(session, _where_and_how_many)()  # pending: not flushed
        assert (thread, count) == (threading.current_thread().name, before + 1)
        session.flush()
        assert not session.new  # flushed: only this connection sees it
        thread, count = alongside(session, _where_and_how_many)()
        assert (thread, count) == (threading.current_thread().name, before + 1)
        session.rollback()
        thread, count = alongside(session, _where_and_how_many)()
        assert thread.startswith("policytrack-read") and count == before


def test_an_in_memory_database_is_read_on_this_session() -> None:
    engine = make_engine("sqlite://")
    try:
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE t (x INTEGER)"))
            connection.execute(sa.text("INSERT INTO t VALUES (1), (2)"))
        with Session(engine) as session:
            read = alongside(
                session,
                lambda own: (
                    threading.current_thread().name,
                    own.execute(sa.text("SELECT count(*) FROM t")).scalar_one(),
                ),
            )()
        assert read == (threading.current_thread().name, 2)
    finally:
        engine.dispose()


def test_an_error_reaches_the_caller(engine: Engine) -> None:
    with Session(engine) as session:
        waiting = alongside(session, lambda own: own.execute(sa.text("SELECT * FROM nowhere")))
        with pytest.raises(sa.exc.DBAPIError):
            waiting()


def test_a_sqlite_file_is_read_alongside(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'file.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            thread, count = alongside(session, _where_and_how_many)()
        assert thread.startswith("policytrack-read") and count == 0
    finally:
        engine.dispose()
