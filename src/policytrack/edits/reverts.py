"""Reverting a change, planned from the audit log before anything is written: which fields it
would put back, each from its value now to the value it will have (`RevertPlan`).

Two ways, both explicit:
- **undo change N**: put back only the fields change N changed, keeping every later change.
  Refused — naming them — when a later change touched one of those fields, or the field no
  longer holds what change N wrote (changed outside the edit history, by an import say):
  undoing it then would silently throw that later work away.
- **restore to before change N**: every field as it was just before change N, which undoes
  change N and every later change to the record; the plan names them.

Each kind of record says which of its fields a revert may write and how a snapshot's values
compare (`VALUES`); its own module reads the record now and writes the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from policytrack.edits import audit
from policytrack.edits.refusals import NotFound
from policytrack.models import AuditEntry

Values = dict[str, Any]


class RevertRefused(Exception):
    """The revert would throw later work away, or has nothing to do; nothing was written."""


def _sorted_keys(sources: Any) -> list[str]:
    return sorted(s["key"] if isinstance(s, dict) else str(s) for s in sources or [])


def _members(roll_call: Any) -> list[str]:
    return [f"{m['voter_name']}: {m['option']}" if isinstance(m, dict) else str(m)
            for m in roll_call or []]  # fmt: skip


def _picker(fields: Iterable[str], **compared: Callable[[Any], Any]) -> Callable[[Values], Values]:
    """The fields of a snapshot a revert may write, each as it compares (missing ones left
    out: a retirement records only `retired`)."""
    names = tuple(fields)

    def pick(snapshot: Values) -> Values:
        return {
            name: compared.get(name, _same)(snapshot[name]) for name in names if name in snapshot
        }

    return pick


def _same(value: Any) -> Any:
    return value


VOTE_FIELDS = (
    "vote_date", "motion_text", "topic", "action", "outcome", "model", "confidence", "seats",
    "yes", "no", "abstain", "absent", "roll_call", "sources", "notes", "disputed", "retired",
)  # fmt: skip
POSITION_FIELDS = (
    "stakeholder", "stance", "speaker", "role", "summary", "quote", "said_on", "sources",
    "retired",
)  # fmt: skip
# Per record type: its revertible fields, as they compare (sources by key, in any order; a
# roll call as "Name: option" lines, in order).
VALUES: dict[str, Callable[[Values], Values]] = {
    "vote_event": _picker(VOTE_FIELDS, sources=_sorted_keys, roll_call=_members),
    "position": _picker(POSITION_FIELDS, sources=_sorted_keys),
    "stakeholder": _picker(("name", "kind")),
    "source": _picker(("url", "publisher", "title", "published_on")),
    "vote_link": _picker(("agreement", "how")),
}


# Fields as an editor knows them (the form's labels); others read with spaces.
FIELD_WORDS = {
    "motion_text": "measure", "vote_date": "vote date", "roll_call": "roll call",
    "said_on": "said on", "published_on": "published on", "how": "how it was linked",
    "disputed": "what the sources disagree on", "url": "URL",
}  # fmt: skip


def field_words(name: str) -> str:
    """A field's name as the editor's form calls it."""
    return FIELD_WORDS.get(name, name.replace("_", " "))


@dataclass(frozen=True)
class FieldChange:
    """One field a change or a revert writes: its value before (`old`) and after (`new`)."""

    field: str
    old: Any
    new: Any


def changed(entry: AuditEntry | audit.Change) -> list[FieldChange]:
    """The fields `entry` changed, old → new (none for an entry that added the record)."""
    if entry.before is None:
        return []
    values = VALUES.get(entry.record_type, dict)
    before, after = values(dict(entry.before)), values(dict(entry.after or {}))
    names = [name for name in after | before if before.get(name) != after.get(name)]
    return [FieldChange(name, before.get(name), after.get(name)) for name in names]


@dataclass(frozen=True)
class RevertPlan:
    """What reverting change `change` would write, field by field (`old` is the value now,
    `new` the value written), and why it may not."""

    record_key: str
    change: int
    restore: bool
    writes: tuple[FieldChange, ...]
    undoes: tuple[int, ...]  # the changes it undoes: `change`, and later ones on restore
    # undo only: each field in the way → the later changes that touched it (none: it was
    # changed outside the edit history)
    blocked: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def refusal(self) -> str | None:
        """Why this revert cannot be done, in words; None when it can."""
        if self.blocked:
            return _blocked_message(self.change, self.blocked)
        if not self.writes:
            what = "undo" if not self.restore else "restore"
            return (
                f"Nothing to {what}: the record already holds the values it had before "
                f"change {self.change}."
            )
        return None

    @property
    def targets(self) -> Values:
        """The values to write, by field."""
        return {w.field: w.new for w in self.writes}

    @property
    def note(self) -> str:
        """The audit note of the change that carries this revert out."""
        if not self.restore:
            return f"revert of change {self.change}"
        return f"restore to before change {self.change} (undoes {_numbers(self.undoes)})"


def _numbers(ids: Iterable[int]) -> str:
    listed = [str(i) for i in ids]
    word = "change" if len(listed) == 1 else "changes"
    return f"{word} {', '.join(listed)}"


def _blocked_message(change: int, blocked: dict[str, tuple[int, ...]]) -> str:
    reasons = []
    for name, later in blocked.items():
        by = _numbers(later) if later else "a change outside the edit history (an import)"
        reasons.append(f"{field_words(name)} was changed since by {by}")
    return (
        f"Change {change} cannot be undone on its own: {'; '.join(reasons)}. Undoing it would "
        f"throw that away. Restore the record to before change {change} instead, which "
        "undoes the later changes too."
    )


def plan_for(
    session: Session, record_type: str, entry_id: int, key: str, now: Values, restore: bool
) -> RevertPlan:
    """`plan` over the record `key` the editor has open (its snapshot `now`); NotFound if
    change `entry_id` is a change to another record."""
    entry = audit.change_to_revert(session, entry_id, record_type)
    if entry.record_key != key:
        what = record_type.replace("_", " ")
        raise NotFound(f"change {entry_id} is not a change to {what} {key!r}")
    return plan(session, record_type, entry_id, now, restore)


def doable(found: RevertPlan) -> RevertPlan:
    """The plan `found` if it can be done; RevertRefused, saying why, if not."""
    if found.refusal:
        raise RevertRefused(found.refusal)
    return found


def plan(
    session: Session, record_type: str, entry_id: int, now: Values, restore: bool
) -> RevertPlan:
    """What undoing change `entry_id` (or restoring to before it) would write over the record
    as it is `now` (a snapshot of it, as the audit log keeps them)."""
    entry = audit.change_to_revert(session, entry_id, record_type)
    if entry.before is None:
        raise RevertRefused(
            f"Change {entry_id} added the record: it is retired or corrected, not reverted."
        )
    current = VALUES[record_type](now)
    history = audit.changes(session, record_type, [entry.record_key])
    later = sorted((e for e in history if (e.id or 0) > entry_id), key=lambda e: e.id or 0)
    if restore:
        return _restore(entry, later, current)
    return _undo(entry, later, current)


def _undo(entry: AuditEntry, later: list[AuditEntry], now: Values) -> RevertPlan:
    writes, blocked = [], {}
    for change in changed(entry):
        touched = tuple(e.id or 0 for e in later if change.field in _names(e))
        if touched or now.get(change.field) != change.new:
            blocked[change.field] = touched
        else:
            writes.append(FieldChange(change.field, change.new, change.old))
    return RevertPlan(
        entry.record_key, entry.id or 0, False, tuple(writes), (entry.id or 0,), blocked
    )


def _restore(entry: AuditEntry, later: list[AuditEntry], now: Values) -> RevertPlan:
    then: Values = {}
    undoes = []
    for each in (entry, *later):
        changes = changed(each)
        if changes:
            undoes.append(each.id or 0)
        for change in changes:
            then.setdefault(change.field, change.old)
    writes = tuple(
        FieldChange(name, now.get(name), value)
        for name, value in then.items()
        if now.get(name) != value
    )
    return RevertPlan(entry.record_key, entry.id or 0, True, writes, tuple(undoes))


def _names(entry: AuditEntry) -> set[str]:
    return {change.field for change in changed(entry)}
