"""How SQLite plans the dashboard's queries at 1M votes, checked without a 3 GB database.

An empty migrated database is given the planner statistics recorded from the 1M-vote
SYNTHETIC bench database (tests/data/sqlite_stat1_1m.csv, written by `python -m
bench.planner_stats`); SQLite then plans as it would at that size. Every statement the
query functions run is captured and explained:
- counting and grouping statements read votes and positions from covering indexes only
  (a row read per vote or position is what made pages take seconds: a narrow index lured
  the stance matrix into reading 3M rows under a topic filter, 8 s);
- no statement scans the vote or position table, whatever the filter.
SQLite only: PostgreSQL plans from its own statistics (checked by hand, see bench/results).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from policytrack import migrations, vote_search
from policytrack.db import make_engine
from policytrack.filters import Filters, position_conditions
from policytrack.queries import changes, map_votes, maps, records, stakeholders, timeline

STATS = Path(__file__).resolve().parents[1] / "data" / "sqlite_stat1_1m.csv"
BROAD = {
    "none": Filters(),
    "state": Filters(states=("TX",)),
    "topic": Filters(topics=("ice_cooperation",)),
    "action": Filters(actions=("reject",)),
    "outcome": Filters(outcomes=("failed",)),
    "model": Filters(models=("task_force",)),
    "kind": Filters(kinds=("county",)),
    "from": Filters(date_from=dt.date(2017, 7, 1)),
    "to": Filters(date_to=dt.date(2019, 7, 1)),
    "topic+from": Filters(topics=("287g_agreement",), date_from=dt.date(2020, 1, 1)),
}
NARROW = {
    "stakeholder": Filters(stakeholder="synthetic-stakeholder-00001"),
    "search": Filters(search="Jonesville"),
}
SOME = [1, 2, 3]  # ids: an empty database returns early, so the later steps run on these
TOTALS = np.array([[1, 300], [2, 200], [3, 100]], dtype=np.int64)  # (stakeholder, positions)
QUERIES: dict[str, Callable[[Session, Filters], Any]] = {
    "map votes": lambda s, f: map_votes.summary(s, f, limit=0),
    "marker outcomes": lambda s, f: map_votes.latest_outcomes(
        s, f, None, pd.DataFrame({"jurisdiction_id": SOME})
    ),
    "map votes in a state": lambda s, f: map_votes.summary(s, f, state="TX", limit=0),
    "map votes in halves": lambda s, f: map_votes.summary(s, f, limit=0, split=5000),
    "map agreements": lambda s, f: maps.agreement_numbers(s, f),
    "stance matrix": lambda s, f: stakeholders.stance_matrix(s, f),
    # The matrix's later steps (its places and cells), which an empty database never reaches.
    "matrix places": lambda s, f: stakeholders._top_jurisdictions(s, position_conditions(f), SOME),
    "matrix cells": lambda s, f: stakeholders._cells(s, position_conditions(f), SOME, SOME),
    # Ranking from the busiest down: a count per chunk of stakeholders, and a probe per
    # stakeholder for how many have any position.
    "matrix walk": lambda s, f: stakeholders._count_chunk(s, position_conditions(f), TOTALS, {}),
    "stakeholders with any": lambda s, f: stakeholders._stakeholders_with_any(
        s, position_conditions(f)
    ),
    "timeline votes": lambda s, f: timeline.vote_months(s, f),
    "timeline by state": lambda s, f: timeline.votes_by_month(s, f, by="state"),
    "timeline by model": lambda s, f: timeline.votes_by_month(s, f, by="model"),
    "vote count": lambda s, f: records.count_votes(s, f),
}
BIG = ("vote_event", "position")
# A plan line on the vote or position table (or an alias: position_1) that reads rows. The
# space (or end) after the name stops the name's end from backtracking into the lookahead.
ROW_READ = re.compile(
    r"^(SCAN|SEARCH) (vote_event|position)\w*(?: |$)(?!USING (COVERING INDEX|INTEGER))"
)
FULL_SCAN = re.compile(r"^SCAN (vote_event|position)\w*\b(?! VIRTUAL)")


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An empty migrated SQLite database whose planner statistics are the 1M bench's."""
    path = tmp_path_factory.mktemp("plans") / "plans.sqlite3"
    url = f"sqlite:///{path}"
    migrations.upgrade(url)
    with STATS.open(encoding="utf-8") as handle:
        rows = [(r["tbl"], r["idx"], r["stat"]) for r in csv.DictReader(handle)]
    with sqlite3.connect(path) as connection:
        connection.execute("ANALYZE")  # creates sqlite_stat1
        connection.execute("DELETE FROM sqlite_stat1")
        connection.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", rows)
    engine = make_engine(url)  # new connections load the statistics
    yield engine
    engine.dispose()


def test_the_statistics_cover_every_index(planned: Engine) -> None:
    with planned.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        marks = ",".join("?" for _ in BIG)
        indexes = {
            name
            for (name,) in raw.execute(
                f"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks})"
                " AND sql IS NOT NULL",
                BIG,
            )
        }
        known = {idx for (idx,) in raw.execute("SELECT idx FROM sqlite_stat1")}
    missing = sorted(indexes - known)
    assert not missing, (
        f"{STATS.name} has no statistics for {missing}: run `python -m bench.generate` and "
        "`python -m bench.planner_stats --db var/bench-1m.sqlite3`"
    )


def _plans(engine: Engine, query: Callable[[Session, Filters], Any], filters: Filters) -> Any:
    """(statement, plan lines) for every SELECT the query runs."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with Session(engine) as session:
            query(session, filters)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert seen, "the query ran no SELECT: there is no plan to check"
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        for statement, parameters in seen:
            lines = [r[3] for r in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)]
            yield statement, lines


def _aggregates(statement: str) -> bool:
    return "GROUP BY" in statement or "count(" in statement


# The marker outcomes read the newest vote of each place shown: no count, nothing to cover.
COUNTING = [name for name in QUERIES if name != "marker outcomes"]


@pytest.mark.parametrize("query", COUNTING)
@pytest.mark.parametrize("case", BROAD)
def test_counts_read_covering_indexes_only(planned: Engine, query: str, case: str) -> None:
    counted = 0
    for statement, lines in _plans(planned, QUERIES[query], BROAD[case]):
        if not _aggregates(statement):
            continue
        counted += 1
        reads = [line for line in lines if ROW_READ.match(line)]
        assert not reads, f"{query} ({case}) reads rows: {reads}\n{statement}"
    assert counted, f"{query} ({case}) ran no counting statement: this case checks nothing"


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("case", [*BROAD, *NARROW])
def test_nothing_scans_the_big_tables(planned: Engine, query: str, case: str) -> None:
    filters = {**BROAD, **NARROW}[case]
    for statement, lines in _plans(planned, QUERIES[query], filters):
        scans = [line for line in lines if FULL_SCAN.match(line)]
        assert not scans, f"{query} ({case}) scans: {scans}\n{statement}"


SHOWN = tuple(range(1000, 1500))  # the votes a table shows


@pytest.mark.parametrize("text", ["Jonesville", "county sheriff", "Synthetic member 9"])
def test_matched_in_starts_from_the_votes_shown(planned: Engine, text: str) -> None:
    """ "Matched in" asks each field about the 500 votes shown: started from the index's
    matches instead, one common word's 50,000 sources were each checked against 500 votes
    (9 s at 100k votes)."""
    for field, selects in vote_search.field_votes(text, SHOWN).items():
        for select in selects:
            statement = select.distinct().compile(planned, compile_kwargs={"literal_binds": True})
            with planned.connect() as connection:
                raw = connection.connection.dbapi_connection
                assert raw is not None
                lines = [r[3] for r in raw.execute(f"EXPLAIN QUERY PLAN {statement}")]
            by_vote = re.match(r"SEARCH \w+ USING .*\((vote_event_id|rowid)=\?\)", lines[0])
            assert by_vote, f"{field} ({text}) starts elsewhere: {lines}"


@pytest.mark.parametrize("case", ["none", "topic", "from"])
def test_the_votes_added_are_read_newest_first_from_an_index(planned: Engine, case: str) -> None:
    """The Changes page and the Atom feed list the votes added most recently: read in order
    from (retired, created_at) until the page is full, not every live vote sorted (migration
    0019; at 1M votes the sort read every vote)."""
    newest = lambda s, f: changes.change_list(s, f, limit=50)  # noqa: E731
    added = [
        lines
        for statement, lines in _plans(planned, newest, BROAD[case])
        if "ORDER BY vote_event.created_at DESC" in statement
    ]
    assert added, "the votes added were not read: this case checks nothing"
    for lines in added:
        assert any("ix_vote_event_live_created" in line for line in lines), lines
        assert not any("TEMP B-TREE FOR ORDER BY" in line for line in lines), lines
