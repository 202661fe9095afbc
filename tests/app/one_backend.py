"""Page logic runs the same on either database: these AppTest fixtures use SQLite only
(the queries under them are tested on both in tests/integration). Import the fixtures
(`fixture_<name>`, requested as `<name>`)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT
from policytrack.db import make_engine
from policytrack.ingest.official_lists import import_official_list

from tests.conftest import Templates, require_shared

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")


@pytest.fixture(scope="module", name="sqlite_templates")
def fixture_sqlite_templates(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Templates:
    """Migrated and seeded SQLite templates, built once per module."""
    return Templates("sqlite", request, tmp_path_factory.mktemp("sqlite-app"))


@pytest.fixture(name="seeded_sqlite")
def fixture_seeded_sqlite(sqlite_templates: Templates) -> Iterator[Engine]:
    """A SQLite database of its own holding the bundled dataset."""
    engine = make_engine(sqlite_templates.fresh("seeded"))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module", name="lists_template")
def fixture_lists_template(sqlite_templates: Templates) -> Path:
    """A seeded SQLite file with ICE's participating and pending lists of 2025-07-18."""
    url = sqlite_templates.fresh("seeded")
    engine = make_engine(url)
    lists = require_shared() / "data" / "ice-287g"
    import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    import_official_list(engine, lists / "pending_2025-07-18.xlsx")
    engine.dispose()
    return Path(make_url(url).database or "")


@pytest.fixture(name="with_ice_lists")
def fixture_with_ice_lists(lists_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A copy of `lists_template` of its own."""
    copy = tmp_path / "with-lists.sqlite3"
    shutil.copyfile(lists_template, copy)
    engine = make_engine(f"sqlite:///{copy}")
    yield engine
    engine.dispose()


def app_on(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard, not yet run, reading `engine`'s database."""
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", engine.url.render_as_string(False))
    return AppTest.from_file(APP, default_timeout=60)
