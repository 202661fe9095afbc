"""The only bulk writer: upsert validated records by natural key inside the caller's
transaction. Loading the same records twice changes nothing (not even `updated_at`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from policytrack.models import (
    Body,
    Jurisdiction,
    MemberVote,
    Position,
    Source,
    Stakeholder,
    VoteEvent,
)
from policytrack.models import _now as now
from policytrack.schemas import (
    JurisdictionIn,
    MemberVoteIn,
    PositionIn,
    SourceIn,
    StakeholderIn,
    VoteEventIn,
)

_VOTE_FIELDS = (
    "vote_date", "motion_text", "topic", "action", "outcome", "model", "yes", "no",
    "abstain", "absent", "confidence", "notes", "disputed", "warnings",
)  # fmt: skip
_POSITION_FIELDS = ("stance", "speaker", "role", "summary", "quote")


@dataclass
class LoadReport:
    """What a load did, per kind of record."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str, kind: str) -> None:
        """Count one record of `kind` as created, updated or unchanged."""
        tally = getattr(self, outcome)
        tally[kind] = tally.get(kind, 0) + 1

    def __str__(self) -> str:
        parts = []
        for outcome in ("created", "updated", "unchanged"):
            tally = getattr(self, outcome)
            if tally:
                items = ", ".join(f"{n} {kind}" for kind, n in sorted(tally.items()))
                parts.append(f"{outcome}: {items}")
        return "; ".join(parts) or "nothing to load"


def _assign(record: Any, values: dict[str, Any]) -> bool:
    """Set only the attributes that differ; say whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


class Loader:
    """Upserts records into one session, caching what it has already looked up."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.report = LoadReport()
        self._sources: dict[str, Source] = {}
        self._jurisdictions: dict[str, Jurisdiction] = {}
        self._stakeholders: dict[str, Stakeholder] = {}

    def sources(self, items: Iterable[SourceIn]) -> list[Source]:
        """Get or create each source by key; metadata given here fills or updates it."""
        return [self._source(item) for item in items]

    def _source(self, item: SourceIn) -> Source:
        record = self._sources.get(item.key)
        if record is None:
            record = self.session.exec(select(Source).where(Source.key == item.key)).first()
        values = item.model_dump(exclude={"key"}, exclude_none=True)
        if record is None:
            record = Source(key=item.key, **values)
            self.session.add(record)
            self.report.count("created", "sources")
        elif _assign(record, values):
            self.report.count("updated", "sources")
        self._sources[item.key] = record
        return record

    def jurisdiction(self, item: JurisdictionIn) -> Jurisdiction:
        """Get or create a jurisdiction by OCD id, keeping its FIPS and point current."""
        record = self._jurisdictions.get(item.ocd_id)
        if record is None:
            statement = select(Jurisdiction).where(Jurisdiction.ocd_id == item.ocd_id)
            record = self.session.exec(statement).first()
        values = item.model_dump(exclude={"ocd_id"})
        if record is None:
            record = Jurisdiction(ocd_id=item.ocd_id, **values)
            self.session.add(record)
            self.session.flush()
            self.report.count("created", "jurisdictions")
        elif _assign(record, {k: v for k, v in values.items() if v is not None}):
            self.report.count("updated", "jurisdictions")
        self._jurisdictions[item.ocd_id] = record
        return record

    def body(self, jurisdiction: Jurisdiction, name: str, seats: int | None) -> Body:
        """Get or create a body of a jurisdiction by name."""
        assert jurisdiction.id is not None  # flushed when created
        statement = select(Body).where(Body.jurisdiction_id == jurisdiction.id, Body.name == name)
        record = self.session.exec(statement).first()
        if record is None:
            record = Body(jurisdiction_id=jurisdiction.id, name=name, seats=seats)
            self.session.add(record)
            self.session.flush()
        elif seats is not None and record.seats != seats:
            record.seats = seats
        return record

    def vote(self, item: VoteEventIn, *, bump: bool = True) -> VoteEvent:
        """Insert or update one vote event with its roll call and sources (`bump=False` when
        the caller has already claimed the next version, as the editor does)."""
        jurisdiction = self.jurisdiction(item.jurisdiction)
        body = self.body(jurisdiction, item.body, item.seats)
        values = item.model_dump(include=set(_VOTE_FIELDS))
        values.update(
            jurisdiction_id=jurisdiction.id,
            body_id=body.id,
            state=item.state,
            jurisdiction_kind=jurisdiction.kind,
        )
        sources = self.sources(item.sources)
        record = self.session.exec(select(VoteEvent).where(VoteEvent.key == item.key)).first()
        if record is None:
            record = VoteEvent(key=item.key, sources=sources, **values)
            record.roll_call = _member_votes(item.roll_call)
            self.session.add(record)
            self.report.count("created", "vote_events")
            return record
        changed = _assign(record, values)
        changed |= _replace_sources(record, sources)
        changed |= self._replace_roll_call(record, item.roll_call)
        if changed and bump:
            record.version += 1
            record.updated_at = now()
        self.report.count("updated" if changed else "unchanged", "vote_events")
        return record

    def _replace_roll_call(self, record: VoteEvent, items: list[MemberVoteIn]) -> bool:
        current = [(m.voter_name, str(m.option)) for m in record.roll_call]
        wanted = [(m.voter_name, str(m.option)) for m in items]
        if current == wanted:
            return False
        record.roll_call.clear()
        # Delete the old roll call before inserting the new one: names are unique per vote.
        self.session.flush()
        record.roll_call.extend(_member_votes(items))
        return True

    def stakeholder(self, item: StakeholderIn) -> Stakeholder:
        """Get or create a stakeholder by normalised key."""
        record = self._stakeholders.get(item.key)
        if record is None:
            statement = select(Stakeholder).where(Stakeholder.key == item.key)
            record = self.session.exec(statement).first()
        if record is None:
            record = Stakeholder(key=item.key, name=item.name, kind=item.kind)
            self.session.add(record)
            self.session.flush()
            self.report.count("created", "stakeholders")
        elif _assign(record, {"name": item.name, "kind": item.kind}):
            self.report.count("updated", "stakeholders")
        self._stakeholders[item.key] = record
        return record

    def position(self, item: PositionIn, vote: VoteEvent) -> Position:
        """Insert or update one position on `vote`."""
        stakeholder = self.stakeholder(item.stakeholder)
        values = item.model_dump(include=set(_POSITION_FIELDS))
        values.update(stakeholder_id=stakeholder.id, vote_event_id=vote.id)
        sources = self.sources(item.sources)
        record = self.session.exec(select(Position).where(Position.key == item.key)).first()
        if record is None:
            record = Position(key=item.key, sources=sources, **values)
            self.session.add(record)
            self.report.count("created", "positions")
            return record
        changed = _assign(record, values) | _replace_sources(record, sources)
        if changed:
            record.version += 1
            record.updated_at = now()
        self.report.count("updated" if changed else "unchanged", "positions")
        return record


def _member_votes(items: list[MemberVoteIn]) -> list[MemberVote]:
    # vote_event_id is filled in by the VoteEvent.roll_call relationship on flush.
    return [
        MemberVote(voter_name=m.voter_name, option=m.option)  # type: ignore[call-arg]
        for m in items
    ]


def _replace_sources(record: Any, sources: list[Source]) -> bool:
    if {s.key for s in record.sources} == {s.key for s in sources}:
        return False
    record.sources = sources
    return True
