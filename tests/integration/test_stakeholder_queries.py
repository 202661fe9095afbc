"""Stakeholder queries (matrix, search, record) on the bundled real data, SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from policytrack.filters import Filters, position_conditions
from policytrack.models import Position, Stakeholder
from policytrack.queries import options, stakeholders


def _matrix(engine: Engine, filters: Filters | None = None, top: int = 100):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return stakeholders.stance_matrix(session, filters or Filters(), top=top)


def _cell(matrix: stakeholders.StanceMatrix, who: str, where: str) -> dict:  # type: ignore[type-arg]
    cells = matrix.cells
    found = cells[(cells["stakeholder"] == who) & (cells["jurisdiction"] == where)]
    assert len(found) == 1, f"no cell for {who} in {where}"
    return dict(found.iloc[0])


def test_desantis_supports_in_at_least_five_places(seeded_engine: Engine) -> None:
    cells = _matrix(seeded_engine).cells
    desantis = cells[cells["stakeholder"] == "Ron DeSantis"]
    assert len(desantis) >= 5 and set(desantis["stance"]) == {"support"}


def test_miami_cells_and_a_disputed_cell(seeded_engine: Engine) -> None:
    matrix = _matrix(seeded_engine)
    assert _cell(matrix, "Miami-Dade Democratic Hispanic Caucus", "Miami, FL")["stance"] == "oppose"
    king = _cell(matrix, "Christine King", "Miami, FL")
    assert (king["stance"], king["positions"]) == ("oppose", 2)
    police = _cell(matrix, "Key West Police Department", "Key West, FL")
    assert police["stance"] == "mixed/disputed" and police["detail"] == "mixed ×1, support ×1"


def test_top_n_caps_rows_and_counts_the_rest(seeded_engine: Engine) -> None:
    matrix = _matrix(seeded_engine, top=5)
    assert len(matrix.stakeholders) == 5 and matrix.stakeholders_total > 100
    assert matrix.stakeholders[0] == "Residents and public speakers"  # 33 positions
    assert set(matrix.cells["stakeholder"]) <= set(matrix.stakeholders)


def test_positions_follow_the_shared_filters(seeded_engine: Engine) -> None:
    texas = _matrix(seeded_engine, Filters(states=("TX",)))
    assert texas.jurisdictions and all(j.endswith(", TX") for j in texas.jurisdictions)
    assert "Ron DeSantis" not in texas.stakeholders
    nothing = _matrix(seeded_engine, Filters(states=("WY",)))
    assert nothing.stakeholders_total == 0 and nothing.cells.empty


def test_search_finds_the_aclu_quote(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        found = stakeholders.search_positions(session, Filters(), "SHAMEFUL")
    assert found.total == 1
    row = found.rows.iloc[0]
    assert (row["stakeholder"], row["speaker"], row["stance"]) == (
        "ACLU of Florida",
        "Dariel Gomez",
        "oppose",
    )
    assert row["jurisdiction"] == "Miami, FL" and "shameful day for Miami" in row["quote"]
    assert row["first_source"] is None and "Benjamin Clarke" in row["sources"][0]


@pytest.mark.parametrize(
    "text", ["%", "_", "'; DROP TABLE position; --", "' OR '1'='1", "\\", "%shameful%"]
)
def test_search_text_is_plain_text(seeded_engine: Engine, text: str) -> None:
    with Session(seeded_engine) as session:
        found = stakeholders.search_positions(session, Filters(), text)
        assert found.total == 0 and found.rows.empty
        assert session.execute(select(func.count()).select_from(Position)).scalar_one() == 188


def test_search_respects_filters_and_caps_rows(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        everything = stakeholders.search_positions(session, Filters(), "the", limit=10)
        failed = stakeholders.search_positions(session, Filters(outcomes=("failed",)), "the")
    assert len(everything.rows) == 10 and everything.total > 10
    assert set(failed.rows["outcome"]) == {"failed"}


def test_record_over_time(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        choices = stakeholders.stakeholder_choices(session)
        record = stakeholders.stakeholder_record(session, Filters(), choices["Ron DeSantis"])
        failed = stakeholders.stakeholder_record(
            session, Filters(outcomes=("failed",)), "ron-desantis"
        )
        unknown = stakeholders.stakeholder_record(session, Filters(), "nobody-at-all")
    rows = record.rows
    assert record.name == "Ron DeSantis" and record.total == len(rows) == 9
    assert list(rows["vote_date"]) == sorted(rows["vote_date"])
    assert rows.iloc[0]["jurisdiction"] == "Hialeah, FL" and set(rows["stance"]) == {"support"}
    assert list(failed.rows["jurisdiction"]) == ["Tallahassee, FL"]
    assert unknown.name is None and unknown.total == 0


def test_a_record_filtered_by_its_own_stakeholder_is_their_whole_record(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        plain = stakeholders.stakeholder_record(session, Filters(), key="ron-desantis")
        own = stakeholders.stakeholder_record(
            session, Filters(stakeholder="ron-desantis"), key="ron-desantis"
        )
        other = stakeholders.stakeholder_record(
            session, Filters(stakeholder="ron-desantis", states=("TX",)), key="ron-desantis"
        )
    assert plain.total == own.total >= 1
    assert list(own.rows["position_key"]) == list(plain.rows["position_key"])
    assert other.total == 0


def test_ties_at_the_cut_keep_the_lower_id_as_the_sidebar_does(seeded_engine: Engine) -> None:
    """The matrix shows the `top` stakeholders with most positions; among those tied at the
    cut, the ones ranked first by (positions, id), the sidebar's order."""
    with Session(seeded_engine) as session:
        counts = session.execute(
            select(Position.stakeholder_id, func.count())
            .where(Position.live.is_(True))  # type: ignore[attr-defined]
            .group_by(Position.stakeholder_id)
        ).all()
        ranked = sorted(counts, key=lambda row: (-row[1], row[0]))[:5]
        chosen = [row[0] for row in ranked]
        names = session.execute(
            select(Stakeholder.name).where(Stakeholder.id.in_(chosen))  # type: ignore[union-attr]
        ).scalars()
        expected = set(names)
    tied = [n for _, n in counts].count(ranked[-1][1])
    assert tied > 1, "the seed should have a tie at the fifth place"
    assert set(_matrix(seeded_engine, top=5).stakeholders) == expected


WALKED = [
    Filters(),
    Filters(topics=("287g_agreement",)),
    Filters(outcomes=("passed",)),
    Filters(actions=("approve",), kinds=("place",)),
    Filters(date_from=dt.date(2025, 1, 1)),
]


def _same_matrix(walked: stakeholders.StanceMatrix, counted: stakeholders.StanceMatrix) -> None:
    for part in ("stakeholders", "positions", "stakeholders_total", "jurisdictions"):
        assert getattr(walked, part) == getattr(counted, part), part
    assert walked.cells.equals(counted.cells)


@pytest.mark.parametrize("top", [1, 5, 12])
@pytest.mark.parametrize("filters", WALKED, ids=lambda f: ",".join(f.active()) or "none")
def test_ranking_from_the_busiest_down_equals_counting_everyone(
    seeded_engine: Engine, filters: Filters, top: int
) -> None:
    with Session(seeded_engine) as session:
        totals = options.position_totals(session)
        walked = stakeholders.stance_matrix(session, filters, top=top, totals=totals)
        counted = stakeholders.stance_matrix(session, filters, top=top)
    _same_matrix(walked, counted)


def test_the_walk_stops_before_the_quiet_stakeholders(seeded_engine: Engine) -> None:
    """The walk really runs on the seed (else the test above compares a pass with itself)
    and stops early: the fifth place is decided long before the last stakeholder."""
    with Session(seeded_engine) as session:
        totals = options.position_totals(session)
        conditions = position_conditions(Filters(topics=("287g_agreement",)))
        walked = stakeholders._walk_from_the_top(session, conditions, totals, 5)
    assert walked is not None
    assert 5 <= len(walked) < len(totals) / 2


def test_totals_out_of_date_fall_back_to_counting_everyone(seeded_engine: Engine) -> None:
    """Totals lower than what a stakeholder now has (edited since they were read) cannot
    bound the ranking: under a filter the matrix counts everyone instead and stays right."""
    topic = Filters(topics=("287g_agreement",))
    with Session(seeded_engine) as session:
        stale = options.position_totals(session)
        stale[:, 1] = 1
        conditions = position_conditions(topic)
        assert stakeholders._walk_from_the_top(session, conditions, stale, 5) is None
        walked = stakeholders.stance_matrix(session, topic, top=5, totals=stale)
        counted = stakeholders.stance_matrix(session, topic, top=5)
    _same_matrix(walked, counted)
