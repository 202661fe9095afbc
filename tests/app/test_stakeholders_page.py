"""The Stakeholders page through Streamlit's AppTest, on a real seeded database."""

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT
from policytrack.ingest.pipeline import import_dataset

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")
PAGE = "app_pages/stakeholders.py"
SEED = REPO_ROOT / "data" / "seed"
SCRIPT = "<script>alert(1)</script>"


def _app(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", engine.url.render_as_string(False))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(PAGE)
    return at


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    yield _app(seeded_engine, monkeypatch)


def matrix(at: AppTest) -> pd.DataFrame:
    """The stance matrix as a table (the one with a `positions` column)."""
    return next(d.value for d in at.dataframe if "positions" in d.value.columns)


def table_with(at: AppTest, column: str) -> pd.DataFrame | None:
    """The first table shown with `column`."""
    return next((d.value for d in at.dataframe if column in d.value.columns), None)


def markdown_like(at: AppTest) -> list[str]:
    """Everything on the page that Streamlit renders as markdown."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "expander")
    found = []
    for kind in kinds:
        for element in at.get(kind):
            found.append(str(getattr(element, "label", None) or getattr(element, "value", "")))
    return found


def test_matrix_shows_stances_as_words_and_symbols(app: AppTest) -> None:
    app.run()
    assert not app.exception
    table = matrix(app).set_index("stakeholder")
    assert table.loc["Ron DeSantis", "Miami, FL"] == "▲ support"
    assert table.loc["Christine King", "Miami, FL"] == "▼ oppose"
    assert table.loc["Residents and public speakers", "Key West, FL"].startswith(
        "✱ mixed/disputed ("
    )
    assert len(table) == 20 and app.slider(key="top").value == 20
    assert any("20 of 111 stakeholders" in c.value for c in app.caption)


def test_top_n_comes_from_the_url(app: AppTest) -> None:
    app.query_params["top"] = "5"
    app.run()
    assert len(matrix(app)) == 5


def test_shared_filters_change_the_matrix(app: AppTest) -> None:
    app.query_params["state"] = ["TX"]
    app.run()
    columns = [c for c in matrix(app).columns if c not in ("stakeholder", "positions")]
    assert columns and all(c.endswith(", TX") for c in columns)


def test_empty_state_names_the_filters(app: AppTest) -> None:
    app.query_params["outcome"] = ["Withdrawn"]  # no withdrawn measure is recorded
    app.run()
    [info] = [i.value for i in app.info]
    assert info.startswith("No stakeholder positions recorded under the filters")
    assert "outcomes" in info and "Withdrawn" in info


def test_search_from_the_url_finds_the_aclu_quote(app: AppTest) -> None:
    app.query_params["said"] = "shameful"
    app.run()
    found = table_with(app, "quote")
    assert found is not None and list(found["stakeholder"]) == ["ACLU of Florida"]
    assert found.iloc[0]["quote"].startswith("This is a shameful day for Miami")
    assert found.iloc[0]["stance"] == "▼ oppose"


@pytest.mark.parametrize("text", ["%", "'; DROP TABLE position; --"])
def test_search_text_is_plain_and_says_nothing_matched(app: AppTest, text: str) -> None:
    app.query_params["said"] = text
    app.run()
    assert not app.exception
    assert any("No quote or summary contains these words" in i.value for i in app.info)
    assert text in [t.value for t in app.text]
    app.text_input(key="said").set_value("").run()
    assert len(matrix(app)) == 20  # the database is intact


def test_record_follows_the_sidebar_stakeholder_filter(app: AppTest) -> None:
    app.query_params["stakeholder"] = "Ron DeSantis"  # the sidebar filter, by its shown name
    app.run()
    assert "Ron DeSantis" in [s.value for s in app.subheader]
    record = table_with(app, "measure")
    assert record is not None and len(record) == 9
    assert list(record["vote_date"]) == sorted(record["vote_date"])
    assert set(record["stance"]) == {"▲ support"}


def test_record_picker_and_filters(app: AppTest) -> None:
    app.query_params["record"] = "James Uthmeier"
    app.query_params["outcome"] = ["Passed"]
    app.run()
    record = table_with(app, "measure")
    assert record is not None and set(record["outcome"]) == {"Passed"}  # the label, as shown
    assert 0 < len(record) < 10  # 10 positions in all, one on a failed vote


def _hostile_dataset(folder: Path) -> Path:
    header = (SEED / "votes.csv").read_text("utf-8").splitlines()[0]
    vote = (
        "fl-miami-2025-07-01-x,FL,Miami,city,City Commission,2025-07-01,"
        '"[x](javascript:alert(1))",,other,failed,1,4,,,,'
        "https://example.org/report,medium,,287g_agreement,Miami-Dade County,"
    )
    (folder / "votes.csv").write_text(f"{header}\n{vote}\n", "utf-8")
    positions = (
        "vote_key,stakeholder,stakeholder_kind,speaker,role,stance,summary,quote,source_url,source_key\n"
        "fl-miami-2025-07-01-x,[click](javascript:alert(1)),advocacy_org,<b>Bold</b>,,oppose,"
        f'"**hostile** <img src=x onerror=alert(2)>",{SCRIPT},https://example.org/report,\n'
    )
    (folder / "positions.csv").write_text(positions, "utf-8")
    return folder


def test_outside_text_is_shown_literally(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import_dataset(seeded_engine, _hostile_dataset(tmp_path))
    at = _app(seeded_engine, monkeypatch)
    at.query_params["said"] = "hostile"
    at.query_params["record"] = "[click](javascript:alert(1))"
    at.run()
    assert not at.exception
    found = table_with(at, "quote")
    assert found is not None
    row = found.iloc[0]
    assert (row["stakeholder"], row["speaker"], row["quote"]) == (
        "[click](javascript:alert(1))", "<b>Bold</b>", SCRIPT,
    )  # fmt: skip
    assert row["summary"] == "**hostile** <img src=x onerror=alert(2)>"
    record = table_with(at, "measure")
    assert record is not None and list(record["quote"]) == [SCRIPT]
    for rendered in markdown_like(at):
        assert "<script>" not in rendered and "onerror" not in rendered
        assert "](javascript:" not in rendered


def test_a_stakeholder_beyond_the_sidebar_list_keeps_its_url_filter(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sidebar offers the most active stakeholders only; a shared link naming another
    one still filters by it (and offers it)."""
    from policytrack.queries import options

    monkeypatch.setattr(options, "STAKEHOLDER_OPTIONS", 3)
    app.query_params["stakeholder"] = "Damian Pardo"  # one position: not among the top 3
    app.run()
    assert not app.exception
    offered = app.selectbox(key="stakeholder")
    assert len(offered.options) == 4 and offered.value == "damian-pardo"
    record = table_with(app, "vote_date")
    assert record is not None and len(record) == 1
