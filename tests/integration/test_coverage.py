"""The coverage worklist (issue 14 §2): agreements on ICE's current lists that no vote on
record concerns, by state, on SQLite and PostgreSQL, from the bundled data (ICE's lists of
2025-07-18 and the 35 votes, 11 of them linked to 9 agreements)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine
from sqlmodel import Session

from policytrack.auth import Editor
from policytrack.db import session_scope
from policytrack.edits.votes import retire_vote, vote_as_input
from policytrack.filters import Filters
from policytrack.ingest.official_lists import load_read_list
from policytrack.queries.coverage import (
    count_unvoted,
    coverage_by_state,
    unvoted_agreements,
    unvoted_batches,
)

from tests.integration.test_changes import newer_participating_list

ALICE = Editor("alice", "editor")
HIALEAH_VOTE = "fl-hialeah-2025-03-11"
HIALEAH = "fl:hialeah-police-department:task_force:2025-07-02"
FORT_MYERS = "fl:fort-myers-police-department:task_force:2025-05-16"  # two votes linked


def florida(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        rows = coverage_by_state(session, Filters(states=("FL",))).to_dict("records")
    [row] = rows
    return row


def test_worklist_by_state_and_its_rows(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        by_state = coverage_by_state(session)
        total = count_unvoted(session)
        rows = unvoted_agreements(session, Filters(states=("FL",)))
        batches = list(unvoted_batches(session, Filters(states=("FL",)), size=100))
        first = unvoted_agreements(session, Filters(states=("FL",)), limit=2)
    # Most agreements without a vote first; an agreement with two votes counts once.
    assert list(by_state["state"][:2]) == ["FL", "TX"]
    assert florida(seeded_engine) == {
        "state": "FL", "listed": 311, "with_vote": 7, "without_vote": 304
    }  # fmt: skip
    assert by_state["listed"].sum() == 858 and by_state["with_vote"].sum() == 9
    assert total == by_state["without_vote"].sum() == 849
    assert len(rows) == 304 and set(rows["state"]) == {"FL"}
    assert not {HIALEAH, FORT_MYERS} & set(rows["key"])
    assert list(rows["agency"]) == sorted(rows["agency"])  # by state, then agency
    assert [len(b) for b in batches] == [100, 100, 100, 4]
    assert list(first["key"]) == list(rows["key"][:2])


def test_a_retired_vote_puts_its_agreement_back_on_the_worklist(seeded_engine: Engine) -> None:
    with session_scope(seeded_engine) as session:
        _, version = vote_as_input(session, HIALEAH_VOTE)
        retire_vote(session, ALICE, HIALEAH_VOTE, version, "a duplicate")
    assert florida(seeded_engine)["without_vote"] == 305
    with Session(seeded_engine) as session:
        assert HIALEAH in set(unvoted_agreements(session, Filters(states=("FL",)))["key"])


def test_agreements_off_the_list_are_not_on_the_worklist(seeded_engine: Engine) -> None:
    with session_scope(seeded_engine) as session:
        load_read_list(session, newer_participating_list(), "a" * 64)  # Boca Raton removed
    assert florida(seeded_engine) == {
        "state": "FL", "listed": 310, "with_vote": 7, "without_vote": 303
    }  # fmt: skip
    with Session(seeded_engine) as session:
        keys = set(unvoted_agreements(session, Filters(states=("FL",)))["key"])
        # The Changes page's dates bound the days of change, not the worklist.
        dated = count_unvoted(session, Filters(states=("FL",), date_from=dt.date(2030, 1, 1)))
    assert not any("boca-raton" in key for key in keys) and dated == 303
