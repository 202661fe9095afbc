"""Refuse lost updates: the check that a record is still as the editor loaded it and the
write are one UPDATE, so two editors cannot both pass it. Records with a version column
compare the version; the others compare every editable column with the loaded values."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, update
from sqlmodel import Session, SQLModel, col

from policytrack.auth import Editor
from policytrack.edits.audit import changed_by
from policytrack.edits.refusals import StaleEdit
from policytrack.models import utc_now


def claim_version(
    session: Session,
    table: type[SQLModel],
    row_id: int,
    expected: int,
    editor: Editor,
    audit_as: tuple[str, str],
) -> None:
    """Bump the row's version if it is still `expected`; StaleEdit (who and when) if not.
    `audit_as` is the (record type, key) whose history names the last editor."""
    statement = (
        update(table)
        .where(col(table.id) == row_id, col(table.version) == expected)  # type: ignore[attr-defined]
        .values(version=expected + 1, updated_at=utc_now(), updated_by=editor.name)
    )
    _claim(session, statement, audit_as)


def claim_unchanged(
    session: Session,
    table: type[SQLModel],
    row_id: int,
    loaded: dict[str, Any],
    audit_as: tuple[str, str],
) -> None:
    """Lock the row if every column in `loaded` still has its loaded value (NULL-safe);
    StaleEdit (who and when) if any differs. The caller then writes the new values."""
    statement = (
        update(table)
        .where(col(table.id) == row_id, _same(table, loaded))  # type: ignore[attr-defined]
        .values(**loaded)  # a write of the same values: it takes the row lock until commit
    )
    _claim(session, statement, audit_as)


def _same(table: type[SQLModel], loaded: dict[str, Any]) -> ColumnElement[bool]:
    tests = [
        col(getattr(table, name)).is_(None) if value is None else col(getattr(table, name)) == value
        for name, value in loaded.items()
    ]
    return and_(*tests)


def _claim(session: Session, statement: Any, audit_as: tuple[str, str]) -> None:
    if session.exec(statement).rowcount != 1:
        session.rollback()
        raise StaleEdit(changed_by(session, *audit_as))
