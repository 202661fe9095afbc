"""The Changes page through AppTest on SQLite (its queries are tested on both databases in
tests/integration/test_changes.py and test_coverage.py): filters by state, the empty states,
what the downloads say they hold, record links; and the record page's "add one" for editors.

The pair of lists: ICE's participating and pending lists of 2025-07-18 (from ../shared),
then that participating list as an August list, changed here the ways ICE changes its lists
(synthetic, written in this test): Boca Raton's police gone, Key West's police renamed."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.db import session_scope
from policytrack.ingest.ice_list import IceList, read_ice_list
from policytrack.ingest.official_lists import load_read_list

from tests.app.conftest import EDIT, add_editor, app_on, sign_in
from tests.conftest import require_shared

PAGE = "app_pages/changes.py"
AUGUST = dt.date(2025, 8, 1)
KEY_WEST = "fl:key-west-police-department:task_force:2025-03-05"
BOCA_RATON = "fl:boca-raton-police-services-department:task_force:2025-03-25"
ADD_ONE = "No vote found yet — add one"


def august_list() -> IceList:
    july = read_ice_list(require_shared() / "data" / "ice-287g" / "participating_2025-07-18.xlsx")
    rows = []
    for row in july.rows:
        if row.agency == "Boca Raton Police Services Department":
            continue
        if row.agency == "Key West Police Department":
            row = replace(row, agency="City of Key West Police Services Department")
        rows.append(row)
    return replace(july, file="participatingAgencies08012025.xlsx", as_of=AUGUST, rows=rows)


@pytest.fixture
def two_lists(with_ice_lists: Engine) -> Engine:
    with session_scope(with_ice_lists) as session:
        load_read_list(session, august_list(), hashlib.sha256(b"august").hexdigest())
    return with_ice_lists


def changes_page(engine: Engine, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    at = app_on(engine, monkeypatch)
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def table(at: AppTest, column: str) -> list[dict[str, object]]:
    """The one table shown with this column."""
    [found] = [d.value for d in at.dataframe if column in d.value.columns]
    return found.to_dict("records")  # type: ignore[no-any-return]


def change_rows(at: AppTest) -> list[dict[str, object]]:
    return table(at, "summary")


def download_counts(at: AppTest) -> dict[str, int]:
    """`Downloads: all N changes …` / `… N agreements with no vote on record …`, by noun."""
    found = {}
    for caption in at.caption:
        match = re.match(r"Downloads: all ([\d,]+) (changes|agreements)", caption.value)
        if match:
            found[match.group(2)] = int(match.group(1).replace(",", ""))
    return found


def test_state_filter_selects_ice_changes_and_votes_each_linking_to_its_record(
    two_lists: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = changes_page(two_lists, monkeypatch, state="FL")
    rows = change_rows(at)
    agreements = {(r["change"], r["record"]) for r in rows if r["on"] == AUGUST}
    assert agreements == {
        ("Removed from ICE's list", f"record?agreement={BOCA_RATON.replace(':', '%3A')}"),
        ("Agency renamed", f"record?agreement={KEY_WEST.replace(':', '%3A')}"),
    }
    votes = [r for r in rows if r["change"] == "Vote added"]
    assert votes and all(str(r["record"]).startswith("record?vote=fl-") for r in votes)
    assert {r["state"] for r in rows} == {"FL"}
    assert download_counts(at)["changes"] == len(rows) == 2 + len(votes)
    # Counts per list: the August list's, the first lists apart.
    counts = {(r["list_date"], r["list_kind"]): r for r in table(at, "list_date")}
    august = counts[(AUGUST, "Participating")]
    assert (august["Removed from ICE's list"], august["Agency renamed"]) == (1, 1)
    assert not any("Only one ICE list" in i.value for i in at.info)

    texas = changes_page(two_lists, monkeypatch, state="TX")
    assert {r["state"] for r in change_rows(texas)} <= {"TX"}
    assert not any(r["on"] == AUGUST for r in change_rows(texas))


def test_the_worklist_by_state_with_its_download_count(
    two_lists: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = changes_page(two_lists, monkeypatch, state="FL")
    [florida] = table(at, "without_vote")
    # July's 311 Florida agreements, Boca Raton gone; 7 have a vote on record.
    assert florida == {"state": "FL", "listed": 310, "with_vote": 7, "without_vote": 303}
    rows = table(at, "agency")
    assert len(rows) == 303 and {r["state"] for r in rows} == {"FL"}
    assert all(str(r["record"]).startswith("record?agreement=fl%3A") for r in rows)
    assert f"record?agreement={KEY_WEST.replace(':', '%3A')}" not in {r["record"] for r in rows}
    pending = [r for r in rows if r["status"] == "Pending"]
    assert pending and {r["signed_on"] for r in pending} == {""}, "no signing date: blank"
    assert download_counts(at)["agreements"] == 303
    assert any(c.value == "Downloads: these counts by state" for c in at.caption)
    assert at.metric[-1].value == "303"


def test_one_list_of_each_kind_says_so_and_how_to_import_another(
    with_ice_lists: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = changes_page(with_ice_lists, monkeypatch)
    [info] = [i.value for i in at.info if "Only one ICE list" in i.value]
    assert "participating list of 2025-07-18" in info and "policytrack import ice" in info
    # What the first lists had is counted, not listed as news; the toggle lists it.
    assert {r["change"] for r in change_rows(at)} == {"Vote added"}
    every = changes_page(with_ice_lists, monkeypatch, first="true")
    assert download_counts(every)["changes"] == download_counts(at)["changes"] + 858


def test_no_list_and_filters_matching_nothing_say_what_to_do(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = changes_page(seeded_sqlite, monkeypatch, q="no measure says this")
    infos = [i.value for i in at.info]
    assert any("No ICE list loaded yet" in i and "policytrack sync ice" in i for i in infos)
    assert any(i.startswith("No change matches these filters") for i in infos)
    assert not at.get("download_button")


def page_links(at: AppTest) -> dict[str, str]:
    """Page links shown: label → page."""
    return {p.proto.label: p.proto.page for p in at.get("page_link")}


def test_an_agreement_without_a_vote_offers_editors_to_add_one(
    with_ice_lists: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_editor(with_ice_lists)
    at = app_on(with_ice_lists, monkeypatch)
    at.query_params["agreement"] = BOCA_RATON
    at.switch_page("app_pages/record.py").run()
    assert ADD_ONE not in page_links(at)  # a viewer is not offered it
    sign_in(at.switch_page(EDIT).run())
    at.query_params["agreement"] = BOCA_RATON
    at.switch_page("app_pages/record.py").run()
    assert page_links(at)[ADD_ONE] == "edit"
    at.query_params.clear()
    at.query_params["agreement"] = KEY_WEST  # a vote is on record: no prompt
    at.switch_page("app_pages/record.py").run()
    assert ADD_ONE not in page_links(at)
