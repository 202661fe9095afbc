"""The write side for people (the editor): every change is validated like an import, refused
if the record changed since the editor loaded it, and written to the audit log with the
record before and after. Records are retired, never deleted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from policytrack.auth import Editor, require
from policytrack.db import session_scope
from policytrack.edits import audit
from policytrack.edits.refusals import NotFound, StaleEdit
from policytrack.ingest.changes import ImportOptions
from policytrack.ingest.load import Loader, LoadReport
from policytrack.ingest.official_lists import ListImport, Progress, import_official_list
from policytrack.ingest.pipeline import import_votes
from policytrack.ingest.problems import ImportRefused, Problem
from policytrack.ingest.stored import largest_tally, stored_body, vote_input
from policytrack.ingest.votes import seat_problems, suspicious
from policytrack.models import AuditEntry, VoteEvent, _now
from policytrack.schemas import VoteEventIn

__all__ = ["NotFound", "StaleEdit"]  # with the functions below: what the pages import

VOTE = "vote_event"  # the audit log's record type for votes


def vote_as_input(session: Session, key: str) -> tuple[VoteEventIn, int]:
    """A stored vote as the editable record it was made from, and its current version."""
    vote = _vote(session, key)
    return vote_input(session, vote), vote.version


def _vote(session: Session, key: str) -> VoteEvent:
    vote = session.exec(select(VoteEvent).where(VoteEvent.key == key)).first()
    if vote is None:
        raise NotFound(f"no vote with key {key!r}")
    return vote


def _snapshot(item: VoteEventIn) -> dict[str, Any]:
    return item.model_dump(mode="json")


def _claim(session: Session, vote: VoteEvent, expected: int, editor: Editor) -> None:
    """Bump the version only if it is still `expected` (the check and the write are one
    UPDATE, so two editors cannot both pass it); StaleEdit names who changed it and when."""
    statement = (
        update(VoteEvent)
        .where(col(VoteEvent.id) == vote.id, col(VoteEvent.version) == expected)
        .values(version=expected + 1, updated_at=_now(), updated_by=editor.name)
    )
    if session.exec(statement).rowcount != 1:
        session.rollback()
        raise StaleEdit(audit.changed_by(session, VOTE, vote.key))
    session.refresh(vote)


def _audit(
    session: Session,
    editor: Editor,
    action: str,
    key: str,
    version: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    note: str | None = None,
) -> AuditEntry:
    return audit.record(session, editor, action, VOTE, key, version, before, after, note)


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
        _audit(session, who, "create", item.key, vote.version, None, _snapshot(item))
        return vote
    if expected_version is None:
        raise StaleEdit(f"a vote with key {item.key!r} exists already — load it to edit it")
    before, _ = vote_as_input(session, item.key)
    _claim(session, existing, expected_version, who)
    vote = loader.vote(item, bump=False)
    session.flush()
    _audit(session, who, "update", item.key, vote.version, _snapshot(before), _snapshot(item))
    return vote


def retire_vote(
    session: Session, editor: Editor | None, key: str, expected_version: int, reason: str
) -> VoteEvent:
    """Hide a vote from every view without deleting it (the audit log keeps why)."""
    who = require(editor)
    vote = _vote(session, key)
    _claim(session, vote, expected_version, who)
    vote.retired = True
    _audit(session, who, "retire", key, vote.version, {"retired": False}, {"retired": True}, reason)
    return vote


def history(session: Session, key: str) -> list[AuditEntry]:
    """Every change to a vote, newest first."""
    return audit.changes(session, VOTE, [key])


def revert(
    session: Session,
    editor: Editor | None,
    entry_id: int,
    expected_version: int,
    *,
    restore: bool = False,
) -> VoteEvent:
    """Undo the change `entry_id` to a vote, keeping later changes (with `restore`: put the
    vote back as it was before it); see `edits.vote_reverts`."""
    from policytrack.edits.vote_reverts import revert_vote  # it builds on this module

    return revert_vote(session, editor, entry_id, expected_version, restore=restore)


def audit_since(session: Session, since: dt.datetime) -> list[AuditEntry]:
    """Changes made since `since` (for 'what changed this week')."""
    statement = select(AuditEntry).where(AuditEntry.at >= since).order_by(col(AuditEntry.id))
    return list(session.exec(statement))


def import_votes_file(
    engine: Engine,
    editor: Editor | None,
    path: Path,
    progress: Progress | None = None,
    *,
    options: ImportOptions | None = None,
    expected: str | None = None,
) -> LoadReport:
    """An editor's upload of a votes file: the CLI's importer, all or nothing; the changes to
    existing records it makes (with `options.update`, and only as previewed: `expected`) are
    audited as the editor's."""
    who = require(editor)
    report = import_votes(engine, path, progress=progress, options=options, by=who,
                          expected=expected)  # fmt: skip
    _audit_import(engine, who, path.name, str(report))
    return report


def import_list_file(
    engine: Engine, editor: Editor | None, path: Path, pending: bool | None = None,
    progress: Progress | None = None,
) -> ListImport:  # fmt: skip
    """An editor's upload of an official list: the CLI's importer, all or nothing, audited."""
    who = require(editor)
    result = import_official_list(engine, path, pending=pending, progress=progress)
    summary = "already imported" if result.already_imported else f"{result.rows} rows: {result.how}"
    _audit_import(engine, who, path.name, summary)
    return result


def _audit_import(engine: Engine, editor: Editor, file_name: str, summary: str) -> None:
    with session_scope(engine) as session:
        session.add(
            AuditEntry(
                user_name=editor.name,
                action="import",
                record_type="file",
                record_key=file_name,
                version=1,
                after={"summary": summary},
            )
        )
