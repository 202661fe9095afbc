"""The editor's writes to votes: every change is validated like an import, refused if the
vote changed since the editor loaded it (`guards.claim_version`), and written to the audit
log with the vote before and after (`audit.record`). Votes are retired, never deleted;
reverts are in `edits.vote_reverts`, uploads of whole files in `edits.imports`."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from policytrack.auth import Editor, require
from policytrack.edits import audit
from policytrack.edits.guards import claim_version
from policytrack.edits.refusals import NotFound, StaleEdit
from policytrack.ingest.load import Loader
from policytrack.ingest.problems import ImportRefused, Problem
from policytrack.ingest.stored import largest_tally, stored_body, vote_input
from policytrack.ingest.votes import seat_problems, suspicious
from policytrack.models import VoteEvent
from policytrack.schemas import VoteEventIn

__all__ = ["NotFound", "StaleEdit", "history", "retire_vote", "save_vote", "vote_as_input"]

VOTE = "vote_event"  # the audit log's record type for votes


def vote_as_input(session: Session, key: str) -> tuple[VoteEventIn, int]:
    """A stored vote as the editable record it was made from, and its current version."""
    vote = stored_vote(session, key)
    return vote_input(session, vote), vote.version


def stored_vote(session: Session, key: str) -> VoteEvent:
    """The vote `key` as stored; NotFound if there is none."""
    vote = session.exec(select(VoteEvent).where(VoteEvent.key == key)).first()
    if vote is None:
        raise NotFound(f"no vote with key {key!r}")
    return vote


def _snapshot(item: VoteEventIn) -> dict[str, Any]:
    return item.model_dump(mode="json")


def _claim(session: Session, vote: VoteEvent, expected: int, editor: Editor) -> None:
    """Bump the vote's version if it is still `expected` (`guards.claim_version`), then
    read the vote as it now is."""
    assert vote.id is not None
    claim_version(session, VoteEvent, vote.id, expected, editor, (VOTE, vote.key))
    session.refresh(vote)


def _checked(session: Session, item: VoteEventIn) -> VoteEventIn:
    """Apply the import rules that need more than one field or record; keep the warnings."""
    problems = seat_problems(item, None) + _seat_conflicts(session, item)
    if problems:
        raise ImportRefused(problems)
    item.warnings = suspicious(item)
    return item


def _seat_conflicts(session: Session, item: VoteEventIn) -> list[Problem]:
    """Fewer seats than another stored vote of the body counts is impossible."""
    body = stored_body(session, item.jurisdiction.ocd_id, item.body)
    if body is None or item.seats is None or item.seats == body.seats:
        return []
    largest = largest_tally(session, body, {item.key})
    if largest is None or largest[1] <= item.seats:
        return []
    key, total = largest
    rule = f"{item.body} has a vote counting {total} votes ({key}): it cannot have fewer seats"
    return [Problem("record", None, "seats", str(item.seats), rule)]


def save_vote(
    session: Session, editor: Editor | None, item: VoteEventIn, expected_version: int | None
) -> VoteEvent:
    """Create a vote (`expected_version` None) or update one loaded at `expected_version`."""
    who = require(editor)
    item = _checked(session, item)
    existing = session.exec(select(VoteEvent).where(VoteEvent.key == item.key)).first()
    loader = Loader(session)
    if existing is None:
        if expected_version is not None:
            raise NotFound(f"no vote with key {item.key!r}: it cannot be updated")
        vote = loader.vote(item)
        vote.updated_by = who.name
        session.flush()
        audit.record(session, who, "create", VOTE, item.key, vote.version, None, _snapshot(item))
        return vote
    if expected_version is None:
        raise StaleEdit(f"a vote with key {item.key!r} exists already — load it to edit it")
    before, _ = vote_as_input(session, item.key)
    _claim(session, existing, expected_version, who)
    vote = loader.vote(item, bump=False)
    session.flush()
    audit.record(
        session, who, "update", VOTE, item.key, vote.version, _snapshot(before), _snapshot(item)
    )
    return vote


def retire_vote(
    session: Session, editor: Editor | None, key: str, expected_version: int, reason: str
) -> VoteEvent:
    """Hide a vote from every view without deleting it (the audit log keeps why)."""
    who = require(editor)
    vote = stored_vote(session, key)
    _claim(session, vote, expected_version, who)
    vote.retired = True
    audit.record(
        session,
        who,
        "retire",
        VOTE,
        key,
        vote.version,
        {"retired": False},
        {"retired": True},
        reason,
    )
    return vote


def history(session: Session, key: str) -> list[audit.Change]:
    """Every change to a vote, newest first."""
    return audit.history(session, VOTE, [key])
