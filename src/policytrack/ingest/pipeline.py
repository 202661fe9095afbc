"""Whole imports: read → validate every row → refuse with all problems, or plan and load
everything in one transaction. The bundled dataset (`data/seed/`) goes through the same path.

An import that would change records that exist already says so before writing, record by
record and field by field (`plan_votes`, `plan_dataset`, or the plan an `UnconfirmedChanges`
carries), and changes them only with `ImportOptions(update=True)`; each change is audited
like an editor's save, by the signed-in editor or "import FILE". New records and records the
file leaves as they are need no choice: importing the same file twice changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from policytrack.auth import Editor
from policytrack.db import session_scope
from policytrack.geo import Gazetteer, load_gazetteer
from policytrack.geo.lookups import online_fallback
from policytrack.ingest import positions as position_rows
from policytrack.ingest import votes as vote_rows
from policytrack.ingest.changes import ImportOptions
from policytrack.ingest.ice_bundle import MANIFEST as BUNDLE_MANIFEST
from policytrack.ingest.ice_bundle import import_bundled_lists
from policytrack.ingest.load import Loader, LoadReport
from policytrack.ingest.ocd_read import shape_columns
from policytrack.ingest.official_lists import ListImport
from policytrack.ingest.plan import (
    ImportPlan,
    Incoming,
    PlanChanged,
    Planner,
    UnconfirmedChanges,
)
from policytrack.ingest.problems import ImportRefused, Problem
from policytrack.ingest.tables import Row, Table, read_table
from policytrack.models import Body, Jurisdiction, VoteEvent
from policytrack.schemas import PositionIn, SourceIn, VoteEventIn

__all__ = ["ImportOptions", "ImportPlan", "PlanChanged", "UnconfirmedChanges"]

Progress = Callable[[int, int], None]
Dataset = tuple[list[Incoming[SourceIn]], list[Incoming[VoteEventIn]], list[Incoming[PositionIn]]]


def importer(label: str) -> Editor:
    """Who the audit log names for an import nobody signed in for: "import FILE"."""
    return Editor(f"import {label}", "editor")


def _require_columns(table: Table, missing: list[str]) -> None:
    if missing:
        rule = "required column missing: " + ", ".join(missing)
        raise ImportRefused([Problem(table.file, 1, "(header)", ", ".join(table.columns), rule)])


def _with_read_problems(table: Table, problems: list[Problem]) -> list[Problem]:
    """The table's structure problems with the value problems of the same rows, in row
    order; a value problem in a column a broken structure left blank is that structure's."""
    if not table.problems:
        return problems
    covered = {(p.row, column) for p in table.problems for column in shape_columns(p.field)}
    found = [*table.problems, *(p for p in problems if (p.row, p.field) not in covered)]
    return sorted(found, key=lambda p: p.row or 0)


def known_seats(session: Session) -> dict[tuple[str, str], int]:
    """Seats of bodies already stored, by (jurisdiction OCD id, body name)."""
    statement = select(Jurisdiction.ocd_id, Body.name, Body.seats).join(
        Body, col(Body.jurisdiction_id) == col(Jurisdiction.id)
    )
    return {(ocd, name): seats for ocd, name, seats in session.exec(statement) if seats}


def validate_votes(
    table: Table,
    gazetteer: Gazetteer,
    today: dt.date,
    seats: dict[tuple[str, str], int] | None = None,
) -> list[Incoming[VoteEventIn]]:
    """Every row of a votes table as a vote, or ImportRefused listing every problem. A row
    without seats is held to the seats its body will have: the file's, else `seats` (stored)."""
    _require_columns(table, vote_rows.missing_columns(table.columns))
    found, problems = [], []
    for row in table.rows:
        vote, row_problems = vote_rows.vote_from_row(row, gazetteer, today)
        problems += row_problems
        if vote is not None:
            found.append((row, vote))
    problems += _beyond_seats(found, seats or {})
    votes = [Incoming(v, row.file, row.number, vote_rows.given_fields(row)) for row, v in found]
    problems += _duplicate_keys([(v.file, v.row or 0, v.record.key) for v in votes])
    problems = _with_read_problems(table, problems)
    if problems:
        raise ImportRefused(problems)
    return votes


def _beyond_seats(
    found: list[tuple[Row, VoteEventIn]], stored: dict[tuple[str, str], int]
) -> list[Problem]:
    """Rows without seats that count more votes than their body will have seats: the most
    the file gives it, else those stored."""
    bodies = dict(stored)
    given = [((v.jurisdiction.ocd_id, v.body), v.seats) for _, v in found if v.seats is not None]
    for place, seats in sorted(given, key=lambda pair: pair[1]):
        bodies[place] = seats  # the largest the file gives wins (so does planning)
    problems = []
    for row, vote in found:
        limit = bodies.get((vote.jurisdiction.ocd_id, vote.body))
        if vote.seats is None and limit:
            problems += vote_rows.seat_problems(vote, row, limit)
    return problems


def _duplicate_keys(keys: list[tuple[str, int, str]]) -> list[Problem]:
    counts = Counter(key for _, _, key in keys)
    return [
        Problem(file, number, "vote_key", key, "two rows describe the same vote (same key)")
        for file, number, key in keys
        if counts[key] > 1
    ]


def _write(
    session: Session,
    plan: ImportPlan,
    options: ImportOptions,
    who: Editor,
    expected: str | None,
    progress: Progress | None,
) -> LoadReport:
    """Write `plan` if the person chose what it needs (and it is the plan they previewed)."""
    if expected is not None and plan.fingerprint() != expected:
        raise PlanChanged(
            "the records changed since the preview (another editor or import): "
            "review the changes again"
        )
    if plan.needs_choice and not options.update:
        raise UnconfirmedChanges(plan)
    return Loader(session).apply(plan, who, progress)


def plan_votes(
    engine: Engine, path: Path, options: ImportOptions | None = None, today: dt.date | None = None
) -> ImportPlan:
    """What importing a votes file would do (nothing is written); ImportRefused if invalid."""
    table = read_table(path)
    with Session(engine) as session:
        votes = validate_votes(table, load_gazetteer(), today or dt.date.today(),
                               known_seats(session))  # fmt: skip
        return Planner(session, options or ImportOptions(), path.name).build([], votes, [])


def import_votes(
    engine: Engine,
    path: Path,
    today: dt.date | None = None,
    progress: Progress | None = None,
    *,
    options: ImportOptions | None = None,
    by: Editor | None = None,
    expected: str | None = None,
) -> LoadReport:
    """Import a votes file all-or-nothing. Changes to existing records need
    `options.update` (else UnconfirmedChanges); `expected` is the fingerprint of the plan a
    person confirmed (PlanChanged if planning again differs); `by` is who the audit names."""
    options = options or ImportOptions()
    table = read_table(path)
    with session_scope(engine) as session:
        gazetteer = online_fallback(load_gazetteer(), session)  # the opt-in online geocoder
        votes = validate_votes(table, gazetteer, today or dt.date.today(), known_seats(session))
        plan = Planner(session, options, path.name).build([], votes, [])
        return _write(session, plan, options, by or importer(path.name), expected, progress)


def validate_sources(table: Table) -> dict[str, Incoming[SourceIn]]:
    """A sources table by key, or ImportRefused."""
    sources, problems = {}, []
    for row in table.rows:
        source, row_problems = position_rows.source_from_row(row)
        problems += row_problems
        if source is not None:
            sources[source.key] = Incoming(source, row.file, row.number)
    problems = _with_read_problems(table, problems)
    if problems:
        raise ImportRefused(problems)
    return sources


def validate_positions(
    table: Table, sources: dict[str, SourceIn], vote_keys: set[str]
) -> list[Incoming[PositionIn]]:
    """Every row of a positions table as a position on a known vote, or ImportRefused."""
    _require_columns(table, [c for c in position_rows.REQUIRED_COLUMNS if c not in table.columns])
    found, problems = [], []
    for row in table.rows:
        position, row_problems = position_rows.position_from_row(row, sources)
        problems += row_problems
        if position is None:
            continue
        if position.vote_key not in vote_keys:
            rule = "no vote with this key in the file or the database"
            problems.append(Problem(row.file, row.number, "vote_key", position.vote_key, rule))
        found.append(Incoming(position, row.file, row.number))
    counts = Counter(p.record.key for p in found)
    problems += [
        Problem(table.file, None, "(row)", key, "the same position appears twice")
        for key, n in counts.items()
        if n > 1
    ]
    problems = _with_read_problems(table, problems)
    if problems:
        raise ImportRefused(problems)
    return found


def _dataset(session: Session, folder: Path, today: dt.date | None) -> Dataset:
    """A dataset folder's sources, votes and positions, validated (ImportRefused if not)."""
    sources_path, positions_path = folder / "sources.csv", folder / "positions.csv"
    sources = validate_sources(read_table(sources_path)) if sources_path.exists() else {}
    votes = validate_votes(
        read_table(folder / "votes.csv"),
        online_fallback(load_gazetteer(), session),  # the opt-in online geocoder
        today or dt.date.today(),
        known_seats(session),
    )
    positions = []
    if positions_path.exists():
        stored = set(session.exec(select(VoteEvent.key)))
        positions = validate_positions(
            read_table(positions_path),
            {key: item.record for key, item in sources.items()},
            stored | {v.record.key for v in votes},
        )
    return list(sources.values()), votes, positions


def plan_dataset(
    engine: Engine,
    folder: Path,
    options: ImportOptions | None = None,
    today: dt.date | None = None,
) -> ImportPlan:
    """What importing a dataset folder would do (nothing is written)."""
    with Session(engine) as session:
        dataset = _dataset(session, folder, today)
        return Planner(session, options or ImportOptions(), folder.name).build(*dataset)


def import_dataset(
    engine: Engine,
    folder: Path,
    today: dt.date | None = None,
    progress: Progress | None = None,
    *,
    options: ImportOptions | None = None,
    by: Editor | None = None,
    expected: str | None = None,
) -> LoadReport:
    """Load a dataset folder (`sources.csv`, `votes.csv`, `positions.csv`) in one
    transaction; changes to existing records as `import_votes`."""
    options = options or ImportOptions()
    with session_scope(engine) as session:
        dataset = _dataset(session, folder, today)
        plan = Planner(session, options, folder.name).build(*dataset)
        return _write(session, plan, options, by or importer(folder.name), expected, progress)


@dataclass(frozen=True)
class SeedReport:
    """What loading the bundled data did: the votes dataset, then each bundled ICE list."""

    dataset: LoadReport
    lists: list[ListImport]

    @property
    def plan(self) -> ImportPlan | None:
        """The dataset's plan (what it created and changed)."""
        return self.dataset.plan

    def __str__(self) -> str:
        loaded = [f"{x.kind} list of {x.as_of} ({x.rows} rows)" for x in self.lists]
        fresh = [text for text, x in zip(loaded, self.lists, strict=True) if not x.already_imported]
        return f"{self.dataset}; ICE lists: {', '.join(fresh) or 'already loaded'}"


def seed(
    engine: Engine,
    seed_dir: Path,
    progress: Progress | None = None,
    options: ImportOptions | None = None,
) -> SeedReport:
    """Load the bundled real dataset (idempotent; records edited since need `update`):
    votes, positions and sources, then ICE's lists (`seed_dir/ice`, through the same loader
    as `import ice`), which link the votes to their agreements."""
    dataset = import_dataset(engine, seed_dir, progress=progress, options=options)
    lists = seed_dir / "ice"
    found = import_bundled_lists(engine, lists) if (lists / BUNDLE_MANIFEST).exists() else []
    return SeedReport(dataset, found)
