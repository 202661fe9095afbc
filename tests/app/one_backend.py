"""Page logic runs the same on either database: these AppTest fixtures use SQLite only
(the queries under them are tested on both in tests/integration). Import the fixtures
(`fixture_<name>`, requested as `<name>`).

Their databases are built here, whatever `policytrack seed` loads: `seeded_sqlite` holds the
bundled votes, positions and sources and no ICE list; `with_ice_lists` adds ICE's
participating and pending lists of 2025-07-18 (from ../shared)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack import migrations
from policytrack.config import REPO_ROOT
from policytrack.db import make_engine
from policytrack.ingest.official_lists import import_official_list
from policytrack.ingest.pipeline import import_dataset

from tests.conftest import require_shared

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")


def _copy(template: Path, folder: Path) -> Iterator[Engine]:
    copy = folder / template.name
    shutil.copyfile(template, copy)
    engine = make_engine(f"sqlite:///{copy}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module", name="votes_template")
def fixture_votes_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file holding the bundled votes, positions and sources."""
    path = tmp_path_factory.mktemp("sqlite-app") / "votes.sqlite3"
    migrations.upgrade(f"sqlite:///{path}")
    engine = make_engine(f"sqlite:///{path}")
    import_dataset(engine, REPO_ROOT / "data" / "seed")
    engine.dispose()
    return path


@pytest.fixture(name="seeded_sqlite")
def fixture_seeded_sqlite(votes_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A SQLite database of its own holding the bundled votes (no ICE list)."""
    yield from _copy(votes_template, tmp_path)


@pytest.fixture(scope="module", name="lists_template")
def fixture_lists_template(votes_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The votes template plus ICE's participating and pending lists of 2025-07-18."""
    path = tmp_path_factory.mktemp("sqlite-app-lists") / "with-lists.sqlite3"
    shutil.copyfile(votes_template, path)
    engine = make_engine(f"sqlite:///{path}")
    lists = require_shared() / "data" / "ice-287g"
    import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    import_official_list(engine, lists / "pending_2025-07-18.xlsx")
    engine.dispose()
    return path


@pytest.fixture(name="with_ice_lists")
def fixture_with_ice_lists(lists_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A copy of `lists_template` of its own."""
    yield from _copy(lists_template, tmp_path)


def app_on(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard, not yet run, reading `engine`'s database."""
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", engine.url.render_as_string(False))
    return AppTest.from_file(APP, default_timeout=60)
