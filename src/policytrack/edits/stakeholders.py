"""Stakeholders an editor adds, renames or re-kinds. The key (from the first name) stays,
so positions and imports keep finding the stakeholder. No version column: a save is refused
when the row no longer holds the name and kind the editor loaded."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from policytrack.auth import Editor, require
from policytrack.edits import audit, reverts
from policytrack.edits.guards import claim_unchanged
from policytrack.edits.refusals import InvalidEdit, NotFound, validated
from policytrack.edits.reverts import RevertPlan
from policytrack.ingest.positions import stakeholder_key
from policytrack.models import Stakeholder
from policytrack.schemas import StakeholderIn

RECORD = "stakeholder"


def stakeholder_as_input(session: Session, key: str) -> StakeholderIn:
    """A stored stakeholder as the editable record (the snapshot a save is checked against)."""
    return StakeholderIn.model_validate(stakeholder(session, key), from_attributes=True)


def stakeholder(session: Session, key: str) -> Stakeholder:
    """The stakeholder with `key`; NotFound if there is none."""
    found = session.exec(select(Stakeholder).where(Stakeholder.key == key)).first()
    if found is None:
        raise NotFound(f"no stakeholder with key {key!r}")
    return found


def stakeholder_names(session: Session) -> dict[str, str]:
    """Every stakeholder as key → "name (kind)", by name (for pickers)."""
    rows = session.exec(select(Stakeholder).order_by(col(Stakeholder.name), col(Stakeholder.key)))
    return {s.key: f"{s.name} ({s.kind})" for s in rows}


def new_stakeholder(values: dict[str, Any]) -> StakeholderIn:
    """A stakeholder to add from an editor's name and kind; its key comes from the name."""
    name = str(values.get("name") or "").strip()
    if not stakeholder_key(name):
        raise InvalidEdit({"name": "give the stakeholder's name (letters or digits)"})
    return validated(StakeholderIn, {**values, "name": name, "key": stakeholder_key(name)})


def add_stakeholder(session: Session, editor: Editor | None, item: StakeholderIn) -> Stakeholder:
    """Add a stakeholder; InvalidEdit('name') if one with the same key exists already."""
    who = require(editor)
    taken = session.exec(select(Stakeholder).where(Stakeholder.key == item.key)).first()
    if taken is not None:
        rule = f"{taken.name!r} exists already (key {taken.key!r}): edit it instead"
        raise InvalidEdit({"name": rule})
    record = Stakeholder(key=item.key, name=item.name, kind=item.kind)
    session.add(record)
    session.flush()
    audit.record(session, who, "create", RECORD, item.key, 1, None, _snapshot(item))
    return record


def edit_stakeholder(
    session: Session, editor: Editor | None, loaded: StakeholderIn, edited: StakeholderIn
) -> Stakeholder:
    """Save a new name and/or kind over the stakeholder as it was `loaded`; StaleEdit (who
    and when) if someone changed it since."""
    who = require(editor)
    if edited.key != loaded.key:
        raise InvalidEdit({"key": "a stakeholder's key cannot change"})
    record = stakeholder(session, loaded.key)
    if edited == loaded:
        return record
    assert record.id is not None
    before = {"name": loaded.name, "kind": loaded.kind}
    claim_unchanged(session, Stakeholder, record.id, before, (RECORD, loaded.key))
    session.refresh(record)
    record.name, record.kind = edited.name, edited.kind
    session.flush()
    version = audit.change_count(session, RECORD, loaded.key) + 1
    after = _snapshot(edited)
    audit.record(session, who, "update", RECORD, loaded.key, version, _snapshot(loaded), after)
    return record


def stakeholder_revert_plan(
    session: Session, entry_id: int, loaded: StakeholderIn, restore: bool = False
) -> RevertPlan:
    """What undoing change `entry_id` (or restoring to before it) would write over the
    stakeholder as this editor `loaded` it; its `refusal` says why it cannot be done."""
    return reverts.plan_for(session, RECORD, entry_id, loaded.key, _snapshot(loaded), restore)


def revert_stakeholder(
    session: Session,
    editor: Editor | None,
    entry_id: int,
    loaded: StakeholderIn,
    *,
    restore: bool = False,
) -> Stakeholder:
    """Undo change `entry_id` keeping later changes (or restore to before it): an audited
    change too; RevertRefused if it would throw later work away, StaleEdit if the
    stakeholder is no longer as `loaded`."""
    who = require(editor)
    found = reverts.doable(stakeholder_revert_plan(session, entry_id, loaded, restore))
    edited = validated(StakeholderIn, _snapshot(loaded) | found.targets)
    record = edit_stakeholder(session, who, loaded, edited)
    audit.mark_revert(audit.changes(session, RECORD, [loaded.key])[0], entry_id, found.note)
    return record


def stakeholder_history(session: Session, key: str) -> list[audit.Change]:
    """Every change to a stakeholder, newest first."""
    return audit.history(session, RECORD, [key])


def _snapshot(item: StakeholderIn) -> dict[str, Any]:
    return item.model_dump(mode="json")
