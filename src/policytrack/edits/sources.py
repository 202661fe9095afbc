"""Sources an editor adds or corrects (URL — http/https only —, title, publisher, date),
and the sources a position cites, by key or URL. Sources have no version column: a save is
refused when the row no longer holds what the editor loaded."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, or_, select

from policytrack.auth import Editor, require
from policytrack.edits import audit, reverts
from policytrack.edits.guards import claim_unchanged
from policytrack.edits.refusals import InvalidEdit, NotFound, validated
from policytrack.edits.reverts import RevertPlan
from policytrack.models import Source
from policytrack.schemas import SourceIn, check_http_url

RECORD = "source"
EDITABLE = ("url", "publisher", "title", "published_on")


def source_as_input(session: Session, key: str) -> SourceIn:
    """A stored source as the editable record (the snapshot a save is checked against)."""
    return SourceIn.model_validate(_source(session, key), from_attributes=True)


def _source(session: Session, key: str) -> Source:
    found = session.exec(select(Source).where(Source.key == key)).first()
    if found is None:
        raise NotFound(f"no source with key {key!r}")
    return found


def source_keys(session: Session) -> list[str]:
    """Every source's key, in order (for pickers)."""
    return list(session.exec(select(Source.key).order_by(col(Source.key))))


def new_source(values: dict[str, Any]) -> SourceIn:
    """A source to add from an editor's fields: its key is its URL (checked http/https)."""
    cleaned = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()}
    url = cleaned.get("url")
    if not url:
        raise InvalidEdit({"url": "give the source's http:// or https:// address"})
    return validated(SourceIn, {**cleaned, "key": url})


def add_source(session: Session, editor: Editor | None, item: SourceIn) -> Source:
    """Add a source known by its URL; InvalidEdit if it has none or exists already."""
    who = require(editor)
    if item.url is None:
        raise InvalidEdit({"url": "give the source's http:// or https:// address"})
    taken = session.exec(
        select(Source).where(or_(Source.key == item.key, Source.url == item.url))
    ).first()
    if taken is not None:
        raise InvalidEdit({"url": f"this source exists already (key {taken.key!r}): edit it"})
    source = Source(**item.model_dump())
    session.add(source)
    session.flush()
    audit.record(session, who, "create", RECORD, item.key, 1, None, _snapshot(item))
    return source


def edit_source(
    session: Session, editor: Editor | None, loaded: SourceIn, edited: SourceIn
) -> Source:
    """Save `edited` over the source as it was `loaded`; StaleEdit if it changed since."""
    who = require(editor)
    _check(session, loaded, edited)
    source = _source(session, loaded.key)
    if edited == loaded:
        return source
    assert source.id is not None
    claim_unchanged(session, Source, source.id, _editable(loaded), (RECORD, loaded.key))
    session.refresh(source)
    for name, value in _editable(edited).items():
        setattr(source, name, value)
    session.flush()
    version = audit.change_count(session, RECORD, loaded.key) + 1
    before, after = _snapshot(loaded), _snapshot(edited)
    audit.record(session, who, "update", RECORD, loaded.key, version, before, after)
    return source


def _check(session: Session, loaded: SourceIn, edited: SourceIn) -> None:
    if edited.key != loaded.key:
        raise InvalidEdit({"key": "a source's key cannot change: add a new source instead"})
    if edited.url is None and not edited.citation:
        raise InvalidEdit({"url": "a source needs a URL or a citation"})
    if edited.url is not None and edited.url != loaded.url:
        other = session.exec(
            select(Source).where(Source.url == edited.url, Source.key != loaded.key)
        ).first()
        if other is not None:
            raise InvalidEdit({"url": f"another source has this URL (key {other.key!r})"})


def source_revert_plan(
    session: Session, entry_id: int, loaded: SourceIn, restore: bool = False
) -> RevertPlan:
    """What undoing change `entry_id` (or restoring to before it) would write over the
    source as this editor `loaded` it; its `refusal` says why it cannot be done."""
    return reverts.plan_for(session, RECORD, entry_id, loaded.key, _snapshot(loaded), restore)


def revert_source(
    session: Session,
    editor: Editor | None,
    entry_id: int,
    loaded: SourceIn,
    *,
    restore: bool = False,
) -> Source:
    """Undo change `entry_id` keeping later changes (or restore to before it): an audited
    change too; RevertRefused if it would throw later work away, StaleEdit if the source is
    no longer as `loaded`."""
    who = require(editor)
    found = reverts.doable(source_revert_plan(session, entry_id, loaded, restore))
    edited = validated(SourceIn, _snapshot(loaded) | found.targets)
    source = edit_source(session, who, loaded, edited)
    audit.mark_revert(audit.changes(session, RECORD, [loaded.key])[0], entry_id, found.note)
    return source


def source_history(session: Session, key: str) -> list[audit.Change]:
    """Every change to a source, newest first."""
    return audit.history(session, RECORD, [key])


def cite(session: Session, editor: Editor, references: list[str]) -> list[Source]:
    """The sources a record cites, each given by an existing source's key or URL, or by a new
    http(s) URL (added as an audited source). InvalidEdit('sources') if any is neither; then
    nothing is added."""
    return [_stored(session, editor, found) for found in resolve(session, references)]


def resolve(session: Session, references: list[str]) -> list[Source | SourceIn]:
    """Check every reference without writing: known sources, and new ones still to add."""
    found: list[Source | SourceIn] = []
    for reference in dict.fromkeys(r.strip() for r in references if r.strip()):
        item = _known(session, reference) or _new_url(reference)
        if item.key not in {f.key for f in found}:
            found.append(item)
    if not found:
        raise InvalidEdit({"sources": "cite at least one source (an http:// or https:// URL)"})
    return found


def _known(session: Session, reference: str) -> Source | None:
    statement = select(Source).where(or_(Source.key == reference, Source.url == reference))
    return session.exec(statement.order_by(col(Source.id))).first()


def _new_url(reference: str) -> SourceIn:
    try:
        return SourceIn.from_url(check_http_url(reference))
    except ValueError as error:
        raise InvalidEdit({"sources": f"{error} (got {reference[:60]!r})"}) from None


def _stored(session: Session, editor: Editor, found: Source | SourceIn) -> Source:
    if isinstance(found, Source):
        return found
    known = _known(session, found.key)  # added meanwhile, e.g. cited twice in one form
    if known is not None:
        return known
    source = Source(**found.model_dump())
    session.add(source)
    audit.record(session, editor, "create", RECORD, found.key, 1, None, _snapshot(found))
    return source


def _editable(item: SourceIn) -> dict[str, Any]:
    return item.model_dump(include=set(EDITABLE))


def _snapshot(item: SourceIn) -> dict[str, Any]:
    return item.model_dump(mode="json")
