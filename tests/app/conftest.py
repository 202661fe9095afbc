"""Page logic through AppTest, on SQLite only: pages hold no backend-specific code, and the
queries under them are tested on both databases in tests/integration. Here `backend` is
SQLite's templates alone, so `engine`, `votes_engine` and `seeded_engine` (tests/conftest.py)
are SQLite copies of templates built once per test process.

Two more names for page tests: `seeded_sqlite` holds the bundled votes, positions and sources
and no ICE list (as `votes_engine`); `with_ice_lists` adds ICE's participating and pending
lists of 2025-07-18 (as `seeded_engine`).

Editors: `add_editor` makes the account "alice" (PASSWORD), `sign_in` signs in on the Edit
page as run, `edit_page` is the dashboard on the Edit page with that account made, not yet
run, `signed_in` the same with alice signed in, and the fixture `editor` is `signed_in` on
`seeded_engine`.

AppTest runs the dashboard in this process: its cached engines (one per database URL,
`data.engine`) would keep their pooled connections open after each test. Each test's engines
are closed when it ends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from policytrack.auth import add_user
from policytrack.config import REPO_ROOT

from tests.conftest import Templates

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")
EDIT = "app_pages/edit.py"
PASSWORD = "a long enough passphrase"


@pytest.fixture(autouse=True)
def close_cached_engines() -> Iterator[None]:
    """Clear Streamlit's resource cache after each test (`data.engine` disposes on release)."""
    yield
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def backend(sqlite_templates: Templates) -> Templates:
    """SQLite only, whatever tests/conftest.py's `backend` offers the other layers."""
    return sqlite_templates


@pytest.fixture
def seeded_sqlite(votes_engine: Engine) -> Engine:
    """A SQLite database of its own holding the bundled votes (no ICE list)."""
    return votes_engine


@pytest.fixture
def with_ice_lists(seeded_engine: Engine) -> Engine:
    """A SQLite database of its own holding the bundled votes and ICE's lists of 2025-07-18:
    `seeded_engine`, whose lists come from the bundle; the bundle is what importing ICE's
    spreadsheets makes (tests/integration/test_ice_bundle.py), so no second template is built
    from ../shared."""
    return seeded_engine


def app_on(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard, not yet run, reading `engine`'s database."""
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", engine.url.render_as_string(False))
    return AppTest.from_file(APP, default_timeout=60)


def add_editor(engine: Engine, name: str = "alice", password: str = PASSWORD) -> None:
    """An editor account, as `policytrack users add NAME --role editor` makes it."""
    with Session(engine) as session:
        add_user(session, name, "editor", password=password)
        session.commit()


def sign_in(at: AppTest, name: str = "alice", password: str = PASSWORD) -> AppTest:
    """On the Edit page as last run: type the account's name and password, click Sign in."""
    at.text_input(key="login-name").input(name)
    at.text_input(key="login-password").input(password)
    return next(b for b in at.button if b.label == "Sign in").click().run()


def edit_page(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard on `engine`'s database at the Edit page, not yet run; the editor
    account "alice" exists."""
    add_editor(engine)
    return app_on(engine, monkeypatch).switch_page(EDIT)


def signed_in(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The Edit page on `engine`'s database with the editor "alice" signed in."""
    return sign_in(edit_page(engine, monkeypatch).run())


@pytest.fixture
def editor(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The Edit page on a seeded database of its own, the editor "alice" signed in."""
    return signed_in(seeded_engine, monkeypatch)
