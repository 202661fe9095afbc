"""The Data & about page through Streamlit's AppTest, on a real seeded database."""

import re
from collections.abc import Iterator

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")
PAGE = "app_pages/data.py"


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    url = seeded_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", url)
    yield AppTest.from_file(APP, default_timeout=60)


def open_data(at: AppTest) -> AppTest:
    return at.switch_page(PAGE).run()


def shown_votes(at: AppTest) -> pd.DataFrame:
    """The votes table (with a search, the People table comes before it)."""
    return next(d.value for d in at.dataframe if "vote_date" in d.value.columns)


def row_counts(at: AppTest) -> list[int]:
    """The `Downloads: all N votes …` captions beside the votes and agreements downloads."""
    found = [re.match(r"Downloads: all ([\d,]+) ", c.value) for c in at.caption]
    return [int(m.group(1).replace(",", "")) for m in found if m]


def test_lists_every_bundled_vote_with_tally_record_link_and_source(app: AppTest) -> None:
    open_data(app)
    assert not app.exception
    assert app.title[0].value == "Data & about"
    table = shown_votes(app)
    assert len(table) == 35
    miami = table[table["jurisdiction"] == "Miami"].iloc[0]
    assert (miami["tally"], miami["outcome"]) == ("3–2", "Passed")
    assert miami["record"] == "record?vote=fl-miami-2025-06-17"
    assert miami["first_source"].startswith("https://")


def test_state_filter_from_the_url_narrows_rows_and_downloads_count_them(app: AppTest) -> None:
    app.query_params["state"] = ["MD"]
    open_data(app)
    table = shown_votes(app)
    assert set(table["state"]) == {"MD"} and len(table) == 4
    assert app.multiselect(key="state").value == ["MD"]
    assert row_counts(app)[0] == len(table)


def test_choosing_a_state_and_dates_updates_what_is_shown(app: AppTest) -> None:
    open_data(app)
    before = len(shown_votes(app))
    app.multiselect(key="state").set_value(["TX"]).run()
    table = shown_votes(app)
    assert set(table["state"]) == {"TX"} and 0 < len(table) < before
    assert row_counts(app)[0] == len(table)


def test_filters_that_match_nothing_say_so(app: AppTest) -> None:
    app.query_params["q"] = "no measure says this"
    open_data(app)
    assert not app.exception
    assert any("No votes match these filters" in info.value for info in app.info)
    assert any(
        "No agreement matches" in info.value or "No ICE list" in info.value for info in app.info
    )


def test_empty_database_says_what_to_do(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", engine.url.render_as_string(False))
    at = open_data(AppTest.from_file(APP, default_timeout=60))
    assert not at.exception
    assert any("No votes recorded yet" in info.value for info in at.info)
    assert any("No ICE list loaded yet" in info.value for info in at.info)


def test_agreements_import_report_and_lists_of_the_bundled_data(app: AppTest) -> None:
    app.query_params["state"] = ["FL"]
    open_data(app)
    assert not app.exception
    agreements = app.dataframe[1].value
    assert len(agreements) > 0 and set(agreements["state"]) == {"FL"}
    assert row_counts(app)[:2] == [len(shown_votes(app)), len(agreements)]
    assert any("participating list 2025-07-18" in c.value for c in app.caption)
    listed = next(d.value for d in app.dataframe if "as_of_source" in d.value.columns)
    assert list(listed["kind"]) == ["Participating", "Pending"]
    assert list(listed["rows"]) == [832, 26]
    assert any("2025-07-18" in code.value for code in app.code)  # the suggested citation


def test_a_search_finds_people_and_says_where_it_matched(app: AppTest) -> None:
    """Issue 13: "Uthmeier", "ACLU", "Toussaint", "Ralph" found no vote; the table now
    names the field each vote matched in."""
    app.query_params["q"] = "Ralph"
    open_data(app)
    table = shown_votes(app)
    assert list(table["jurisdiction"]) == ["Miami"]
    assert list(table["matched_in"].iloc[0]) == ["roll call"]
    people = next(d.value for d in app.dataframe if "where" in d.value.columns)
    assert people[["page", "kind", "where"]].values.tolist() == [
        ["record?person=fl-miami-rafael-rosado", "Roll-call member", "Miami, FL"]
    ]
    app.text_input(key="q").input("Uthmeier").run()
    table = shown_votes(app)
    assert len(table) > 1 and all(list(m) == ["stakeholder"] for m in table["matched_in"])
    people = next(d.value for d in app.dataframe if "where" in d.value.columns)
    assert people[["name", "kind", "where"]].values.tolist() == [
        ["James Uthmeier", "Stakeholder", "Elected official"]
    ]


def test_without_a_search_there_is_no_matched_in_column(app: AppTest) -> None:
    open_data(app)
    assert "matched_in" not in shown_votes(app).columns
