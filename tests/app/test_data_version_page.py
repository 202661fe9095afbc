"""Pages read one data version per run; a database from before the counter (migration 0015)
still shows every page, uncached, rather than failing or going stale."""

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, event

from policytrack import migrations
from policytrack.db import make_engine
from policytrack.ingest.official_lists import import_official_list

from tests.app.conftest import app_on
from tests.conftest import require_shared


def test_a_database_from_before_the_counter_is_told_to_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database at an older revision (here before the counter, 0015, and the columns of
    later revisions) gets the page that says how to upgrade it, not an exception."""
    url = f"sqlite:///{tmp_path / 'before-0015.sqlite3'}"
    command.upgrade(migrations.alembic_config(url), "0012")
    engine = make_engine(url)
    at = app_on(engine, monkeypatch)
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["This page cannot be shown"]
    assert any("policytrack db upgrade" in e.value for e in at.error)
    engine.dispose()


def test_a_write_landing_mid_run_restarts_the_run_so_nothing_is_mixed(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process imports ICE's pending list right after the Data page read the loaded
    lists and before it counted the agreements: the page must not say "none loaded" beside
    26 agreements (issue 13, item 1); it starts again and shows the new version whole."""
    other = make_engine(seeded_sqlite.url.render_as_string(hide_password=False))
    lists = require_shared() / "data" / "ice-287g" / "pending_2025-07-18.xlsx"
    landed: list[bool] = []

    def another_writer(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        if "FROM official_list" in statement and not landed:
            landed.append(True)
            import_official_list(other, lists)

    event.listen(Engine, "after_cursor_execute", another_writer)
    try:
        at = app_on(seeded_sqlite, monkeypatch)
        at.switch_page("app_pages/data.py").run()
    finally:
        event.remove(Engine, "after_cursor_execute", another_writer)
        other.dispose()
    assert landed and not at.exception
    assert next(m.value for m in at.metric if m.label == "Agreements shown") == "26"
    loaded = next(d.value for d in at.dataframe if "as_of_source" in d.value.columns)
    assert list(loaded["kind"]) == ["Pending"]
    assert not any("None loaded yet" in c.value for c in at.caption)
