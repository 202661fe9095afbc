"""The only bulk writer: write validated records by natural key inside the caller's
transaction. New records are inserted; an existing record is changed only as an import plan
says (`apply`: each change claimed at the version it was planned against and audited like an
editor's save) or by an editor's save (`vote`). Matching a source, jurisdiction or
stakeholder never rewrites it. Loading the same records twice changes nothing (not even
`updated_at`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from policytrack.auth import Editor
from policytrack.edits import audit
from policytrack.edits.guards import claim_unchanged, claim_version
from policytrack.edits.positions import PositionEdit
from policytrack.ingest.changes import SOURCE_SHOWN
from policytrack.ingest.plan import ImportPlan, SeatsUpdate, Update
from policytrack.models import (
    Body,
    Jurisdiction,
    MemberVote,
    Position,
    Source,
    Stakeholder,
    VoteEvent,
    utc_now,
)
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
# Record types of the audit log (the editors' own modules use the same words).
VOTE, POSITION, SOURCE, BODY = "vote_event", "position", "source", "body"
_PLACE_FIELDS = ("fips", "county_fips", "lat", "lon")  # from the gazetteer, not the file
Progress = Callable[[int, int], None]


@dataclass
class LoadReport:
    """What a load did, per kind of record."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    plan: ImportPlan | None = None  # what an import planned (its changes and warnings)

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
    """Writes records into one session, caching what it has already looked up."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.report = LoadReport()
        self._sources: dict[str, Source] = {}
        self._jurisdictions: dict[str, Jurisdiction] = {}
        self._stakeholders: dict[str, Stakeholder] = {}

    def sources(self, items: Iterable[SourceIn]) -> list[Source]:
        """Get or create each source by key (a stored source is not rewritten)."""
        return [self._source(item) for item in items]

    def _source(self, item: SourceIn) -> Source:
        """Get a source by key, or create it. A source cited again is not rewritten: a URL
        alone would reset an editor's publisher to the site's name (changes to a source's
        metadata are planned and audited: `_update_source`)."""
        record = self._sources.get(item.key)
        if record is None:
            record = self.session.exec(select(Source).where(Source.key == item.key)).first()
        if record is None:
            record = Source(key=item.key, **item.model_dump(exclude={"key"}, exclude_none=True))
            self.session.add(record)
            self.report.count("created", "sources")
        self._sources[item.key] = record
        return record

    def jurisdiction(self, item: JurisdictionIn) -> Jurisdiction:
        """Get or create a jurisdiction by OCD id, keeping its FIPS and point current (they
        come from the gazetteer); a file's spelling of its name never renames it."""
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
        elif _assign(record, {k: values[k] for k in _PLACE_FIELDS if values[k] is not None}):
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
        """Insert one vote event with its roll call and sources, or write it over the stored
        one: only for an editor's save or a planned change, whose caller claims the version
        (`bump=False`) and audits the change."""
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
            record.updated_at = utc_now()
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
        """Get or create a stakeholder by normalised key. A match is never renamed or
        re-kinded (that is an editor's change); the plan warns where the file differs."""
        record = self._stakeholders.get(item.key)
        if record is None:
            statement = select(Stakeholder).where(Stakeholder.key == item.key)
            record = self.session.exec(statement).first()
        if record is None:
            record = Stakeholder(key=item.key, name=item.name, kind=item.kind)
            self.session.add(record)
            self.session.flush()
            self.report.count("created", "stakeholders")
        self._stakeholders[item.key] = record
        return record

    def position(self, item: PositionIn, vote: VoteEvent) -> Position:
        """Insert one new position on `vote` (a stored one is changed only by a plan)."""
        record = self.session.exec(select(Position).where(Position.key == item.key)).first()
        if record is not None:
            return record
        stakeholder = self.stakeholder(item.stakeholder)
        values = item.model_dump(include=set(_POSITION_FIELDS))
        values.update(stakeholder_id=stakeholder.id, vote_event_id=vote.id)
        record = Position(key=item.key, sources=self.sources(item.sources), **values)
        self.session.add(record)
        self.report.count("created", "positions")
        return record

    def apply(self, plan: ImportPlan, who: Editor, progress: Progress | None = None) -> LoadReport:
        """Write a plan: create its new records and make its changes, each claimed at the
        version it was planned against (StaleEdit if another writer got there first) and
        audited as `who`'s save, noted "import FILE"."""
        note = f"import {plan.label}"
        self.sources(plan.new_sources)
        for source in plan.source_updates:
            self._update_source(source, who, note)
        for seats in plan.seat_updates:
            self._update_seats(seats, who, note)
        total = len(plan.new_votes) + len(plan.vote_updates)
        total += len(plan.new_positions) + len(plan.position_updates)
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, total)

        votes: dict[str, VoteEvent] = {}
        for item in plan.new_votes:
            votes[item.key] = self.vote(item)
            tick()
        for update in plan.vote_updates:
            votes[update.after.key] = self._update_vote(update, who, note)
            tick()
        self.session.flush()
        for position in plan.new_positions:
            vote = (
                votes.get(position.vote_key)
                or self.session.exec(
                    select(VoteEvent).where(VoteEvent.key == position.vote_key)
                ).one()
            )
            self.position(position, vote)
            tick()
        for change in plan.position_updates:
            self._update_position(change, who, note)
            tick()
        for kind, n in plan.unchanged.items():
            self.report.unchanged[kind] = self.report.unchanged.get(kind, 0) + n
        self.report.plan = plan
        return self.report

    def _update_vote(self, update: Update[VoteEventIn], who: Editor, note: str) -> VoteEvent:
        key = update.after.key
        record = self.session.exec(select(VoteEvent).where(VoteEvent.key == key)).one()
        assert record.id is not None
        claim_version(self.session, VoteEvent, record.id, update.change.version, who, (VOTE, key))
        self.session.refresh(record)
        self.vote(update.after, bump=False)
        self.session.flush()
        audit.record(self.session, who, "update", VOTE, key, record.version,
                     _snapshot(update.before), _snapshot(update.after), note)  # fmt: skip
        return record

    def _update_position(self, update: Update[PositionEdit], who: Editor, note: str) -> None:
        key, after = update.change.key, update.after
        record = self.session.exec(select(Position).where(Position.key == key)).one()
        assert record.id is not None
        claim_version(self.session, Position, record.id, update.change.version, who,
                      (POSITION, key))  # fmt: skip
        self.session.refresh(record)
        holder = self.session.exec(select(Stakeholder).where(Stakeholder.key == after.stakeholder))
        record.stakeholder_id = holder.one().id  # type: ignore[assignment]
        record.stance, record.role = after.stance, after.role
        record.summary, record.quote = after.summary, after.quote
        record.sources = [self._stored_source(k) for k in after.sources]
        self.session.flush()
        audit.record(self.session, who, "update", POSITION, key, record.version,
                     _snapshot(update.before), _snapshot(after), note)  # fmt: skip
        self.report.count("updated", "positions")

    def _stored_source(self, key: str) -> Source:
        record = self._sources.get(key)
        if record is None:
            record = self.session.exec(select(Source).where(Source.key == key)).one()
        return record

    def _update_source(self, update: Update[SourceIn], who: Editor, note: str) -> None:
        key = update.before.key
        record = self._stored_source(key)
        assert record.id is not None
        loaded = update.before.model_dump(include=set(SOURCE_SHOWN))
        claim_unchanged(self.session, Source, record.id, loaded, (SOURCE, key))
        self.session.refresh(record)
        for name, value in update.after.model_dump(include=set(SOURCE_SHOWN)).items():
            setattr(record, name, value)
        self.session.flush()
        version = audit.change_count(self.session, SOURCE, key) + 1
        audit.record(self.session, who, "update", SOURCE, key, version,
                     _snapshot(update.before), _snapshot(update.after), note)  # fmt: skip
        self.report.count("updated", "sources")

    def _update_seats(self, update: SeatsUpdate, who: Editor, note: str) -> None:
        key = update.change.key
        claim_unchanged(self.session, Body, update.body_id, {"seats": update.before}, (BODY, key))
        body = self.session.get(Body, update.body_id)
        assert body is not None
        self.session.refresh(body)
        body.seats = update.seats
        self.session.flush()
        version = audit.change_count(self.session, BODY, key) + 1
        audit.record(self.session, who, "update", BODY, key, version, {"seats": update.before},
                     {"seats": update.seats}, note)  # fmt: skip
        self.report.count("updated", "bodies")


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


def _snapshot(item: Any) -> dict[str, Any]:
    """A record as the audit log keeps it (and a revert reads it back)."""
    return item.model_dump(mode="json")  # type: ignore[no-any-return]
