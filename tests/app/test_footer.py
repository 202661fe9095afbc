"""Every page's footer says what kind of database the records come from and how current they
are; where it lives (the server's file path) only editors see."""

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from tests.app.conftest import app_on, signed_in

PAGES = ["map", "timeline", "compare", "stakeholders", "data", "changes", "record"]


def footer(at: AppTest) -> str:
    shown = [c.value.replace("\\", "") for c in at.caption]
    return next(text for text in shown if text.startswith("Records:"))


@pytest.mark.parametrize("page", PAGES)
def test_viewers_see_the_kind_and_date_never_the_path(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    at = app_on(seeded_sqlite, monkeypatch)
    at.query_params["vote"] = "fl-miami-2025-06-17"  # the record page's record
    at.query_params["jurisdictions"] = ["Miami, FL", "Key West, FL"]  # Compare's places
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    text = footer(at)
    assert text.startswith("Records: SQLite database · votes to 2026-02-12 · no ICE list loaded")
    path = make_url(seeded_sqlite.url).database or ""
    assert path not in "\n".join(c.value.replace("\\", "") for c in at.caption)
    assert "SQLite file" not in text


def test_editors_also_see_where_the_database_is(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = signed_in(seeded_sqlite, monkeypatch)
    at.switch_page("app_pages/data.py").run()
    path = make_url(seeded_sqlite.url).database or ""
    assert f"SQLite file {path} (shown to editors only)" in footer(at)
