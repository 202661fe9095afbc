"""The Timeline page through Streamlit's AppTest, on a real seeded database."""

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT

from tests.app.conftest import app_on

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")
PAGE = "app_pages/timeline.py"


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    url = seeded_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(PAGE)
    yield at


def charts(at: AppTest) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def trace_names(spec: dict) -> set[str]:  # type: ignore[type-arg]
    return {trace["name"] for trace in spec["data"]}


def table(at: AppTest, first_column: str):  # type: ignore[no-untyped-def]
    return next(df.value for df in at.dataframe if df.value.columns[0] == first_column)


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_page_draws_every_chart_with_marks_and_tables(app: AppTest) -> None:
    app.run()
    assert not app.exception
    specs = charts(app)
    # Votes by month, agreements by month, cumulative adoption, votes passed, the map.
    assert len(specs) == 5
    assert trace_names(specs[0]) == {"Passed", "Failed", "Deferred"}
    assert trace_names(specs[3]) == {"Approve", "Reject", "Rescind", "Other"}
    marks = {a["text"] for a in specs[0]["layout"]["annotations"]}
    assert {"GA law vote", "MD law vote", "FL exec. order"} <= marks
    votes = table(app, "Month")
    assert votes["Total"].sum() == 33
    assert "2 undated votes not shown" in captions(app)
    assert any(m.value.startswith("**33 dated votes from May 2015") for m in app.markdown)
    # The adoption curve says that ICE's list omits ended agreements.
    assert "ICE's list leaves out agreements that ended" in captions(app)


def test_without_an_ice_list_the_page_says_how_to_load_one(
    votes_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", votes_engine.url.render_as_string(False))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(PAGE).run()
    assert not at.exception
    assert len(charts(at)) == 2  # votes by month and votes passed
    assert any("import ICE's lists" in info.value for info in at.info)


def test_breakdown_and_month_come_from_the_url(app: AppTest) -> None:
    app.query_params["by"] = "State"
    app.query_params["layer"] = "Votes held"
    app.query_params["month"] = "Mar 2025"
    app.run()
    assert not app.exception
    assert app.get("segmented_control")[0].value == "State"  # type: ignore[union-attr]
    assert app.select_slider(key="month").value == "Mar 2025"
    assert "FL" in trace_names(charts(app)[0])
    shaded = table(app, "State")
    # Up to the end of March 2025: FL 6, CA 2, and one each in GA, NC, OH, OK, VA.
    assert dict(zip(shaded["State"], shaded["Votes to date"], strict=True))["FL"] == 6
    assert shaded["Votes to date"].sum() == 13
    assert "up to the end of Mar 2025" in captions(app)


def test_moving_the_slider_changes_the_map(app: AppTest) -> None:
    app.query_params["layer"] = "Votes held"
    app.run()
    latest = table(app, "State")["Votes to date"].sum()
    assert latest == 33
    app.select_slider(key="month").set_value("Dec 2020").run()
    assert table(app, "State")["Votes to date"].sum() == 4  # CA 2015 ×2, OK and VA 2020


def test_a_filter_changes_the_numbers(app: AppTest) -> None:
    app.query_params["state"] = ["MD"]
    app.run()
    assert not app.exception
    assert table(app, "Month")["Total"].sum() == 4
    assert trace_names(charts(app)[0]) == {"Passed"}
    marks = {a["text"] for a in charts(app)[0]["layout"]["annotations"]}
    assert "GA law vote" not in marks and "MD law vote" in marks


def test_empty_state_names_the_filters(app: AppTest) -> None:
    app.query_params["state"] = ["MD"]
    app.query_params["outcome"] = ["Failed"]
    app.run()
    assert not app.exception
    # Messages render markdown: the filter text arrives escaped; read it as shown.
    messages = [info.value.replace("\\", "") for info in app.info]
    assert len(messages) == 2  # no dated vote, no passed vote
    for message in messages:
        assert "match these filters" in message
        assert "states: MD" in message and "Failed" in message
    # Maryland's agreements are still drawn (an outcome describes votes); no vote chart is.
    names = [{trace.get("name") for trace in spec["data"]} for spec in charts(app)]
    assert names and all(not found & {"Passed", "Failed", "Approve"} for found in names)


def test_empty_database_says_what_to_load(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", engine.url.render_as_string(False))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    assert any("policytrack seed" in info.value for info in at.info)


def test_running_totals_table_and_csv_match_the_hand_count(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Florida's passed votes (votes.csv): 2025-03 five approvals, 2025-04 two more, 2025-06
    Miami approves and Key West rescinds, 2025-07 Key West approves, 2025-08 Orange County."""
    at = app_on(seeded_sqlite, monkeypatch)
    at.query_params["state"] = ["FL"]
    at.switch_page(PAGE).run()
    columns = ["Month", "Approve", "Rescind", "Total"]
    # The downloads beside it are made from this very frame (components/downloads.py).
    passed = next(df.value for df in at.dataframe if list(df.value.columns) == columns)
    assert passed.values.tolist() == [
        ["2025-03", 5, 0, 5], ["2025-04", 7, 0, 7], ["2025-06", 8, 1, 9],
        ["2025-07", 9, 1, 10], ["2025-08", 10, 1, 11],
    ]  # fmt: skip
