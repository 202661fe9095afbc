"""Writers take turns, on SQLite and PostgreSQL alike: two imports running at the same time
both succeed (the second waits, and is told), even when both create the same new source;
a writer that waits longer than it may gives up with DatabaseBusy, having written nothing.
The writers really run at once (threads; the command line's own processes in test_cli)."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from policytrack.db import DatabaseBusy, session_scope, waiting
from policytrack.ingest.pipeline import import_votes
from policytrack.models import Source, VoteEvent

SHARED_SOURCE = "https://example.invalid/synthetic/both-files-cite-this"
HEADER = (
    "vote_key,state,jurisdiction,jurisdiction_kind,body,vote_date,policy,action,outcome,sources"
)
GUARD = 60  # seconds: only a hung test ever waits this long


def votes_file(path: Path, key: str, place: str) -> Path:
    """A one-vote file citing the source both files share (SYNTHETIC, test only)."""
    row = f"{key},FL,{place},city,City Council,2025-04-03,SYNTHETIC 287(g),approve,passed"
    path.write_text(f"{HEADER}\n{row},{SHARED_SOURCE}\n", encoding="utf-8")
    return path


def test_two_imports_at_once_both_succeed_the_second_waiting_its_turn(
    engine: Engine, tmp_path: Path
) -> None:
    first_inside, second_waiting = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def hold_until_the_second_waits(done: int, total: int) -> None:
        # Called inside the first import's transaction, after its vote (and the new
        # source) were written but before the commit.
        first_inside.set()
        assert second_waiting.wait(GUARD), "the second import never waited"

    def first() -> None:
        path = votes_file(tmp_path / "first.csv", "synthetic-first", "Palm Bay")
        try:
            import_votes(engine, path, progress=hold_until_the_second_waits)
        except BaseException as error:
            failures.append(error)

    def second() -> None:
        path = votes_file(tmp_path / "second.csv", "synthetic-second", "Miami")
        try:
            with waiting(lambda _seconds: second_waiting.set()):
                import_votes(engine, path)
        except BaseException as error:
            failures.append(error)

    writers = [threading.Thread(target=first), threading.Thread(target=second)]
    writers[0].start()
    assert first_inside.wait(GUARD)
    writers[1].start()
    for writer in writers:
        writer.join(GUARD)
    assert not failures, failures
    assert second_waiting.is_set()
    with Session(engine) as session:
        keys = set(session.exec(select(VoteEvent.key)))
        cited = session.exec(
            select(func.count()).select_from(Source).where(col(Source.url) == SHARED_SOURCE)
        ).one()
    assert keys == {"synthetic-first", "synthetic-second"} and cited == 1


def test_a_writer_that_waits_too_long_gives_up_having_written_nothing(engine: Engine) -> None:
    outcome: list[BaseException] = []

    def impatient() -> None:
        try:
            with waiting(patience=0.3), session_scope(engine) as session:
                session.add(Source(key="synthetic-never", url="https://example.invalid/x"))
        except BaseException as error:
            outcome.append(error)

    with session_scope(engine) as holder:
        holder.add(Source(key="synthetic-holder", url="https://example.invalid/holder"))
        holder.flush()
        writer = threading.Thread(target=impatient)
        writer.start()
        writer.join(GUARD)
    [error] = outcome
    assert isinstance(error, DatabaseBusy)
    assert "busy with another write" in str(error) and "nothing was written" in str(error)
    with Session(engine) as session:
        assert set(session.exec(select(Source.key))) == {"synthetic-holder"}


def test_without_another_writer_nobody_waits(engine: Engine) -> None:
    told: list[float] = []
    with waiting(told.append, patience=0), session_scope(engine) as session:
        session.add(Source(key="synthetic-alone", url="https://example.invalid/alone"))
    assert told == []
