"""An agreement's history on ICE's lists derived from its sightings, so that lists imported
in any order tell the same story.

A list imported after a newer one of its kind (say, an older list found later, or any list
after the bundled July 2025 lists) changes what happened between lists: the agreements it
had were on ICE's list earlier than we knew ("added" moves back to it), what differs from
the next list becomes a change of that list (renamed, re-dated, relabelled), and what it had
that the next list lacks was removed then. `rebuild` derives every change of the agreements
such a list touches from their sightings, exactly as importing the lists in date order
would have logged them, and writes only the difference. Statuses follow: an agreement whose
last list of its kind is not the newest is `removed`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from policytrack.models import Agreement, AgreementChange, AgreementSighting, OfficialList
from policytrack.vocab import AgreementStatus, Model287g, parse_model


@dataclass(frozen=True, order=True)
class Listed:
    """One imported list, in the order lists follow each other: by date, then import."""

    as_of: dt.date
    id: int
    kind: str


@dataclass(frozen=True)
class Seen:
    """An agreement as one list printed it."""

    listed: Listed
    agency: str
    model: Model287g
    signed_on: dt.date | None


@dataclass(frozen=True)
class Event:
    """One change of an agreement, on one list (the columns of `agreement_change`)."""

    list_id: int
    as_of: dt.date
    change: str
    before: str | None
    after: str | None


def sighting_model(model_text: str | None) -> Model287g:
    """The model a sighting's printed text names, as the list reader read it (`Task Force
    Model (TFM)`, `287(g) Task Force Model` included); unknown text is `unknown`."""
    found = parse_model(model_text)
    if found is None:
        bare = (model_text or "").casefold().replace("287(g)", "").replace("287g", "")
        found = parse_model(bare.split("(")[0].strip(" -:"))
    return found or Model287g.UNKNOWN


def _status(kind: str) -> AgreementStatus:
    return AgreementStatus.PENDING if kind == "pending" else AgreementStatus.ACTIVE


def derive(seen: list[Seen], lists: list[Listed]) -> tuple[list[Event], AgreementStatus]:
    """Every change of one agreement seen on `seen` (any order) among all `lists`, in the
    order an import in date order logs them, and where the agreement stands now."""
    events: list[Event] = []
    previous: Seen | None = None
    signed: dt.date | None = None
    status: AgreementStatus | None = None
    for now in sorted(seen, key=lambda s: s.listed):
        if previous is None:
            events.append(_event(now.listed, "added", None, now.agency))
        else:
            gap = _next_of_kind(lists, previous.listed, before=now.listed)
            if gap is not None:
                events.append(_event(gap, "removed", str(status), "removed"))
                status = AgreementStatus.REMOVED
            events += _differences(previous, now, signed)
        if status is not None and status != _status(now.listed.kind):
            events.append(_event(now.listed, "status", str(status), str(_status(now.listed.kind))))
        previous, status = now, _status(now.listed.kind)
        signed = now.signed_on or signed
    assert previous is not None and status is not None  # an agreement is seen at least once
    gone = _next_of_kind(lists, previous.listed)
    if gone is not None:
        events.append(_event(gone, "removed", str(status), "removed"))
        status = AgreementStatus.REMOVED
    return events, status


def _event(listed: Listed, change: str, before: str | None, after: str | None) -> Event:
    return Event(listed.id, listed.as_of, change, before, after)


def _next_of_kind(
    lists: list[Listed], after: Listed, before: Listed | None = None
) -> Listed | None:
    """The first list of `after`'s kind that follows it (and precedes `before`)."""
    return next(
        (
            other
            for other in sorted(lists)
            if other.kind == after.kind and other > after and (before is None or other < before)
        ),
        None,
    )


def _differences(previous: Seen, now: Seen, signed: dt.date | None) -> list[Event]:
    """Renamed, re-dated (or first dated) and relabelled, from one sighting to the next."""
    events = []
    if now.agency != previous.agency:
        events.append(_event(now.listed, "renamed", previous.agency, now.agency))
    if now.signed_on is not None and now.signed_on != signed:
        change = "redated" if signed else "signed"
        events.append(_event(now.listed, change, _iso(signed), now.signed_on.isoformat()))
    if now.model != previous.model:
        events.append(_event(now.listed, "relabelled", str(previous.model), str(now.model)))
    return events


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def rebuild(session: Session, kind: str) -> int:
    """Derive again the history of every agreement seen on a list of `kind` and write what
    differs (changes added or taken away, statuses); returns how many removals it recorded
    that were not recorded before."""
    lists = [
        Listed(official.as_of, official.id, official.kind)
        for official in session.exec(select(OfficialList))
        if official.id is not None
    ]
    seen = _sightings(session, kind, {listed.id: listed for listed in lists})
    removals = 0
    for agreement in session.exec(select(Agreement).where(col(Agreement.id).in_(seen))):
        assert agreement.id is not None
        events, status = derive(seen[agreement.id], lists)
        added = _write(session, agreement.id, events)
        removals += sum(1 for event in added if event.change == "removed")
        if agreement.status != status and agreement.status in _LISTED_STATUSES:
            agreement.status = status
            agreement.version += 1
    return removals


_LISTED_STATUSES = (AgreementStatus.ACTIVE, AgreementStatus.PENDING, AgreementStatus.REMOVED)


def _sightings(session: Session, kind: str, lists: dict[int, Listed]) -> dict[int, list[Seen]]:
    """The sightings of every agreement ever seen on a list of `kind`, by agreement."""
    on_kind = (
        select(AgreementSighting.agreement_id)
        .join(OfficialList, col(OfficialList.id) == col(AgreementSighting.official_list_id))
        .where(OfficialList.kind == kind)
    )
    statement = select(AgreementSighting).where(col(AgreementSighting.agreement_id).in_(on_kind))
    seen: dict[int, list[Seen]] = defaultdict(list)
    for sighting in session.exec(statement):
        seen[sighting.agreement_id].append(
            Seen(
                lists[sighting.official_list_id],
                sighting.agency,
                sighting_model(sighting.model_text),
                sighting.signed_on,
            )
        )
    return seen


def _write(session: Session, agreement_id: int, events: list[Event]) -> list[Event]:
    """Make the agreement's stored changes the derived ones, touching only what differs;
    returns the changes that were not stored yet."""
    stored = session.exec(
        select(AgreementChange).where(AgreementChange.agreement_id == agreement_id)
    ).all()
    wanted = {(e.list_id, e.change, e.before, e.after): e for e in events}
    for change in stored:
        found = (change.official_list_id, change.change, change.before, change.after)
        if wanted.pop(found, None) is None:
            session.delete(change)
    added = [e for e in events if (e.list_id, e.change, e.before, e.after) in wanted]
    for event in added:
        session.add(
            AgreementChange(
                agreement_id=agreement_id,
                official_list_id=event.list_id,
                as_of=event.as_of,
                change=event.change,
                before=event.before,
                after=event.after,
            )
        )
    return added
