"""Pages read one data version per run; a database from before the counter (migration 0015)
still shows every page, uncached, rather than failing or going stale."""

from pathlib import Path

import pytest
from alembic import command

from policytrack import migrations
from policytrack.config import REPO_ROOT
from policytrack.db import make_engine
from policytrack.ingest.pipeline import seed

from tests.app.one_backend import app_on


def test_a_database_without_the_counter_is_shown_uncached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'before-0015.sqlite3'}"
    command.upgrade(migrations.alembic_config(url), "0012")
    engine = make_engine(url)
    seed(engine, REPO_ROOT / "data" / "seed")
    at = app_on(engine, monkeypatch)
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    assert next(m.value for m in at.metric if m.label == "Votes shown") == "35"
    engine.dispose()
