"""The Map page through Streamlit's AppTest, on a real database holding the bundled votes and
ICE's July 2025 participating list."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT

from tests.app.conftest import app_on

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    # ICE's lists of 2025-07-18 are in `seeded_engine` already (from the bundle, which is what
    # importing ICE's spreadsheet makes: tests/integration/test_ice_bundle.py)
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", seeded_engine.url.render_as_string(False))
    yield AppTest.from_file(APP, default_timeout=60)


def metric(at: AppTest, label: str) -> str:
    return next(str(m.value) for m in at.metric if m.label == label)


def map_traces(at: AppTest) -> list[dict[str, Any]]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return list(spec["data"])


def choropleth(at: AppTest) -> dict[str, Any]:
    return next(t for t in map_traces(at) if t["type"] == "choropleth")


def test_national_map_shades_every_state_and_marks_voting_places(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert metric(app, "Votes tracked") == "35"
    assert metric(app, "Passed / failed / deferred") == "29 / 4 / 2"
    assert metric(app, "Active agreements") == "832"
    states = choropleth(app)
    assert states["locationmode"] == "USA-states" and len(states["locations"]) == 51
    florida = states["text"][states["locations"].index("FL")]
    assert "Florida" in florida and "309 active agreements" in florida
    markers = [t for t in map_traces(app) if t["type"] == "scattergeo"]
    assert {t["name"] for t in markers} == {
        "Passed (latest decision)",
        "Failed (latest decision)",
        "Deferred (latest decision)",
    }
    assert len({t["marker"]["symbol"] for t in markers}) == 3  # shapes differ, not only colour
    assert any(s.value == "By state" for s in app.subheader)


def test_url_restores_the_drilled_agreements_view(app: AppTest) -> None:
    app.query_params["zoom"] = "Florida"
    app.query_params["layer"] = "Agreements"
    app.run()
    assert not app.exception
    assert app.selectbox(key="zoom").value == "Florida"
    counties = choropleth(app)
    assert len(counties["locations"]) == 67 and counties["locations"][0].startswith("12")
    assert "geojson" in counties and counties["featureidkey"] == "id"
    markers = [t for t in map_traces(app) if t["type"] == "scattergeo"]
    assert [t["name"] for t in markers] == ["Active (agreement status)"]
    assert any(s.value == "Counties of Florida" for s in app.subheader)


def test_choosing_a_state_to_zoom_draws_its_counties(app: AppTest) -> None:
    app.run()
    app.selectbox(key="zoom").set_value("Texas").run()
    assert not app.exception
    assert len(choropleth(app)["locations"]) == 254
    assert any(s.value == "Counties of Texas" for s in app.subheader)


def test_state_filter_in_the_url_narrows_numbers_and_zooms_in(app: AppTest) -> None:
    app.query_params["state"] = "FL"
    app.run()
    assert metric(app, "Votes tracked") == "14"
    assert metric(app, "Passed / failed / deferred") == "11 / 3 / 0"
    assert metric(app, "Active agreements") == "309"
    assert len(choropleth(app)["locations"]) == 67


def test_outcome_filter_and_shading_control_change_what_is_shown(app: AppTest) -> None:
    app.run()
    app.multiselect(key="outcome").set_value(["Failed"]).run()
    assert metric(app, "Votes tracked") == "4"
    app.selectbox(key="shade").set_value("Share of counties with an agreement").run()
    states = choropleth(app)
    assert states["colorbar"]["title"]["text"] == "% of counties"
    assert any("Share of counties:" in c.value for c in app.caption)


def test_filters_that_remove_everything_are_named(app: AppTest) -> None:
    app.query_params["q"] = "no such place anywhere"
    app.run()
    assert not app.exception
    # Messages render markdown: the filter text arrives escaped; read it as shown.
    message = " ".join(i.value for i in app.info).replace("\\", "")
    assert "No votes or agreements match these filters" in message
    assert "search: no such place anywhere" in message
    assert not app.get("plotly_chart")


def test_empty_database_says_what_to_load(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", engine.url.render_as_string(False))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("No votes or agreements recorded yet" in i.value for i in at.info)


def test_agreements_layer_without_any_agreement_says_so(
    votes_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled votes alone (no ICE list imported): the agreements layer is empty."""
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", votes_engine.url.render_as_string(False))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["layer"] = "Agreements"
    at.run()
    assert not at.exception
    assert any("No agreements with a map point" in str(i.value) for i in at.info)


def test_key_west_marker_reads_its_agreement_vote_and_lists_every_vote(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app_on(seeded_sqlite, monkeypatch)
    at.query_params["zoom"] = "Florida"
    at.run()
    markers = [t for t in map_traces(at) if t["type"] == "scattergeo"]
    passed = next(t for t in markers if t["name"] == "Passed (latest decision)")
    hover = next(text for text in passed["text"] if text.startswith("Key West"))
    assert "Latest decision: Approve: passed on 2025-07-08" in hover
    lines = hover.split("<br>")[3:]
    assert [line.split(" · ")[:3] for line in lines] == [
        ["2025-07-08", "Other", "Failed"],
        ["2025-07-08", "Approve", "Passed"],
        ["2025-06-30", "Rescind", "Passed"],
    ]
    assert lines[0].endswith("Resolution to join South Miami's lawsuit over 287(g) mandate")
