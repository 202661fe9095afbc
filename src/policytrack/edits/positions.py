"""Positions an editor adds to a vote, edits, retires and reverts. Positions have a version
column: a save carries the version the editor loaded and is refused if it moved on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlmodel import Session, col, select

from policytrack.auth import Editor, require
from policytrack.edits import audit, reverts
from policytrack.edits.guards import claim_version
from policytrack.edits.refusals import InvalidEdit, NotFound, validated
from policytrack.edits.reverts import RevertPlan
from policytrack.edits.sources import cite, resolve
from policytrack.ingest.positions import position_key
from policytrack.models import Position, Source, Stakeholder, VoteEvent
from policytrack.schemas import NonBlank, SourceIn
from policytrack.vocab import Stance

RECORD = "position"


class PositionEdit(BaseModel):
    """What an editor sets on a position: the stakeholder by key, who spoke, what they said
    (a summary, a quote or both), when, and the sources by key or http(s) URL."""

    model_config = ConfigDict(str_strip_whitespace=True)

    stakeholder: NonBlank  # an existing stakeholder's key
    stance: Stance
    speaker: str | None = None
    role: str | None = None
    summary: str | None = None
    quote: str | None = None
    said_on: dt.date | None = None
    sources: list[NonBlank] = Field(min_length=1)

    @field_validator("speaker", "role", "summary", "quote")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


def positions_on(session: Session, vote_key: str) -> list[dict[str, Any]]:
    """Every position on a vote, retired ones included (marked), oldest first."""
    statement = (
        select(Position, Stakeholder)
        .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
        .where(col(Position.vote_event_id) == _vote(session, vote_key).id)
        .order_by(col(Position.id))
    )
    return [
        {"key": p.key, "stakeholder": s.name, "stance": str(p.stance), "speaker": p.speaker,
         "summary": p.summary, "quote": p.quote, "version": p.version, "retired": p.retired}
        for p, s in session.exec(statement)
    ]  # fmt: skip


def position_as_edit(session: Session, key: str) -> tuple[PositionEdit, int, bool]:
    """A stored position as the editable record, its version, and whether it is retired."""
    position = _position(session, key)
    owner = session.get(Stakeholder, position.stakeholder_id)
    assert owner is not None  # a foreign key
    item = PositionEdit(
        stakeholder=owner.key,
        stance=position.stance,
        speaker=position.speaker,
        role=position.role,
        summary=position.summary,
        quote=position.quote,
        said_on=position.said_on,
        sources=sorted(s.key for s in position.sources),
    )
    return item, position.version, position.retired


def add_position(
    session: Session, editor: Editor | None, vote_key: str, item: PositionEdit
) -> Position:
    """Add a position to a vote; InvalidEdit (by field) if a rule is broken."""
    who = require(editor)
    vote = _vote(session, vote_key)
    owner, cited = _checked(session, item)
    # the importer's key, so the same row imported later updates this one
    key = position_key(vote_key, item.stakeholder, item.speaker, str(item.stance), cited[0].key)
    if session.exec(select(Position).where(Position.key == key)).first() is not None:
        rule = "this vote has this stakeholder's position from this source already: edit it"
        raise InvalidEdit({"stakeholder": rule})
    sources = cite(session, who, item.sources)
    position = Position(key=key, vote_event_id=vote.id, stakeholder_id=owner, sources=sources,
                        updated_by=who.name, **_fields(item))  # fmt: skip
    session.add(position)
    session.flush()
    audit.record(session, who, "create", RECORD, key, 1, None, _snapshot(item, sources))
    return position


def edit_position(
    session: Session, editor: Editor | None, key: str, item: PositionEdit, expected_version: int
) -> Position:
    """Save `item` over the position loaded at `expected_version`; StaleEdit (who and when)
    if it changed since, InvalidEdit (by field) if a rule is broken. Nothing written then."""
    who = require(editor)
    before, _, retired = position_as_edit(session, key)
    if retired:
        raise InvalidEdit({"form": "this position is retired: revert the retirement first"})
    owner, _ = _checked(session, item)
    position = _position(session, key)
    assert position.id is not None
    claim_version(session, Position, position.id, expected_version, who, (RECORD, key))
    session.refresh(position)
    position.sources = cite(session, who, item.sources)
    position.stakeholder_id = owner
    for name, value in _fields(item).items():
        setattr(position, name, value)
    session.flush()
    after = _snapshot(item, position.sources)
    before_values = before.model_dump(mode="json")
    audit.record(session, who, "update", RECORD, key, position.version, before_values, after)
    return position


def retire_position(
    session: Session, editor: Editor | None, key: str, expected_version: int, reason: str
) -> Position:
    """Hide a position from every view without deleting it (the audit log keeps why)."""
    return _set_retired(session, require(editor), key, expected_version, True, reason)


def _set_retired(
    session: Session, who: Editor, key: str, expected_version: int, retired: bool, note: str
) -> Position:
    position = _position(session, key)
    assert position.id is not None
    claim_version(session, Position, position.id, expected_version, who, (RECORD, key))
    session.refresh(position)
    position.retired = retired
    action = "retire" if retired else "restore"
    audit.record(session, who, action, RECORD, key, position.version, {"retired": not retired},
                 {"retired": retired}, note)  # fmt: skip
    return position


def position_revert_plan(session: Session, entry_id: int, restore: bool = False) -> RevertPlan:
    """What undoing change `entry_id` to a position (or restoring it to before the change)
    would write, field by field; its `refusal` says why it cannot be done."""
    entry = audit.change_to_revert(session, entry_id, RECORD)
    item, _, retired = position_as_edit(session, entry.record_key)
    now = {**item.model_dump(mode="json"), "retired": retired}
    found = reverts.plan(session, RECORD, entry_id, now, restore)
    if retired and found.writes and found.targets.get("retired", True):
        raise reverts.RevertRefused(
            "This position is retired: undo its retirement first (or restore it to before "
            "a change made while it was in use)."
        )
    return found


def revert_position(
    session: Session,
    editor: Editor | None,
    entry_id: int,
    expected_version: int,
    *,
    restore: bool = False,
) -> Position:
    """Undo change `entry_id` to a position keeping later changes (or restore it to before
    the change); RevertRefused if that would throw later work away, StaleEdit if it moved on
    from `expected_version`. A retirement is undone by a restore and the other way round."""
    who = require(editor)
    found = reverts.doable(position_revert_plan(session, entry_id, restore))
    key, targets = found.record_key, found.targets
    retired = targets.pop("retired", None)
    version = expected_version
    if retired is False:  # back in use first: a retired position cannot be edited
        version = _set_retired(session, who, key, version, False, found.note).version
    if targets:
        item, _, _ = position_as_edit(session, key)
        edited = validated(PositionEdit, item.model_dump(mode="json") | targets)
        version = edit_position(session, who, key, edited, version).version
        audit.mark_revert(audit.changes(session, RECORD, [key])[0], entry_id, found.note)
    if retired is True:
        _set_retired(session, who, key, version, True, found.note)
    return _position(session, key)


def position_history(session: Session, vote_key: str) -> list[audit.Change]:
    """Every change to the positions on a vote (retired ones included), newest first."""
    keys = [p["key"] for p in positions_on(session, vote_key)]
    return audit.history(session, RECORD, keys)


def _checked(session: Session, item: PositionEdit) -> tuple[int, list[Source | SourceIn]]:
    """The id of the position's stakeholder and its sources (known, or new ones to add),
    after the rules a single field cannot say; InvalidEdit names every field broken."""
    problems: dict[str, str] = {}
    try:
        cited = resolve(session, item.sources)
    except InvalidEdit as error:
        problems.update(error.fields)
    owner = session.exec(select(Stakeholder).where(Stakeholder.key == item.stakeholder)).first()
    if owner is None:
        problems["stakeholder"] = (
            f"no stakeholder with key {item.stakeholder!r}: pick one, or add it on the "
            "Stakeholders tab first"
        )
    if not (item.summary or item.quote):
        problems["summary"] = "give a summary or a quote: what did they say?"
    if item.said_on is not None and item.said_on > dt.date.today():
        problems["said_on"] = f"{item.said_on} is in the future"
    if problems:
        raise InvalidEdit(problems)
    assert owner is not None and owner.id is not None
    return owner.id, cited


def _fields(item: PositionEdit) -> dict[str, Any]:
    return item.model_dump(include={"stance", "speaker", "role", "summary", "quote", "said_on"})


def _snapshot(item: PositionEdit, sources: list[Source]) -> dict[str, Any]:
    cited = sorted(s.key for s in sources)
    return item.model_copy(update={"sources": cited}).model_dump(mode="json")


def _vote(session: Session, key: str) -> VoteEvent:
    vote = session.exec(select(VoteEvent).where(VoteEvent.key == key)).first()
    if vote is None:
        raise NotFound(f"no vote with key {key!r}")
    return vote


def _position(session: Session, key: str) -> Position:
    position = session.exec(select(Position).where(Position.key == key)).first()
    if position is None:
        raise NotFound(f"no position with key {key!r}")
    return position
