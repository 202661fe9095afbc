"""The Map page's national county level through AppTest, on a real database holding the
bundled votes and ICE's July 2025 participating list."""

import json
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT
from policytrack.geo.shapes import counties

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    # ICE's lists of 2025-07-18 are in `seeded_engine` already (from the bundle, which is what
    # importing ICE's spreadsheet makes: tests/integration/test_ice_bundle.py)
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", seeded_engine.url.render_as_string(False))
    yield AppTest.from_file(APP, default_timeout=60)


def traces(at: AppTest) -> list[dict[str, Any]]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return list(spec["data"])


def county_table(at: AppTest) -> pd.DataFrame:
    subheaders = [s.value for s in at.subheader]
    assert "By county" in subheaders
    return next(d.value for d in at.dataframe if "fips" in d.value.columns)


def votes_outside_counties(at: AppTest) -> int:
    """The 'N votes and M agreements lie in no county' note (0 when there is none)."""
    for caption in at.caption:
        if "lie in no county" in caption.value:
            words = caption.value.split(" · ")[-1].split()
            return int(words[0].replace(",", ""))
    return 0


def votes_tracked(at: AppTest) -> int:
    return int(next(str(m.value) for m in at.metric if m.label == "Votes tracked"))


def test_county_level_shades_every_county_in_one_trace(app: AppTest) -> None:
    app.query_params["level"] = "Counties"
    app.run()
    assert not app.exception
    drawn = traces(app)
    assert len(drawn) == 1 and drawn[0]["type"] == "choropleth"  # no markers nationally
    shaded = drawn[0]
    assert len(shaded["locations"]) == len(counties()) == 3231
    assert shaded["featureidkey"] == "id"
    # Shapes come from the app's own server, not inside the figure nor from the internet.
    assert shaded["geojson"] == "/app/static/geo/counties-simplified.json"
    assert "Votes by it or its towns" in shaded["hovertemplate"]
    miami = shaded["text"][shaded["locations"].index("12086")]
    assert miami == "Miami-Dade County, FL"
    assert app.segmented_control(key="layer").disabled


def test_county_numbers_add_up_to_the_headline(app: AppTest) -> None:
    app.query_params["level"] = "Counties"
    app.run()
    table = county_table(app)
    assert int(table["votes"].sum()) + votes_outside_counties(app) == votes_tracked(app)
    miami = table[table["fips"] == "12086"].iloc[0]
    assert miami["votes"] >= 1 and miami["agreements"] >= 1


def test_county_level_follows_the_filters(app: AppTest) -> None:
    app.query_params["level"] = "Counties"
    app.run()
    everything = int(county_table(app)["votes"].sum())
    app.multiselect(key="outcome").set_value(["Failed"]).run()
    assert not app.exception
    failed = county_table(app)
    assert 0 < int(failed["votes"].sum()) < everything
    assert int(failed["votes"].sum()) + votes_outside_counties(app) == votes_tracked(app) == 4
    app.multiselect(key="outcome").set_value([]).run()
    app.multiselect(key="state").set_value(["FL", "TX"]).run()
    states = county_table(app)
    assert set(states[states["votes"] > 0]["state"]) <= {"FL", "TX"}
    assert len(traces(app)[0]["locations"]) == 3231  # still the whole country


def test_url_restores_the_county_level_and_its_shading(app: AppTest) -> None:
    app.query_params["level"] = "Counties"
    app.query_params["shade"] = "Votes"
    app.run()
    assert not app.exception
    assert app.segmented_control(key="level").value == "Counties"
    assert traces(app)[0]["colorbar"]["title"]["text"] == "Votes"
    app.segmented_control(key="level").set_value("States").run()
    assert traces(app)[0]["locationmode"] == "USA-states"


def test_an_unknown_level_in_the_url_falls_back_to_states(app: AppTest) -> None:
    app.query_params["level"] = "<b>Parishes</b>"
    app.run()
    assert not app.exception
    assert traces(app)[0]["locationmode"] == "USA-states"


def test_county_level_with_nothing_matching_names_the_filter(app: AppTest) -> None:
    app.query_params["level"] = "Counties"
    app.query_params["q"] = "no such place anywhere"
    app.run()
    assert not app.exception
    message = " ".join(i.value for i in app.info).replace("\\", "")
    assert "search: no such place anywhere" in message
    assert not app.get("plotly_chart")
