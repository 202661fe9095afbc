"""A page that cannot be drawn says why in words (the command line's words) and what to do:
never Streamlit's exception box, never a traceback in the browser."""

import re
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")


def said(at: AppTest) -> list[str]:
    """The error messages shown, as read (without markdown's escapes)."""
    return [re.sub(r"\\(.)", r"\1", e.value).lower() for e in at.error]


def run_against(url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", url)
    return AppTest.from_file(APP, default_timeout=60).run()


def test_a_database_never_upgraded_gets_a_page_saying_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "never-upgraded.sqlite3"
    sqlite3.connect(path).close()
    at = run_against(f"sqlite:///{path}", monkeypatch)
    assert not at.exception
    assert [t.value for t in at.title] == ["This page cannot be shown"]
    [error] = said(at)
    assert "policytrack db upgrade" in error and "the sqlite database" in error
    assert "never-upgraded.sqlite3" not in error  # a viewer is not shown the server's paths


def test_a_missing_database_is_said_and_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nowhere" / "x.sqlite3"
    at = run_against(f"sqlite:///{path}", monkeypatch)
    assert not at.exception
    assert any("no database at" in e for e in said(at))
    assert not path.parent.exists()


def test_an_unreachable_postgresql_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_against("postgresql+psycopg://nobody@127.0.0.1:1/policytrack", monkeypatch)
    assert not at.exception
    [error] = said(at)
    assert "cannot reach" in error and "the postgresql database" in error
    assert ":1/" not in error and "nobody" not in error  # no host, port or user for a viewer
