"""Read side of a record's edit history: who changed a vote, its positions or its agreement
link, when, and which fields (the before/after values stay in the audit log)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlmodel import Session, col, select

from policytrack.models import AuditEntry, Position, VoteEvent

WHAT = {"vote_event": "vote", "vote_link": "agreement link", "position": "position"}
COLUMNS = ("when", "who", "what", "fields changed", "note")


def vote_changes(session: Session, key: str) -> pd.DataFrame:
    """Editors' changes to the vote `key`, its positions and its link, newest first: the
    table the vote's record shows (`COLUMNS`; no rows when it is as imported)."""
    positions = (
        select(Position.key)
        .join(VoteEvent, col(VoteEvent.id) == col(Position.vote_event_id))
        .where(VoteEvent.key == key)
    )
    statement = (
        select(AuditEntry)
        .where(
            sa.or_(
                sa.and_(
                    col(AuditEntry.record_type).in_(["vote_event", "vote_link"]),
                    col(AuditEntry.record_key) == key,
                ),
                sa.and_(
                    col(AuditEntry.record_type) == "position",
                    col(AuditEntry.record_key).in_(positions.scalar_subquery()),
                ),
            )
        )
        .order_by(col(AuditEntry.id).desc())
    )
    rows = [_row(entry) for entry in session.exec(statement)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _row(entry: AuditEntry) -> dict[str, Any]:
    before, after = entry.before or {}, entry.after or {}
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    return {
        "when": entry.at.strftime("%Y-%m-%d %H:%M UTC"),
        "who": entry.user_name,
        "what": f"{WHAT.get(entry.record_type, entry.record_type)}: {entry.action}",
        "fields changed": ", ".join(changed),
        "note": entry.note or "",
    }
