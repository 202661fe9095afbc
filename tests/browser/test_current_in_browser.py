"""What a person sees stays current: a running dashboard, an ICE list imported from the CLI
into the database it serves, and the next rerun of every page shows the list — nothing
cached from before the write, nothing mixed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, Server, start_server
from tests.conftest import Templates, require_shared

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def database_url(sqlite_templates: Templates) -> str:
    """The bundled votes, no ICE list yet (this module's server writes to its own copy)."""
    return sqlite_templates.fresh("votes")


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[Server]:
    """This module's own dashboard (the `page` fixture uses it), on a database it may change."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    running = start_server(database_url, ARTIFACTS / "streamlit-current.log")
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=20)


def metric(page, label: str) -> str:  # type: ignore[no-untyped-def]
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return box.get_by_test_id("stMetricValue").inner_text()


def go_to(page, title: str) -> None:  # type: ignore[no-untyped-def]
    """Open a page from the sidebar: a rerun of the same session, not a new one."""
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=30_000)


def import_ice_list_from_the_cli(database_url: str) -> None:
    lists = require_shared() / "data" / "ice-287g"
    command = [str(Path(sys.executable).parent / "policytrack"), "import", "ice",
               str(lists / "participating_2025-07-18.xlsx")]  # fmt: skip
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": database_url}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_a_cli_import_shows_on_the_next_rerun_of_every_page(
    page: Any, server: Server, database_url: str
) -> None:
    page.goto(f"{server.url}/data")
    page.get_by_text("How to cite").wait_for(timeout=30_000)
    page.get_by_text("No ICE list loaded yet").wait_for()
    go_to(page, "Map")
    page.get_by_text("ICE's official list as of: no list imported").wait_for(timeout=30_000)
    assert metric(page, "Active agreements") == "0"

    import_ice_list_from_the_cli(database_url)

    go_to(page, "Data & about")
    page.get_by_text("How to cite").wait_for(timeout=30_000)
    assert int(metric(page, "Agreements shown")) > 0
    assert page.get_by_text("None loaded yet.").count() == 0
    assert page.get_by_text("No ICE list loaded yet").count() == 0
    go_to(page, "Map")
    page.get_by_text("ICE's official list as of: 2025-07-18").wait_for(timeout=30_000)
    assert metric(page, "Active agreements") == "832"
    assert page.get_by_test_id("stException").count() == 0
