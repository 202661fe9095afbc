"""When a record last changed (the as-of date of its citation), on SQLite and PostgreSQL:
the newest change of any row its page shows, and None for what does not exist."""

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack.models import Agreement, Position, Stakeholder, VoteEvent
from policytrack.queries.record.changed import last_changed

MIAMI = "fl-miami-2025-06-17"
KEY_WEST_VOTE = "fl-key-west-2025-07-08"
KEY_WEST = "ocd-division/country:us/state:fl/place:key_west"
LATER = dt.datetime(2031, 5, 4, 12, 0, tzinfo=dt.UTC)


def changed(engine: Engine, kind: str, key: str) -> dt.date | None:
    with Session(engine) as session:
        return last_changed(session, kind, key)


def set_updated(engine: Engine, table: type, which: object) -> None:
    with Session(engine) as session:
        session.execute(sa.update(table).where(which).values(updated_at=LATER))  # type: ignore[arg-type]
        session.commit()


def test_a_vote_changed_when_it_or_a_position_on_it_last_did(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        stored = session.exec(select(VoteEvent.updated_at).where(VoteEvent.key == MIAMI)).one()
        vote_id = session.exec(select(VoteEvent.id).where(VoteEvent.key == MIAMI)).one()
    assert changed(seeded_engine, "vote", MIAMI) == stored.date()
    set_updated(seeded_engine, Position, Position.vote_event_id == vote_id)  # type: ignore[arg-type]
    assert changed(seeded_engine, "vote", MIAMI) == LATER.date()
    assert changed(seeded_engine, "vote", KEY_WEST_VOTE) != LATER.date(), "only that vote"


def test_a_place_changed_when_a_vote_there_last_did(seeded_engine: Engine) -> None:
    before = changed(seeded_engine, "jurisdiction", KEY_WEST)
    assert before is not None and before < LATER.date()
    set_updated(seeded_engine, VoteEvent, VoteEvent.key == KEY_WEST_VOTE)  # type: ignore[arg-type]
    assert changed(seeded_engine, "jurisdiction", KEY_WEST) == LATER.date()
    assert changed(seeded_engine, "person", "fl-key-west-donald-lee") == LATER.date()
    assert changed(seeded_engine, "vote", MIAMI) != LATER.date()


def test_an_agreement_and_a_stakeholder_changed_when_their_rows_did(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        agreement = session.exec(select(Agreement.key).order_by(Agreement.key)).first()
        holder = session.exec(select(Stakeholder).order_by(Stakeholder.key)).first()
    assert agreement is not None and holder is not None
    set_updated(seeded_engine, Agreement, Agreement.key == agreement)  # type: ignore[arg-type]
    assert changed(seeded_engine, "agreement", agreement) == LATER.date()
    set_updated(seeded_engine, Position, Position.stakeholder_id == holder.id)  # type: ignore[arg-type]
    assert changed(seeded_engine, "stakeholder_key", holder.key) == LATER.date()
    assert changed(seeded_engine, "stakeholder", holder.name) == LATER.date(), "by its name"


def test_no_such_record_has_no_date(seeded_engine: Engine) -> None:
    for kind in ("vote", "agreement", "jurisdiction", "person", "stakeholder_key", "nonsense"):
        assert changed(seeded_engine, kind, "no-such-key") is None
