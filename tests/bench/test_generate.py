"""The SYNTHETIC bench generator makes a database the real app reads, and marks every record.

SQLite only: bench.generate writes an embedded SQLite file with generation-only PRAGMAs
(journal_mode=OFF, synchronous=OFF) and the benchmarks target the embedded default; it is
not meant to fill PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session

from bench.generate import SYNTHETIC_PUBLISHER, generate
from policytrack import migrations
from policytrack.db import make_engine
from policytrack.derived import stale_rows
from policytrack.filters import Filters
from policytrack.queries import count_votes, stats, vote_table

pytestmark = pytest.mark.skipif(
    sqlite3.sqlite_version_info < (3, 35),
    reason="bench.generate targets SQLite (the embedded default) only; needs SQLite >= 3.35",
)

VOTES = 2_000


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    path = tmp_path_factory.mktemp("bench") / "bench.sqlite3"
    result = generate(f"sqlite:///{path}", VOTES, seed=7, log=False)
    return path, result


def scalar(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute(sql).fetchone()[0])


def test_counts_match_what_was_asked(bench_db: tuple[Path, dict[str, object]]) -> None:
    path, result = bench_db
    made = result["counts"]
    assert isinstance(made, dict)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        numbers = stats(session)
    engine.dispose()
    assert numbers["vote_events"] == VOTES
    assert numbers["positions"] == made["positions"]
    assert 2.5 * VOTES < numbers["positions"] < 3.5 * VOTES
    assert 6 * VOTES < made["members"] < 8 * VOTES
    assert numbers["jurisdictions"] == 22_193
    assert numbers["stakeholders"] == 20_000
    assert numbers["sources"] == 50_000
    assert numbers["agreements"] == sum(numbers["agreements_by_status"].values()) > 1_000


def test_the_app_reads_it_at_the_newest_schema(bench_db: tuple[Path, dict[str, object]]) -> None:
    path, _ = bench_db
    engine = make_engine(f"sqlite:///{path}")
    assert migrations.current_revision(engine) == migrations.head_revision()
    with Session(engine) as session:
        texas = count_votes(session, Filters(states=("TX",)))
        table = vote_table(session, Filters(states=("TX",)), limit=20)
    engine.dispose()
    assert 0 < texas < VOTES
    assert set(table["state"]) == {"TX"}
    assert all(table["sources"].map(len) > 0)


def test_its_derived_columns_are_what_the_app_would_write(
    bench_db: tuple[Path, dict[str, object]],
) -> None:
    """The generator bypasses the ORM, so it fills vote months and position places itself."""
    path, _ = bench_db
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert stale_rows(connection) == 0
    engine.dispose()


def test_every_vote_position_and_agreement_cites_a_source(
    bench_db: tuple[Path, dict[str, object]],
) -> None:
    path, _ = bench_db
    for table, link, column in (
        ("vote_event", "vote_event_source", "vote_event_id"),
        ("position", "position_source", "position_id"),
        ("agreement", "agreement_source", "agreement_id"),
    ):
        uncited = scalar(
            path,
            f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS "
            f"(SELECT 1 FROM {link} l WHERE l.{column} = t.id)",
        )
        assert uncited == 0, f"{uncited} {table} rows cite no source"


@pytest.mark.parametrize(
    ("table", "marked"),
    [
        (
            "source",
            "url LIKE 'https://example.invalid/synthetic/%' AND title LIKE 'SYNTHETIC%' "
            f"AND publisher = '{SYNTHETIC_PUBLISHER}'",
        ),
        ("vote_event", "key LIKE 'synthetic-%' AND motion_text LIKE 'SYNTHETIC%'"),
        ("member_vote", "voter_name LIKE 'Synthetic member %'"),
        ("position", "key LIKE 'synthetic-%' AND summary LIKE 'SYNTHETIC%'"),
        ("stakeholder", "key LIKE 'synthetic-%' AND name LIKE 'Synthetic %'"),
        ("agency", "key LIKE 'synthetic:%' AND name LIKE 'Synthetic %'"),
        ("agreement", "key LIKE 'synthetic-%' AND moa_url LIKE 'https://example.invalid/synthetic/%'"),
        ("body", "name LIKE '%(synthetic)'"),
    ],
)  # fmt: skip
def test_every_generated_record_is_marked_synthetic(
    bench_db: tuple[Path, dict[str, object]], table: str, marked: str
) -> None:
    path, _ = bench_db
    assert scalar(path, f"SELECT COUNT(*) FROM {table}") > 0
    assert scalar(path, f"SELECT COUNT(*) FROM {table} WHERE NOT ({marked})") == 0
