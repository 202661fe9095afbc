"""How a record in a file is merged into the stored record it matches, and what that would
change, field by field (old → new). Pure functions: nothing here reads or writes the
database.

The merge keeps what the file does not say: a blank cell or a missing column keeps the
stored value (blank means "not reported"); a roll call in the file is merged into the stored
one by member and its sources are added to the stored ones, unless the person importing
asks to replace them. New values that come with sources the record did not cite are a
disagreement between sources, and the record's `disputed` text says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from policytrack.edits.positions import PositionEdit
from policytrack.ingest.votes import suspicious
from policytrack.schemas import MemberVoteIn, PositionIn, SourceIn, VoteEventIn

# Fields of a vote a file's cell replaces when it is not blank (the rest are handled below).
VOTE_MERGED = (
    "vote_date", "motion_text", "topic", "action", "outcome", "model", "yes", "no", "abstain",
    "absent", "confidence", "notes", "seats",
)  # fmt: skip
# What a vote says happened: a change to these, with new sources, is a disagreement.
VOTE_FACTS = (
    "jurisdiction", "body", "vote_date", "motion_text", "topic", "action", "outcome", "model",
    "yes", "no", "abstain", "absent", "roll_call",
)  # fmt: skip
# Seats belong to the body and are planned as a change of the body, not of each vote.
VOTE_SHOWN = (*VOTE_FACTS, "sources", "confidence", "notes", "disputed")
POSITION_MERGED = ("role", "summary", "quote")
POSITION_SHOWN = ("stakeholder", "stance", "role", "summary", "quote", "sources")
SOURCE_SHOWN = ("url", "publisher", "title", "author", "published_on", "citation")
_FACT_WORDS = {"motion_text": "the measure", "roll_call": "the roll call", "body": "the body",
               "jurisdiction": "the jurisdiction"}  # fmt: skip


@dataclass(frozen=True)
class ImportOptions:
    """What the person importing chose to allow."""

    update: bool = False  # change records that exist already (each change audited)
    replace_roll_calls: bool = False  # a roll call in the file replaces the stored one
    replace_sources: bool = False  # the file's sources replace a record's, not add to them


@dataclass(frozen=True)
class FieldChange:
    """One field of one record: its value now and after the import, as text, and for lists
    and added text what differs, in words (empty when old → new says it)."""

    field: str
    old: str
    new: str
    detail: str = ""


@dataclass(frozen=True)
class RecordChange:
    """An existing record an import would change: where in the file, which version of the
    record the change was planned against, and every field that changes."""

    record_type: str  # vote_event | position | source | body
    key: str
    file: str
    row: int | None
    version: int
    fields: tuple[FieldChange, ...]


# ------------------------------------------------------------------------------ votes


def merge_vote(
    stored: VoteEventIn,
    incoming: VoteEventIn,
    given: Collection[str],
    options: ImportOptions,
    label: str,
) -> VoteEventIn:
    """The stored vote with what the file gives (`given`: its non-blank fields)."""
    update: dict[str, Any] = {f: getattr(incoming, f) for f in VOTE_MERGED if f in given}
    update.update(jurisdiction=incoming.jurisdiction, body=incoming.body)
    if "roll_call" in given:
        update["roll_call"] = merged_roll_call(
            stored.roll_call, incoming.roll_call, options.replace_roll_calls
        )
    update["sources"] = merged_sources(stored.sources, incoming.sources, options.replace_sources)
    # A note this import added earlier holds the file's text already: not a change.
    if "disputed" in given and (incoming.disputed or "") not in (stored.disputed or ""):
        update["disputed"] = incoming.disputed
    merged = stored.model_copy(update=update)
    note = disagreement(stored, merged, incoming.sources, label)
    if note:
        merged.disputed = " ".join(filter(None, [merged.disputed, note]))
    place = [w for w in incoming.warnings if w not in suspicious(incoming)]
    merged.warnings = suspicious(merged) + place
    return merged


def merged_roll_call(
    stored: list[MemberVoteIn], incoming: list[MemberVoteIn], replace: bool
) -> list[MemberVoteIn]:
    """The stored roll call with the file's votes: a member in both gets the file's option
    (the name kept as stored), members only in the file are added, the others kept."""
    if replace:
        return list(incoming)
    options = {m.voter_name.casefold(): m.option for m in incoming}
    kept = [
        MemberVoteIn(voter_name=m.voter_name, option=options.pop(m.voter_name.casefold(), m.option))
        for m in stored
    ]
    return kept + [m for m in incoming if m.voter_name.casefold() in options]


def merged_sources(
    stored: list[SourceIn], incoming: list[SourceIn], replace: bool
) -> list[SourceIn]:
    """The stored sources and the file's new ones (or only the file's, when replacing)."""
    if replace:
        return list(incoming)
    known = {s.key for s in stored}
    return list(stored) + [s for s in incoming if s.key not in known]


def disagreement(
    stored: VoteEventIn, merged: VoteEventIn, cited: list[SourceIn], label: str
) -> str | None:
    """Words for `disputed` when new values come with sources the record did not cite."""
    known = {s.key for s in stored.sources}
    new = [s for s in cited if s.key not in known]
    changed = [f for f in VOTE_FACTS if _vote_value(stored, f) != _vote_value(merged, f)]
    if not new or not changed:
        return None
    what = ", ".join(
        _FACT_WORDS.get(f)
        or f"{f.replace('_', ' ')} {_shown(getattr(merged, f))} (was {_shown(getattr(stored, f))})"
        for f in changed
    )
    return (
        f"Import of {label} cites {_urls(new)} for {what}; "
        f"the earlier values came with {_urls(stored.sources)}."
    )


def vote_changes(before: VoteEventIn, after: VoteEventIn) -> tuple[FieldChange, ...]:
    """Every shown field of a vote that differs, old → new."""
    return _changes(before, after, VOTE_SHOWN, _vote_value, _vote_text)


def _vote_items(vote: VoteEventIn, field: str) -> list[str] | None:
    """A list field's items as text (None for fields that are not lists)."""
    if field == "roll_call":
        return [f"{m.voter_name}: {m.option}" for m in vote.roll_call]
    if field == "sources":
        return [s.url or s.key for s in vote.sources]
    return None


def _vote_value(vote: VoteEventIn, field: str) -> Any:
    value = getattr(vote, field)
    if field == "jurisdiction":
        return value.ocd_id
    if field == "roll_call":
        return sorted((m.voter_name, str(m.option)) for m in value)
    if field == "sources":
        return sorted(s.key for s in value)
    return value


def _vote_text(vote: VoteEventIn, field: str) -> str:
    value = getattr(vote, field)
    if field == "jurisdiction":
        return f"{value.name}, {value.state}"
    if field == "roll_call":
        return "; ".join(f"{m.voter_name}: {m.option}" for m in value)
    if field == "sources":
        return _urls(value, " ")
    return _shown(value)


# ------------------------------------------------------------------------------ positions


def merge_position(
    stored: PositionEdit, incoming: PositionIn, options: ImportOptions
) -> PositionEdit:
    """The stored position with what the file gives (who spoke stays as stored: it is part
    of what identifies the position)."""
    update: dict[str, Any] = {
        f: getattr(incoming, f) for f in POSITION_MERGED if getattr(incoming, f)
    }
    keys = [s.key for s in incoming.sources]
    cited = keys if options.replace_sources else [*stored.sources, *keys]
    update.update(
        stakeholder=incoming.stakeholder.key,
        stance=incoming.stance,
        sources=sorted(set(cited)),
    )
    return stored.model_copy(update=update)


def position_changes(before: PositionEdit, after: PositionEdit) -> tuple[FieldChange, ...]:
    """Every shown field of a position that differs, old → new."""
    return _changes(before, after, POSITION_SHOWN, _plain_value, _plain_text)


# ------------------------------------------------------------------------------ sources


def merge_source(stored: SourceIn, incoming: SourceIn) -> SourceIn:
    """The stored source with the file's non-blank fields."""
    given = {f: v for f in SOURCE_SHOWN if (v := getattr(incoming, f)) is not None}
    return stored.model_copy(update=given)


def source_changes(before: SourceIn, after: SourceIn) -> tuple[FieldChange, ...]:
    """Every field of a source that differs, old → new."""
    return _changes(before, after, SOURCE_SHOWN, _plain_value, _plain_text)


# ------------------------------------------------------------------------------ shared


def _changes(
    before: BaseModel,
    after: BaseModel,
    fields: tuple[str, ...],
    value: Callable[[Any, str], Any],
    shown: Callable[[Any, str], str],
) -> tuple[FieldChange, ...]:
    return tuple(
        _field_change(
            field,
            shown(before, field),
            shown(after, field),
            _items(before, field),
            _items(after, field),
        )
        for field in fields
        if value(before, field) != value(after, field)
    )


def _items(record: Any, field: str) -> list[str] | None:
    if isinstance(record, VoteEventIn):
        return _vote_items(record, field)
    value = getattr(record, field)
    return [str(v) for v in value] if isinstance(value, list) else None


def _field_change(
    field: str, old: str, new: str, before: list[str] | None, after: list[str] | None
) -> FieldChange:
    """A change, with what differs in words for lists (added, removed, kept) and for text
    that only grows (what is added)."""
    if before is not None and after is not None:
        added = [i for i in after if i not in before]
        removed = [i for i in before if i not in after]
        kept = len(before) - len(removed)
        words = [f"added {'; '.join(added)}"] if added else []
        words += [f"removed {'; '.join(removed)}"] if removed else []
        words += [f"kept {kept} more"] if kept and (added or removed) else []
        return FieldChange(field, old, new, " | ".join(words))
    if old and new.startswith(old):
        return FieldChange(field, old, new, f"appended {new[len(old) :].strip()}")
    return FieldChange(field, old, new)


def _plain_value(record: Any, field: str) -> Any:
    value = getattr(record, field)
    return sorted(value) if isinstance(value, list) else value


def _plain_text(record: Any, field: str) -> str:
    value = getattr(record, field)
    return " ".join(map(str, value)) if isinstance(value, list) else _shown(value)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return str(value)


def _urls(sources: list[SourceIn], separator: str = ", ") -> str:
    return separator.join(s.url or s.key for s in sources)
