"""The audit log of every edit (votes, positions, stakeholders, sources, links, uploaded
files): write one entry, read a record's history, say who changed a record last."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from policytrack.auth import Editor
from policytrack.edits.refusals import NotFound
from policytrack.models import AuditEntry


@dataclass(frozen=True, slots=True)
class Change:
    """One audited change as the editor's history shows it: who, when, what, and the record
    before and after (a plain copy of the audit entry, detached from any session)."""

    id: int
    at: dt.datetime
    user_name: str
    action: str
    record_type: str
    record_key: str
    version: int
    before: dict[str, object] | None
    after: dict[str, object] | None
    note: str | None

    @classmethod
    def of(cls, entry: AuditEntry) -> Change:
        """The plain copy of a stored entry."""
        assert entry.id is not None, "a stored entry has an id"
        return cls(
            id=entry.id, at=entry.at, user_name=entry.user_name, action=entry.action,
            record_type=entry.record_type, record_key=entry.record_key, version=entry.version,
            before=entry.before, after=entry.after, note=entry.note,
        )  # fmt: skip


def record(
    session: Session,
    editor: Editor,
    action: str,
    record_type: str,
    key: str,
    version: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    note: str | None = None,
) -> AuditEntry:
    """Add one entry (who, what, the record before and after) to the caller's transaction."""
    entry = AuditEntry(
        user_name=editor.name,
        action=action,
        record_type=record_type,
        record_key=key,
        version=version,
        before=before,
        after=after,
        note=note,
    )
    session.add(entry)
    session.flush()
    return entry


def changes(session: Session, record_type: str, keys: Collection[str]) -> list[AuditEntry]:
    """Every change to the records `keys` of `record_type`, newest first."""
    if not keys:
        return []
    statement = (
        select(AuditEntry)
        .where(AuditEntry.record_type == record_type, col(AuditEntry.record_key).in_(keys))
        .order_by(col(AuditEntry.id).desc())
    )
    return list(session.exec(statement))


def history(session: Session, record_type: str, keys: Collection[str]) -> list[Change]:
    """The history the editor sees of the records `keys` of `record_type`, newest first."""
    return [Change.of(entry) for entry in changes(session, record_type, keys)]


def change_count(session: Session, record_type: str, key: str) -> int:
    """How many audited changes a record has had: the version of records without a version
    column (stakeholders, sources)."""
    statement = select(func.count()).where(
        AuditEntry.record_type == record_type, AuditEntry.record_key == key
    )
    return int(session.exec(statement).one())


def change_to_revert(session: Session, entry_id: int, record_type: str) -> AuditEntry:
    """The change `entry_id` if it is one to a `record_type`; NotFound otherwise."""
    entry = session.get(AuditEntry, entry_id)
    if entry is None or entry.record_type != record_type:
        raise NotFound(f"no change {entry_id} to a {record_type.replace('_', ' ')} to revert")
    return entry


def changed_by(session: Session, record_type: str, key: str) -> str:
    """ "changed by X at T — reload", from the newest audit entry of the record."""
    last = session.exec(
        select(AuditEntry)
        .where(AuditEntry.record_type == record_type, AuditEntry.record_key == key)
        .order_by(col(AuditEntry.id).desc())
    ).first()
    if last is None:  # changed by an import, which audits files rather than records
        return f"this {record_type.replace('_', ' ')} was changed since you loaded it — reload"
    when = last.at.strftime("%Y-%m-%d %H:%M UTC")
    return f"changed by {last.user_name} at {when} — reload"


def mark_revert(entry: AuditEntry, reverted: int, note: str | None = None) -> None:
    """Label a change made by a revert as one (the history then reads as the editor did)."""
    entry.action, entry.note = "revert", note or f"revert of change {reverted}"
