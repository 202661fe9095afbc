"""The votes page through Streamlit's AppTest, on a real seeded database."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    url = seeded_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", url)
    yield AppTest.from_file(APP, default_timeout=30)


def shown_votes(at: AppTest):  # type: ignore[no-untyped-def]
    return at.dataframe[0].value


def test_lists_every_bundled_vote_with_tally_and_source(app: AppTest) -> None:
    app.run()
    assert not app.exception
    table = shown_votes(app)
    assert len(table) >= 30
    miami = table[table["jurisdiction"] == "Miami"].iloc[0]
    assert (miami["tally"], miami["outcome"]) == ("3–2", "passed")
    assert miami["first_source"].startswith("https://")


def test_state_filter_comes_from_the_url_and_narrows_the_table(app: AppTest) -> None:
    app.query_params["state"] = ["MD"]
    app.run()
    table = shown_votes(app)
    assert set(table["state"]) == {"MD"} and len(table) == 4
    assert app.multiselect(key="state").value == ["MD"]


def test_choosing_a_state_updates_what_is_shown(app: AppTest) -> None:
    app.run()
    app.multiselect(key="state").set_value(["TX"]).run()
    assert set(shown_votes(app)["state"]) == {"TX"}


def test_empty_database_says_what_to_do(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", engine.url.render_as_string(False))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert any("No votes recorded yet" in info.value for info in at.info)
