"""Plan an import before anything is written: the records it creates, the existing records
it would change (field by field, old → new), what in the file conflicts with what is stored,
and the warnings to show. Reads the database, never writes it; `load.Loader.apply` writes a
plan, and only changes existing records when the person importing chose to."""

from __future__ import annotations

import hashlib
import json
import textwrap
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlmodel import Session

from policytrack.edits.positions import PositionEdit, position_as_edit
from policytrack.ingest.changes import (
    FieldChange,
    ImportOptions,
    RecordChange,
    merge_position,
    merge_source,
    merge_vote,
    position_changes,
    source_changes,
    vote_changes,
)
from policytrack.ingest.problems import ImportRefused, Problem
from policytrack.ingest.stored import (
    by_key,
    counted,
    largest_tally,
    stored_body,
    vote_input,
)
from policytrack.models import Body, Position, Source, Stakeholder, VoteEvent
from policytrack.schemas import PositionIn, SourceIn, VoteEventIn

T = TypeVar("T")


@dataclass(frozen=True)
class Incoming(Generic[T]):
    """A validated record with the file and row it came from."""

    record: T
    file: str
    row: int | None
    given: frozenset[str] = frozenset()  # the fields its row gives (non-blank cells)


@dataclass(frozen=True)
class Update(Generic[T]):
    """An existing record as stored and as the import would leave it."""

    before: T
    after: T
    change: RecordChange


@dataclass(frozen=True)
class SeatsUpdate:
    """A stored body's seats as the import would set them."""

    body_id: int
    before: int | None
    seats: int
    change: RecordChange


@dataclass
class ImportPlan:
    """Everything an import would do, computed without writing."""

    label: str  # the file or folder, as the audit log names the import
    new_sources: list[SourceIn] = field(default_factory=list)
    new_votes: list[VoteEventIn] = field(default_factory=list)
    new_positions: list[PositionIn] = field(default_factory=list)
    source_updates: list[Update[SourceIn]] = field(default_factory=list)
    seat_updates: list[SeatsUpdate] = field(default_factory=list)
    vote_updates: list[Update[VoteEventIn]] = field(default_factory=list)
    position_updates: list[Update[PositionEdit]] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=dict)
    conflicts: list[Problem] = field(default_factory=list)  # need the choice, change nothing
    warnings: list[Problem] = field(default_factory=list)

    @property
    def changes(self) -> list[RecordChange]:
        """Every existing record the import would change, in the order it would."""
        updates: list[Update[SourceIn] | SeatsUpdate | Update[VoteEventIn] | Update[PositionEdit]]
        updates = [*self.source_updates, *self.seat_updates, *self.vote_updates,
                   *self.position_updates]  # fmt: skip
        return [u.change for u in updates]

    @property
    def needs_choice(self) -> bool:
        """Whether writing this plan needs the person's explicit choice (`--update`)."""
        return bool(self.changes or self.conflicts)

    def fingerprint(self) -> str:
        """A digest of the changes and conflicts: a plan confirmed in a preview is written
        only if planning again at write time gives the same digest."""
        content = [
            [[c.record_type, c.key, c.version, [[f.field, f.old, f.new] for f in c.fields]]
             for c in self.changes],
            [[p.row, p.field, p.value, p.rule] for p in self.conflicts],
        ]  # fmt: skip
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()

    def count(self, kind: str) -> None:
        """Count one record of `kind` the import leaves as it is."""
        self.unchanged[kind] = self.unchanged.get(kind, 0) + 1


class UnconfirmedChanges(Exception):
    """The import would change existing records (or accept a conflict) and the person did
    not choose to: nothing was written. `plan` says what would change."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__(
            f"{plan.label}: {len(plan.changes)} existing record(s) would change and "
            f"{len(plan.conflicts)} conflict(s) need a choice; nothing written"
        )


class PlanChanged(Exception):
    """The records changed between the preview a person confirmed and the write."""


class Planner:
    """Plans one import in one session (reads only)."""

    def __init__(self, session: Session, options: ImportOptions, label: str) -> None:
        self.session = session
        self.options = options
        self.plan = ImportPlan(label)

    def build(
        self,
        sources: list[Incoming[SourceIn]],
        votes: list[Incoming[VoteEventIn]],
        positions: list[Incoming[PositionIn]],
    ) -> ImportPlan:
        """The plan for these records; ImportRefused if the result would break a rule."""
        self._sources(sources)
        final = self._votes(votes)
        problems = self._seats(final)
        if problems:
            raise ImportRefused(problems)
        self._positions(positions)
        return self.plan

    def _sources(self, items: list[Incoming[SourceIn]]) -> None:
        stored = by_key(self.session, Source, [i.record.key for i in items])
        for item in items:
            record = stored.get(item.record.key)
            if record is None:
                self.plan.new_sources.append(item.record)
                continue
            before = SourceIn.model_validate(record, from_attributes=True)
            after = merge_source(before, item.record)
            fields = source_changes(before, after)
            if not fields:
                self.plan.count("sources")
                continue
            change = RecordChange("source", before.key, item.file, item.row, 0, fields)
            self.plan.source_updates.append(Update(before, after, change))

    def _votes(self, items: list[Incoming[VoteEventIn]]) -> dict[str, Incoming[VoteEventIn]]:
        """Plan each vote; return every vote as the import would leave it, by key."""
        stored = by_key(self.session, VoteEvent, [i.record.key for i in items])
        final: dict[str, Incoming[VoteEventIn]] = {}
        for item in items:
            incoming, record = item.record, stored.get(item.record.key)
            if record is None:
                self.plan.new_votes.append(incoming)
                final[incoming.key] = item
                continue
            before = vote_input(self.session, record)
            after = merge_vote(before, incoming, item.given, self.options, self.plan.label)
            final[incoming.key] = Incoming(after, item.file, item.row, item.given)
            fields = vote_changes(before, after)
            if not fields:
                self.plan.count("vote_events")
                continue
            change = RecordChange("vote_event", incoming.key, item.file, item.row,
                                  record.version, fields)  # fmt: skip
            self.plan.vote_updates.append(Update(before, after, change))
        return final

    def _seats(self, final: dict[str, Incoming[VoteEventIn]]) -> list[Problem]:
        """Plan the seats each body gets; every vote must fit its body's seats, stored votes
        that the file does not mention included."""
        wanted, warnings = _wanted_seats([*final.values()])
        self.plan.warnings += warnings
        problems: list[Problem] = []
        bodies: dict[tuple[str, str], Body | None] = {}
        for place, (seats, item) in wanted.items():
            body = bodies[place] = stored_body(self.session, *place)
            if body is None or body.seats == seats:
                continue
            largest = largest_tally(self.session, body, set(final))
            if largest is not None and largest[1] > seats:
                key, total = largest
                rule = (f"{place[1]} has a stored vote counting {total} votes ({key}): "
                        f"it cannot have fewer seats")  # fmt: skip
                problems.append(Problem(item.file, item.row, "seats", str(seats), rule))
            assert body.id is not None
            seat_change = FieldChange("seats", _text(body.seats), str(seats))
            change = RecordChange("body", f"{place[0]}|{place[1]}", item.file, item.row, 0,
                                  (seat_change,))  # fmt: skip
            self.plan.seat_updates.append(SeatsUpdate(body.id, body.seats, seats, change))
        for item in final.values():
            vote = item.record
            place = (vote.jurisdiction.ocd_id, vote.body)
            if place not in bodies:
                bodies[place] = stored_body(self.session, *place)
            limit = wanted[place][0] if place in wanted else getattr(bodies[place], "seats", None)
            if limit is not None and counted(vote) > limit:
                rule = f"{counted(vote)} votes counted but {vote.body} has {limit} seats"
                problems.append(Problem(item.file, item.row, "yes", _text(vote.yes), rule))
        return problems

    def _positions(self, items: list[Incoming[PositionIn]]) -> None:
        keys = [i.record.stakeholder.key for i in items]
        stakeholders = by_key(self.session, Stakeholder, keys).items()
        holders = {key: (s.name, str(s.kind)) for key, s in stakeholders}
        stored = by_key(self.session, Position, [i.record.key for i in items])
        for item in items:
            self._stakeholder(item, holders)
            if item.record.key not in stored:
                self.plan.new_positions.append(item.record)
                continue
            before, version, _ = position_as_edit(self.session, item.record.key)
            self._speaker(item, before)
            after = merge_position(before, item.record, self.options)
            fields = position_changes(before, after)
            if not fields:
                self.plan.count("positions")
                continue
            change = RecordChange("position", item.record.key, item.file, item.row, version, fields)
            self.plan.position_updates.append(Update(before, after, change))
            # The sources the change cites are looked up, or created when new, before it.
            self.plan.new_sources += [s for s in item.record.sources if s.key in after.sources]

    def _stakeholder(self, item: Incoming[PositionIn], known: dict[str, tuple[str, str]]) -> None:
        """A stakeholder is matched by its key, never rewritten: another spelling is a warning;
        another kind may be another organisation, so it needs the person's choice."""
        named = item.record.stakeholder
        if named.key not in known:
            known[named.key] = (named.name, str(named.kind))  # the first spelling is kept
            return
        name, kind = known[named.key]
        if kind != str(named.kind):
            rule = (
                f"matches the stakeholder {name!r} ({kind}): the position would go to "
                f"{name!r}, kept as {kind}. For another stakeholder give it a distinct name; "
                f"to change {name!r}, edit it on the Edit page (Stakeholders tab)"
            )
            problem = Problem(item.file, item.row, "stakeholder_kind", str(named.kind), rule)
            self.plan.conflicts.append(problem)
        elif name != named.name:
            rule = (f"matches the stakeholder {name!r}: kept as {name!r} "
                    "(rename it on the Edit page if the file is right)")  # fmt: skip
            self.plan.warnings.append(
                Problem(item.file, item.row, "stakeholder", named.name, rule, "warning")
            )

    def _speaker(self, item: Incoming[PositionIn], stored: PositionEdit) -> None:
        speaker = item.record.speaker
        if speaker and stored.speaker and speaker != stored.speaker:
            rule = f"matches the speaker {stored.speaker!r} of this position: kept as stored"
            self.plan.warnings.append(
                Problem(item.file, item.row, "speaker", speaker, rule, "warning")
            )


def _wanted_seats(
    items: list[Incoming[VoteEventIn]],
) -> tuple[dict[tuple[str, str], tuple[int, Incoming[VoteEventIn]]], list[Problem]]:
    """The seats the file gives each body (the largest number, from its first row: a body
    that grew keeps one number, and every tally fits it), and a warning for each row that
    gives fewer."""
    wanted: dict[tuple[str, str], tuple[int, Incoming[VoteEventIn]]] = {}
    for item in items:
        seats = item.record.seats
        if seats is None or "seats" not in item.given:
            continue
        place = (item.record.jurisdiction.ocd_id, item.record.body)
        if place not in wanted or seats > wanted[place][0]:
            wanted[place] = (seats, item)
    warnings = []
    for item in items:
        place = (item.record.jurisdiction.ocd_id, item.record.body)
        seats = item.record.seats
        if place in wanted and "seats" in item.given and seats is not None:
            largest, first = wanted[place]
            item.record.seats = largest  # one body, one number: what is written for each vote
            if seats < largest:
                rule = (f"row {first.row} gives {item.record.body} {largest} seats: the body "
                        f"keeps one number, the largest")  # fmt: skip
                warnings.append(Problem(item.file, item.row, "seats", str(seats), rule, "warning"))
    return wanted, warnings


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def describe_plan(plan: ImportPlan, width: int = 120) -> list[str]:
    """The plan's changes, conflicts and warnings in words, one line each (for the CLI)."""
    lines = []
    for change in plan.changes:
        where = change.file if change.row is None else f"{change.file} row {change.row}"
        version = f", version {change.version}" if change.version else ""
        lines.append(f"change {change.record_type} {change.key} ({where}{version}):")
        for f in change.fields:
            half = width // 2 - 8
            said = f.detail or f"{_clip(f.old, half)} → {_clip(f.new, half)}"
            lines += textwrap.wrap(f"{f.field}: {said}", width, initial_indent="    ",
                                   subsequent_indent="        ", break_long_words=False,
                                   break_on_hyphens=False)  # fmt: skip
    lines += [f"conflict: {problem}" for problem in plan.conflicts]
    lines += [f"warning: {problem}" for problem in plan.warnings]
    return lines


def _clip(value: str, width: int) -> str:
    """A value short enough for one line, quoted so that blanks and spaces show."""
    if not value:
        return "(blank)"
    shown = repr(value)
    return shown if len(shown) <= width else shown[: width - 1] + "…"
