"""The reader's language comes from the link (`?lang=es`) and the sidebar's switch; a
language the dashboard does not have is named, not dropped unsaid (issues 15 and 13)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tests.app.conftest import app_on


@pytest.fixture
def at(seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return app_on(seeded_sqlite, monkeypatch)


def warnings(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(w.value) for w in at.warning]


def test_a_link_in_spanish_opens_in_spanish(at: AppTest) -> None:
    at.query_params["lang"] = "es"
    at.run()
    assert not at.exception
    assert at.selectbox(key="lang").value == "es"
    assert not [w for w in warnings(at) if "language" in w]


def test_a_language_the_dashboard_lacks_is_named(at: AppTest) -> None:
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception
    assert at.selectbox(key="lang").value == "en"
    assert any("language not available here: “fr”" in w for w in warnings(at)), warnings(at)


def test_the_switch_keeps_the_view_and_names_the_language_in_the_link(at: AppTest) -> None:
    at.query_params["state"] = "FL"
    at.run()
    state = at.query_params["state"]
    at.selectbox(key="lang").set_value("es").run()
    assert not at.exception
    assert at.query_params["lang"] in ("es", ["es"])
    assert at.query_params["state"] == state == "Florida"
    at.selectbox(key="lang").set_value("en").run()
    assert "lang" not in at.query_params
    assert at.query_params["state"] == state
