"""Every shared filter at once, on every page's main queries: nothing breaks, the search is
plain text, and a combination that matches nothing gives empty results (not errors)."""

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from policytrack.filters import Filters
from policytrack.models import Position, Stakeholder
from policytrack.queries import compare, maps, records, stakeholders, timeline

EVERYTHING = Filters(
    states=("FL",),
    topics=("287g_agreement",),
    actions=("approve",),
    outcomes=("passed",),
    models=("task_force",),
    kinds=("place",),
    date_from=dt.date(2025, 1, 1),
    date_to=dt.date(2025, 12, 31),
    stakeholder="ron-desantis",
    search="Miami",
)
HOSTILE = ["%", "a_b_c_d", "'; DROP TABLE vote_event; --", '" OR 1=1 --', "SELECT * FROM source"]


def run_all(session: Session, filters: Filters) -> dict[str, object]:
    options = compare.jurisdiction_options(session)
    return {
        "count": records.count_votes(session, filters),
        "table": len(records.vote_table(session, filters, limit=50)),
        "headline": maps.headline(session, filters).votes,
        "states": len(maps.state_summary(session, filters)),
        "by_month": len(timeline.votes_by_month(session, filters, "outcome")),
        "matrix": stakeholders.stance_matrix(session, filters) is not None,
        "compare": compare.comparison(session, filters, ocd_ids=tuple(options.values())[:3])
        is not None,
    }


def test_all_filters_together(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        result = run_all(session, EVERYTHING)
    # Miami's 2025-06-17 vote, and Key West's of 2025-07-08 whose notes name South Miami:
    # FL, 287(g), approve, passed, Task Force, a city, 2025, DeSantis took a side.
    assert result["count"] == result["table"] == 2


@pytest.mark.parametrize("text", HOSTILE)
def test_search_takes_sql_and_wildcards_as_plain_text(seeded_engine: Engine, text: str) -> None:
    with Session(seeded_engine) as session:
        result = run_all(session, Filters(search=text))
        assert result["count"] == 0 and result["table"] == 0
        assert records.count_votes(session, Filters()) == 35  # the table is still there


def test_the_stakeholder_filter_counts_only_positions_still_held(seeded_engine: Engine) -> None:
    """A retired position no longer puts its vote under that stakeholder."""
    desantis = Filters(stakeholder="ron-desantis")
    with Session(seeded_engine) as session:
        before = records.count_votes(session, desantis)
        position = session.exec(
            select(Position)
            .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
            .where(Stakeholder.key == "ron-desantis", col(Position.vote_event_id).is_not(None))
        ).first()
        assert before >= 1 and position is not None
        held = session.exec(
            select(Position).where(
                Position.stakeholder_id == position.stakeholder_id,
                Position.vote_event_id == position.vote_event_id,
            )
        ).all()
        for each in held:
            each.retired = True
            session.add(each)
        session.commit()
        assert records.count_votes(session, desantis) == before - 1


def test_a_link_value_no_filter_could_read_selects_nothing_anywhere(seeded_engine: Engine) -> None:
    """`?from=notadate`: the filters carry it as unmatched, and every query returns nothing
    rather than everything (votes, agreements, positions, timeline, stance matrix)."""
    unread = Filters(unmatched=("from “notadate”",))
    with Session(seeded_engine) as session:
        result = run_all(session, unread)
        assert result["count"] == result["table"] == result["headline"] == 0
        assert result["states"] == result["by_month"] == 0
        assert timeline.agreement_summary(session, unread).agreements == 0
        assert stakeholders.stance_matrix(session, unread).stakeholders_total == 0
        assert records.count_votes(session, Filters()) == 35
