"""What changed (issue 14 §2), as the Changes page, the feed and the `changes` command read
it: ICE's lists by list date and votes added or edited, on SQLite and PostgreSQL.

The newer list is ICE's bundled July list as the reader read it, changed here the ways ICE
changes its lists (synthetic, written in the test): a row gone, an agency renamed, a model
relabelled, a pending agreement signed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import Engine
from sqlmodel import Session

from policytrack.auth import Editor
from policytrack.config import REPO_ROOT
from policytrack.db import session_scope
from policytrack.edits.votes import retire_vote, save_vote, vote_as_input
from policytrack.filters import Filters
from policytrack.ingest.ice_bundle import read_bundle
from policytrack.ingest.ice_list import IceList
from policytrack.ingest.official_lists import load_read_list
from policytrack.queries.changes import change_list, change_records, list_counts, vote_counts
from policytrack.vocab import Model287g

AUGUST = dt.date(2025, 8, 1)
ALICE = Editor("alice", "editor")
MIAMI = "fl-miami-2025-06-17"


def newer_participating_list() -> IceList:
    """July's participating list as an August list: Boca Raton's police gone, Key West's
    police renamed, Colbert's sheriff's task force relabelled, Largo (pending in July) signed."""
    [july, pending] = read_bundle(REPO_ROOT / "data" / "seed" / "ice")
    rows = []
    for row in july.listed.rows:
        if row.agency == "Boca Raton Police Services Department":
            continue
        if row.agency == "Key West Police Department":
            row = replace(row, agency="City of Key West Police Services Department")
        if row.agency == "Colbert County Sheriff's Office" and row.model is Model287g.TASK_FORCE:
            row = replace(
                row, model=Model287g.JAIL_ENFORCEMENT, model_text="Jail Enforcement Model"
            )
        rows.append(row)
    [largo] = [r for r in pending.listed.rows if r.agency == "Largo Police Department"]
    rows.append(replace(largo, row=900, signed_on=dt.date(2025, 7, 30)))
    return replace(july.listed, file="participatingAgencies08012025.xlsx", as_of=AUGUST, rows=rows)


def test_changes_of_a_newer_list_and_of_votes(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        counts = {(c.list_kind, c.first_list): c.counts for c in list_counts(session)}
        before = change_list(session, first_lists=False)
    # What the first lists on record had is counted, not reported as news.
    assert counts == {("participating", True): {"added": 832}, ("pending", True): {"added": 26}}
    assert {c.change for c in before} == {"vote_added"} and len(before) == 35
    with session_scope(seeded_engine) as session:
        load_read_list(session, newer_participating_list(), "a" * 64)
    with Session(seeded_engine) as session:
        august = [c for c in change_list(session, since=AUGUST) if c.record == "agreement"]
        again = [c.id for c in change_list(session, since=AUGUST) if c.record == "agreement"]
        counts = {c.on: c.counts for c in list_counts(session, Filters(states=("FL",)))}
    said = {(c.change, c.name): c.summary for c in august}
    assert said == {
        (
            "removed",
            "Boca Raton Police Services Department",
        ): "no longer on ICE's participating list",
        ("renamed", "City of Key West Police Services Department"): (
            "agency renamed: Key West Police Department → "
            "City of Key West Police Services Department"
        ),
        ("relabelled", "Colbert County Sheriff's Office"): (
            "model changed: Task Force Model → Jail Enforcement Model"
        ),
        ("status", "Largo Police Department"): "moved from pending to active",
        ("signed", "Largo Police Department"): "signing date given: 2025-07-30",
    }
    assert all(c.on == AUGUST and not c.first_list for c in august)
    assert len(set(again)) == len(again) == 5 and again == [c.id for c in august]
    # The state filter selects the records; the counts are the list's, first list apart.
    assert counts[AUGUST] == {"removed": 1, "renamed": 1, "signed": 1, "status": 1}


def test_votes_edited_with_who_and_gone_when_retired(seeded_engine: Engine) -> None:
    with session_scope(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        save_vote(session, ALICE, item.model_copy(update={"notes": "Minutes checked."}), version)
    with Session(seeded_engine) as session:
        florida = change_list(session, Filters(states=("FL",)))
        texas = change_list(session, Filters(states=("TX",)))
    [edited] = [c for c in florida if c.change == "vote_edited"]
    assert (edited.key, edited.source, edited.summary) == (
        MIAMI,
        "update by alice",
        "vote edited (update by alice)",
    )
    assert edited.name == "Miami City Commission, vote of 2025-06-17"
    assert florida[0] == edited  # newest first
    assert not any(c.key == MIAMI for c in texas)
    with session_scope(seeded_engine) as session:
        retire_vote(session, ALICE, MIAMI, version + 1, "a duplicate")
    with Session(seeded_engine) as session:
        # A retired vote is hidden from every view, its changes too.
        assert not any(c.key == MIAMI for c in change_list(session))


def test_the_window_bounds_the_day_of_the_change(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        [added] = [c for c in change_list(session) if c.key == MIAMI]
        day = added.on
        assert [c.key for c in change_list(session, since=day + dt.timedelta(days=1))] == []
        inside = change_list(session, Filters(date_from=day, date_to=day), first_lists=False)
        july = change_list(session, until=dt.date(2025, 7, 18), votes=False)
    assert MIAMI in {c.key for c in inside}
    assert len(july) == 858 and all(c.first_list for c in july)


def test_votes_counted_and_every_change_as_a_labelled_record(seeded_engine: Engine) -> None:
    with session_scope(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        save_vote(session, ALICE, item.model_copy(update={"notes": "Minutes checked."}), version)
        load_read_list(session, newer_participating_list(), "a" * 64)
    with Session(seeded_engine) as session:
        everywhere = vote_counts(session)
        florida = vote_counts(session, Filters(states=("FL",)))
        later = vote_counts(session, since=dt.date.today() + dt.timedelta(days=1))
        records = list(change_records(session, Filters(states=("FL",)), first_lists=False))
    assert everywhere == {"vote_added": 35, "vote_edited": 1}
    assert florida["vote_edited"] == 1 and 0 < florida["vote_added"] < 35
    assert later == {"vote_added": 0, "vote_edited": 0}
    kinds = {(r["change"], r["change_label"]) for r in records}
    assert {("removed", "Removed from ICE's list"), ("vote_edited", "Vote edited")} <= kinds
    assert len(records) == 4 + florida["vote_added"] + 1  # FL: 4 list changes, the votes
    edited = next(r for r in records if r["change"] == "vote_edited")
    assert (edited["key"], edited["summary"]) == (MIAMI, "vote edited (update by alice)")
    assert all(r["state"] == "FL" and isinstance(r["on"], str) for r in records)
