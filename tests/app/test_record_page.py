"""The Record page through AppTest: each kind of record by its URL, unknown keys, and hostile
text from an imported file shown literally."""

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT
from policytrack.ingest.pipeline import import_votes

from tests.app.conftest import app_on

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")
PAGE = "app_pages/record.py"
HOSTILE = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"


def record_page(url: str, **params: str) -> AppTest:
    """The record page opened at `record?<params>` on the database at `url`."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(PAGE).run()


@pytest.fixture
def url(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    value = seeded_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", value)
    yield value


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_vote_record_shows_tally_roll_call_positions_and_warning(url: str) -> None:
    at = record_page(url, vote="fl-miami-2025-06-17")
    assert not at.exception
    assert at.title[0].value.startswith("Miami, FL")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Yes"], metrics["No"]) == ("3", "2")
    roll_call = at.dataframe[0].value
    assert len(roll_call) == 5 and "Joe Carollo" in set(roll_call["voter_name"])
    assert "287(g) agreement" in texts(at)
    assert any("ACLU of Florida" in t for t in texts(at))
    assert any(t.startswith("“") for t in texts(at)), "the quote is shown as text"
    assert any("sources disagree" in t for t in texts(at))
    assert len(at.warning) >= 1
    assert any("305accident.net" in m.value for m in at.markdown)
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"Download this record (JSON)", "Download this record (CSV)"} <= set(labels)
    assert "Chart (HTML)" in labels, "the tally chart's own downloads"


def test_jurisdiction_record_lists_its_votes_with_links(url: str) -> None:
    at = record_page(url, jurisdiction="ocd-division/country:us/state:fl/place:key_west")
    assert not at.exception
    assert at.title[0].value == "Key West, FL"
    votes = at.dataframe[0].value
    assert len(votes) == 3
    assert set(votes["record"]) == {
        "record?vote=fl-key-west-2025-06-30",
        "record?vote=fl-key-west-2025-07-08",
        "record?vote=fl-key-west-2025-07-08-lawsuit",
    }
    assert "ocd-division/country:us/state:fl/place:key_west" in texts(at)


def test_agreement_record_shows_its_list_source_and_history(
    url: str, seeded_engine: Engine
) -> None:
    from policytrack.ingest.official_lists import import_official_list

    from tests.conftest import require_shared

    lists = require_shared() / "data" / "ice-287g"
    import_official_list(seeded_engine, lists / "participating_2025-07-18.xlsx")
    at = record_page(url, agreement="fl:key-west-police-department:task_force:2025-03-05")
    assert not at.exception
    assert at.title[0].value == "Key West Police Department"
    assert any("participating agencies list as of 2025-07-18" in t for t in texts(at))
    assert any("ice.gov" in m.value for m in at.markdown)
    history = at.dataframe[0].value
    assert list(history["change"]) == ["Added to a list"]


@pytest.mark.parametrize(
    "params",
    [
        {"vote": "no-such-vote"},
        {"jurisdiction": "ocd-division/country:us/state:zz"},
        {"agreement": "zz:nobody"},
    ],
)
def test_unknown_key_says_there_is_no_such_record(url: str, params: dict[str, str]) -> None:
    at = record_page(url, **params)
    assert not at.exception
    assert at.title[0].value == "No such record"
    assert "There is no" in at.error[0].value
    assert next(iter(params.values())) in texts(at)


def test_no_key_explains_how_to_open_a_record(url: str) -> None:
    at = record_page(url)
    assert not at.exception
    assert "Open one from the tables" in at.info[0].value


def test_hostile_motion_text_is_shown_literally(
    url: str, seeded_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "votes.csv"
    row = {
        "vote_key": "fl-hostile-2025-01-02", "state": "FL", "jurisdiction": "Miami",
        "jurisdiction_kind": "city", "body": "City Commission", "vote_date": "2025-01-02",
        "policy": HOSTILE, "action": "approve", "outcome": "passed", "yes": "3", "no": "2",
        "sources": "https://example.org/report", "notes": HOSTILE,
    }  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    import_votes(seeded_engine, path)
    at = record_page(url, vote="fl-hostile-2025-01-02")
    assert not at.exception
    assert texts(at).count(HOSTILE) == 2  # the measure and the notes, as text
    rendered = [m.value for m in at.markdown] + [t.value for t in at.title]
    rendered += [c.value for c in at.caption] + [s.value for s in at.subheader]
    assert not any("onerror" in value or "javascript:" in value for value in rendered)


def test_key_west_agreement_lists_each_vote_with_its_action_and_each_source_once(
    with_ice_lists: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_on(with_ice_lists, monkeypatch)
    at.query_params["agreement"] = "fl:key-west-police-department:task_force:2025-03-05"
    at.switch_page(PAGE).run()
    assert not at.exception
    votes = next(d.value for d in at.dataframe if "agreement_link" in d.value.columns)
    assert sorted(zip(votes["vote_date"], votes["action"], votes["outcome"], strict=True)) == [
        ("2025-06-30", "Rescind", "Passed"),
        ("2025-07-08", "Approve", "Passed"),
    ]
    moa = "https://www.ice.gov/doclib/287gMOA/KeyWestPDFL_TFM_MOA_030425.pdf"
    assert sum(moa in m.value for m in at.markdown) == 1  # its own section, not again
    assert "Active" in texts(at) and "Participating" in texts(at)  # status and list, as words


def test_jurisdiction_votes_and_an_unreadable_signing_date_read_in_words(
    with_ice_lists: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_on(with_ice_lists, monkeypatch)
    at.query_params["jurisdiction"] = "ocd-division/country:us/state:fl/place:key_west"
    at.switch_page(PAGE).run()
    votes = at.dataframe[0].value
    assert set(votes["action"]) == {"Rescind", "Approve", "Other"}
    assert set(votes["outcome"]) == {"Passed", "Failed"}
    grundy = app_on(with_ice_lists, monkeypatch)
    grundy.query_params["agreement"] = (
        "tn:grundy-county-sheriff-office:warrant_service_officer:participating"
    )
    grundy.switch_page(PAGE).run()
    assert "not readable on ICE's list (printed “5025-07-07”)" in texts(grundy)
    assert "Active" in texts(grundy)
