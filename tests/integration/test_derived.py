"""Derived columns (vote month; a position's place and whether it counts) follow every kind
of write, on SQLite and PostgreSQL: seeding, editing, retiring, reverting and restoring."""

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack import derived
from policytrack.auth import Editor
from policytrack.backup import export_all, import_all
from policytrack.derived import month_text, refresh_all, stale_rows
from policytrack.edits.vote_reverts import revert_vote
from policytrack.edits.votes import history, retire_vote, save_vote, vote_as_input
from policytrack.migrations import upgrade
from policytrack.models import Position, VoteEvent

MIAMI = "fl-miami-2025-06-17"
ALICE = Editor("alice", "editor")


def _stale(engine: Engine) -> int:
    with engine.connect() as connection:
        return stale_rows(connection)


def _live_positions(session: Session, key: str) -> list[bool]:
    vote = session.exec(select(VoteEvent).where(VoteEvent.key == key)).one()
    found = session.exec(select(Position.live).where(Position.vote_event_id == vote.id))
    return list(found)


def test_month_text() -> None:
    assert month_text(dt.date(2025, 6, 17)) == "2025-06"
    assert month_text(None) is None


def test_seeded_records_have_their_derived_columns(seeded_engine: Engine) -> None:
    assert _stale(seeded_engine) == 0
    with Session(seeded_engine) as session:
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == MIAMI)).one()
        assert vote.vote_month == "2025-06"
        assert _live_positions(session, MIAMI) and all(_live_positions(session, MIAMI))


def test_a_wrong_copy_is_noticed_and_refresh_all_repairs_it(seeded_engine: Engine) -> None:
    """The check itself can fail: corrupt one copy of each kind, then repair."""
    with seeded_engine.begin() as connection:
        connection.execute(sa.update(VoteEvent).values(vote_month="1999-01"))
        connection.execute(sa.update(Position).values(state="ZZ"))
    assert _stale(seeded_engine) > 0
    with seeded_engine.begin() as connection:
        refresh_all(connection)
    assert _stale(seeded_engine) == 0


def test_edits_retire_and_revert_keep_them_current(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        save_vote(session, ALICE, item.model_copy(update={"vote_date": dt.date(2025, 7, 1)}),
                  version)  # fmt: skip
        session.commit()
        assert session.exec(select(VoteEvent.vote_month).where(VoteEvent.key == MIAMI)).one() == (
            "2025-07"
        )
        retire_vote(session, ALICE, MIAMI, version + 1, "duplicate of another record")
        session.commit()
        assert _live_positions(session, MIAMI) and not any(_live_positions(session, MIAMI))
        assert _stale(seeded_engine) == 0
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == MIAMI)).one()
        retired = next(e for e in history(session, MIAMI) if e.action == "retire")
        revert_vote(session, ALICE, retired.id or 0, vote.version)
        session.commit()
        assert all(_live_positions(session, MIAMI))
    assert _stale(seeded_engine) == 0


def test_a_restore_fills_them(seeded_engine: Engine, empty_url: str, tmp_path: Path) -> None:
    export_all(seeded_engine, tmp_path / "backup")
    target = sa.create_engine(empty_url)
    try:
        upgrade(empty_url)
        import_all(target, tmp_path / "backup")
        assert _stale(target) == 0
    finally:
        target.dispose()


def test_many_positions_are_updated_in_batches(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flush touching more rows than one IN list takes updates them all."""
    monkeypatch.setattr(derived, "BATCH", 2)
    with Session(seeded_engine) as session:
        assert len(_live_positions(session, MIAMI)) > 2
        for position in session.exec(select(Position)).all():
            position.retired = True
            session.add(position)
        session.commit()
        assert not any(_live_positions(session, MIAMI))
    assert _stale(seeded_engine) == 0
