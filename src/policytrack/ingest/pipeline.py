"""Whole imports: read → validate every row → refuse with all problems, or load everything
in one transaction. The bundled dataset (`data/seed/`) goes through the same path."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from policytrack.db import session_scope
from policytrack.geo import Gazetteer, load_gazetteer
from policytrack.geo.lookups import online_fallback
from policytrack.ingest import positions as position_rows
from policytrack.ingest import votes as vote_rows
from policytrack.ingest.ice_bundle import MANIFEST as BUNDLE_MANIFEST
from policytrack.ingest.ice_bundle import import_bundled_lists
from policytrack.ingest.load import Loader, LoadReport
from policytrack.ingest.official_lists import ListImport
from policytrack.ingest.problems import ImportRefused, Problem
from policytrack.ingest.tables import Table, read_table
from policytrack.models import Body, Jurisdiction, VoteEvent
from policytrack.schemas import PositionIn, SourceIn, VoteEventIn

Progress = Callable[[int, int], None]


def _require_columns(table: Table, missing: list[str]) -> None:
    if missing:
        rule = "required column missing: " + ", ".join(missing)
        raise ImportRefused([Problem(table.file, 1, "(header)", ", ".join(table.columns), rule)])


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
) -> list[VoteEventIn]:
    """Every row of a votes table as a vote, or ImportRefused listing every problem."""
    _require_columns(table, vote_rows.missing_columns(table.columns))
    votes, problems = [], []
    for row in table.rows:
        vote, row_problems = vote_rows.vote_from_row(row, gazetteer, today)
        problems += row_problems
        if vote is None:
            continue
        stored = (seats or {}).get((vote.jurisdiction.ocd_id, vote.body))
        if vote.seats is None and stored:
            problems += vote_rows.seat_problems(vote, row, stored)
        votes.append((row, vote))
    problems += _duplicate_keys([(row.file, row.number, v.key) for row, v in votes])
    if problems:
        raise ImportRefused(problems)
    return [vote for _, vote in votes]


def _duplicate_keys(keys: list[tuple[str, int, str]]) -> list[Problem]:
    counts = Counter(key for _, _, key in keys)
    return [
        Problem(file, number, "vote_key", key, "two rows describe the same vote (same key)")
        for file, number, key in keys
        if counts[key] > 1
    ]


def import_votes(
    engine: Engine, path: Path, today: dt.date | None = None, progress: Progress | None = None
) -> LoadReport:
    """Import a votes file all-or-nothing."""
    table = read_table(path)
    with session_scope(engine) as session:
        gazetteer = online_fallback(load_gazetteer(), session)  # the opt-in online geocoder
        votes = validate_votes(table, gazetteer, today or dt.date.today(), known_seats(session))
        loader = Loader(session)
        for done, vote in enumerate(votes, start=1):
            loader.vote(vote)
            if progress:
                progress(done, len(votes))
        return loader.report


def validate_sources(table: Table) -> dict[str, SourceIn]:
    """A sources table by key, or ImportRefused."""
    sources, problems = {}, []
    for row in table.rows:
        source, row_problems = position_rows.source_from_row(row)
        problems += row_problems
        if source is not None:
            sources[source.key] = source
    if problems:
        raise ImportRefused(problems)
    return sources


def validate_positions(
    table: Table, sources: dict[str, SourceIn], vote_keys: set[str]
) -> list[PositionIn]:
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
        found.append(position)
    counts = Counter(p.key for p in found)
    problems += [
        Problem(table.file, None, "(row)", key, "the same position appears twice")
        for key, n in counts.items()
        if n > 1
    ]
    if problems:
        raise ImportRefused(problems)
    return found


def import_dataset(
    engine: Engine, folder: Path, today: dt.date | None = None, progress: Progress | None = None
) -> LoadReport:
    """Load a dataset folder (`sources.csv`, `votes.csv`, `positions.csv`) in one transaction."""
    sources_path, positions_path = folder / "sources.csv", folder / "positions.csv"
    sources = validate_sources(read_table(sources_path)) if sources_path.exists() else {}
    with session_scope(engine) as session:
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
                read_table(positions_path), sources, stored | {v.key for v in votes}
            )
        return _load(session, list(sources.values()), votes, positions, progress)


def _load(
    session: Session,
    sources: list[SourceIn],
    votes: list[VoteEventIn],
    positions: list[PositionIn],
    progress: Progress | None,
) -> LoadReport:
    loader = Loader(session)
    loader.sources(sources)
    total = len(votes) + len(positions)
    by_key = {}
    for done, vote in enumerate(votes, start=1):
        by_key[vote.key] = loader.vote(vote)
        if progress:
            progress(done, total)
    session.flush()
    for done, position in enumerate(positions, start=len(votes) + 1):
        vote_record = (
            by_key.get(position.vote_key)
            or session.exec(select(VoteEvent).where(VoteEvent.key == position.vote_key)).one()
        )
        loader.position(position, vote_record)
        if progress:
            progress(done, total)
    return loader.report


@dataclass(frozen=True)
class SeedReport:
    """What loading the bundled data did: the votes dataset, then each bundled ICE list."""

    dataset: LoadReport
    lists: list[ListImport]

    def __str__(self) -> str:
        loaded = [f"{x.kind} list of {x.as_of} ({x.rows} rows)" for x in self.lists]
        fresh = [text for text, x in zip(loaded, self.lists, strict=True) if not x.already_imported]
        return f"{self.dataset}; ICE lists: {', '.join(fresh) or 'already loaded'}"


def seed(engine: Engine, seed_dir: Path, progress: Progress | None = None) -> SeedReport:
    """Load the bundled real dataset (idempotent): votes, positions and sources, then ICE's
    lists (`seed_dir/ice`, through the same loader as `import ice`), which link the votes to
    their agreements."""
    dataset = import_dataset(engine, seed_dir, progress=progress)
    lists = seed_dir / "ice"
    found = import_bundled_lists(engine, lists) if (lists / BUNDLE_MANIFEST).exists() else []
    return SeedReport(dataset, found)
