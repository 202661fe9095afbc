"""Stored records read back as the input records they were loaded from: what an import or
an editor's save is compared against. Reads only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from sqlmodel import Session, col, func, select

from policytrack.models import Body, Jurisdiction, VoteEvent
from policytrack.schemas import JurisdictionIn, MemberVoteIn, SourceIn, VoteEventIn

T = TypeVar("T")
COUNT_FIELDS = ("yes", "no", "abstain", "absent")
_CHUNK = 500  # keys per IN (…) list: well under SQLite's and PostgreSQL's parameter limits


def vote_input(session: Session, vote: VoteEvent) -> VoteEventIn:
    """A stored vote as the record it was made from (roll call and sources included)."""
    jurisdiction = session.get(Jurisdiction, vote.jurisdiction_id)
    body = session.get(Body, vote.body_id)
    assert jurisdiction is not None and body is not None  # foreign keys
    return VoteEventIn(
        key=vote.key,
        jurisdiction=JurisdictionIn.model_validate(jurisdiction, from_attributes=True),
        body=body.name,
        seats=body.seats,
        vote_date=vote.vote_date,
        motion_text=vote.motion_text,
        topic=vote.topic,
        action=vote.action,
        outcome=vote.outcome,
        model=vote.model,
        yes=vote.yes,
        no=vote.no,
        abstain=vote.abstain,
        absent=vote.absent,
        roll_call=[MemberVoteIn(voter_name=m.voter_name, option=m.option) for m in vote.roll_call],
        sources=[SourceIn.model_validate(s, from_attributes=True) for s in vote.sources],
        confidence=vote.confidence,
        notes=vote.notes,
        disputed=vote.disputed,
        warnings=list(vote.warnings),
    )


def by_key(session: Session, table: type[T], keys: Iterable[str]) -> dict[str, T]:
    """The stored rows of `table` among `keys` (its natural key `key`), by key."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, T] = {}
    column = col(table.key)  # type: ignore[attr-defined]
    for start in range(0, len(wanted), _CHUNK):
        rows = session.exec(select(table).where(column.in_(wanted[start : start + _CHUNK])))
        found.update({row.key: row for row in rows})  # type: ignore[attr-defined]
    return found


def stored_body(session: Session, ocd_id: str, name: str) -> Body | None:
    """The body `name` of the jurisdiction `ocd_id`, if stored."""
    statement = (
        select(Body)
        .join(Jurisdiction, col(Jurisdiction.id) == col(Body.jurisdiction_id))
        .where(Jurisdiction.ocd_id == ocd_id, Body.name == name)
    )
    return session.exec(statement).first()


def largest_tally(session: Session, body: Body, leaving_out: set[str]) -> tuple[str, int] | None:
    """The stored vote of `body` (retired ones too: they can be restored) with the most votes
    counted, other than the votes `leaving_out`, and that number."""
    total = sum(func.coalesce(getattr(VoteEvent, field), 0) for field in COUNT_FIELDS)
    statement = select(VoteEvent.key, total).where(VoteEvent.body_id == body.id)
    ranked = session.exec(statement.order_by(total.desc()))  # type: ignore[union-attr]
    return next(((key, int(n)) for key, n in ranked if key not in leaving_out), None)


def counted(vote: VoteEventIn) -> int:
    """How many votes a record counts (blank counts are not reported: none)."""
    return sum(getattr(vote, field) or 0 for field in COUNT_FIELDS)
