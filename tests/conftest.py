"""Fixtures: real databases (SQLite and PostgreSQL), migrated by Alembic, and the team's
shared reference data.

Every test that takes `engine` runs once on SQLite and once on PostgreSQL (page tests under
tests/app run on SQLite only: see its conftest and tests/README.md). PostgreSQL comes
from `POLICYTRACK_TEST_POSTGRES_URL` (a server URL whose user may create databases); without
it the PostgreSQL runs are skipped on a user's machine, and fail under CI (`CI` set).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from policytrack import migrations
from policytrack.config import REPO_ROOT
from policytrack.db import make_engine
from policytrack.ingest.ice_bundle import import_bundled_lists
from policytrack.ingest.pipeline import import_dataset

SHARED = (REPO_ROOT.parent / "shared").resolve()
IN_CI = bool(os.environ.get("CI"))
# The online geocoder is a user's choice, not the tests': a test that wants it switches it on
# against a local fake server (tests/integration/test_geocoder.py).
os.environ.pop("POLICYTRACK_GEOCODER", None)
BACKENDS = ["sqlite", "postgresql"]
DROPPERS = 8  # connections dropping the test databases at the end of a run
# One folder per run, made by the controlling process before pytest-xdist starts its workers
# (they inherit the variable): the template databases are built there once per run, by
# whichever process needs one first, and shared by all (see `Templates`).
RUN_FOLDER = "POLICYTRACK_TEST_RUN_FOLDER"
_OWNS_RUN_FOLDER = pytest.StashKey[bool]()
PREVIOUS = {"votes": "migrated", "seeded": "votes"}  # the template each one is built on


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput") and RUN_FOLDER not in os.environ:
        os.environ[RUN_FOLDER] = tempfile.mkdtemp(prefix="policytrack-test-run-")
        config.stash[_OWNS_RUN_FOLDER] = True


def pytest_unconfigure(config: pytest.Config) -> None:
    """The controlling process, once every worker is done: drop the PostgreSQL templates of
    the run and remove its folder."""
    if not config.stash.get(_OWNS_RUN_FOLDER, False):
        return
    folder = Path(os.environ.pop(RUN_FOLDER))
    names = [
        make_url(url).database or ""
        for url in (path.read_text() for path in folder.glob("postgresql-*.url"))
    ]
    server = os.environ.get("POLICYTRACK_TEST_POSTGRES_URL", "")
    if names and server:
        drop_databases(_admin_engine(server), names)
    shutil.rmtree(folder, ignore_errors=True)


def require_shared() -> Path:
    """The read-only ../shared folder; skipped on a user's machine, required in CI."""
    if SHARED.is_dir():
        return SHARED
    message = f"needs the team's shared reference data at {SHARED} (not on this machine)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """Path of ../shared (see `require_shared`)."""
    return require_shared()


def _postgres_server_url() -> str:
    url = os.environ.get("POLICYTRACK_TEST_POSTGRES_URL", "")
    if url:
        return url
    message = "POLICYTRACK_TEST_POSTGRES_URL is not set: PostgreSQL runs skipped"
    if IN_CI:
        pytest.fail(message + " (required in CI)")
    pytest.skip(message)


class PostgresDatabases:
    """Creates and drops throw-away databases on one PostgreSQL server."""

    def __init__(self, server_url: str) -> None:
        self.server_url = make_url(server_url)
        self.admin = _admin_engine(server_url)
        try:
            with self.admin.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:  # the message must say which server could not be reached
            pytest.fail(f"PostgreSQL at {self.server_url} cannot be reached: {error}")
        self.created: list[str] = []

    def create(self, template: str | None = None, name: str | None = None) -> str:
        """A new database (copied from `template`); dropped at the end of the test process
        unless it is given a `name` (the run's templates: dropped at the end of the run)."""
        if name is None:
            name = f"pt_test_{uuid.uuid4().hex[:12]}"
            self.created.append(name)
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return self.url(name)

    def url(self, name: str) -> str:
        return self.server_url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        drop_databases(self.admin, self.created)


def _admin_engine(server_url: str) -> Engine:
    return create_engine(server_url, isolation_level="AUTOCOMMIT", pool_size=DROPPERS)


def drop_databases(admin: Engine, names: list[str]) -> None:
    """Drop databases several at once: each DROP DATABASE waits for a checkpoint, and
    concurrent drops share one (one at a time, a run's few hundred databases took minutes on
    a busy server; eight at once, seconds)."""

    def drop(name: str) -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    with ThreadPoolExecutor(max_workers=DROPPERS) as pool:
        list(pool.map(drop, names))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresDatabases]:
    """The PostgreSQL server for tests (see module docstring)."""
    databases = PostgresDatabases(_postgres_server_url())
    yield databases
    databases.drop_all()


class Templates:
    """Migrated (and seeded) template databases, copied for each test: fast and isolated.

    Each template is built once per run, by the first test process that needs it (the others
    wait for it on a file lock in the run's folder, then copy it)."""

    def __init__(self, backend: str, request: pytest.FixtureRequest, folder: Path) -> None:
        self.backend = backend
        self.request = request
        self.folder = folder
        self.urls: dict[str, str] = {}

    def fresh(self, kind: str) -> str:
        """A new database copied from the `kind` template: 'empty', 'migrated', 'votes' (the
        bundled votes, positions and sources, before any ICE list) or 'seeded' (all the
        bundled data, ICE's lists included: what `policytrack seed` loads)."""
        if kind == "empty":
            return self._new(None)
        if kind not in self.urls:
            self.urls[kind] = self._shared(kind)
        return self._new(kind)

    def _shared(self, kind: str) -> str:
        """The run's `kind` template: built here, or by another test process."""
        run = Path(os.environ[RUN_FOLDER])
        made = run / f"{self.backend}-{kind}.url"
        with (run / f"{self.backend}-{kind}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not made.exists():
                made.write_text(self._build(kind, run))
        return made.read_text()

    def _build(self, kind: str, run: Path) -> str:
        """Each template starts as a copy of the one before it: 'migrated' is `db upgrade`,
        'votes' adds the bundled dataset and 'seeded' ICE's bundled lists, `policytrack
        seed`'s two steps (tests/integration/test_cli.py checks that its counts equal those
        of a real `seed`)."""
        name = f"template_{kind}"
        if kind == "migrated":
            url = self._copy(None, run, name)
            migrations.upgrade(url)
            return url
        url = self._copy(self._shared(PREVIOUS[kind]), run, name)
        engine = make_engine(url)
        if kind == "votes":
            import_dataset(engine, REPO_ROOT / "data" / "seed")
        else:
            import_bundled_lists(engine, REPO_ROOT / "data" / "seed" / "ice")
        engine.dispose()
        return url

    def _copy(self, source: str | None, run: Path, name: str) -> str:
        """A template database of the run (a copy of `source`'s, or empty)."""
        if self.backend == "sqlite":
            path = run / f"{name}.sqlite3"
            if source:
                shutil.copyfile(make_url(source).database or "", path)
            return f"sqlite:///{path}"
        postgres: PostgresDatabases = self.request.getfixturevalue("postgres")
        run_id = run.name.rsplit("-", 1)[-1]
        template = make_url(source).database if source else None
        return postgres.create(template, name=f"pt_{name}_{run_id}")

    def _new(self, template: str | None) -> str:
        if self.backend == "sqlite":
            path = self.folder / f"{uuid.uuid4().hex}.sqlite3"
            if template:
                shutil.copyfile(make_url(self.urls[template]).database or "", path)
            return f"sqlite:///{path}"
        postgres: PostgresDatabases = self.request.getfixturevalue("postgres")
        source = make_url(self.urls[template]).database if template else None
        return postgres.create(source)


@pytest.fixture(scope="session")
def sqlite_templates(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Templates:
    """SQLite's template databases, built once per test process and shared by every layer:
    the tests on both backends, the page tests on SQLite alone (tests/app/conftest.py) and
    the served dashboards of the browser tests."""
    return Templates("sqlite", request, tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="session")
def postgresql_templates(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Templates:
    """PostgreSQL's template databases (copied with `CREATE DATABASE … TEMPLATE`)."""
    return Templates("postgresql", request, tmp_path_factory.mktemp("postgresql"))


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Templates:
    """Which database the test runs on; provides its template databases."""
    templates: Templates = request.getfixturevalue(f"{request.param}_templates")
    return templates


def _engine_for(url: str) -> Iterator[Engine]:
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def empty_url(backend: Templates) -> str:
    """URL of a database with no schema at all."""
    return backend.fresh("empty")


@pytest.fixture
def engine(backend: Templates) -> Iterator[Engine]:
    """A migrated, empty database of its own."""
    yield from _engine_for(backend.fresh("migrated"))


@pytest.fixture
def seeded_engine(backend: Templates) -> Iterator[Engine]:
    """A database of its own holding the bundled real dataset, ICE's lists of 2025-07-18
    included (832 participating and 26 pending agreements, votes linked to them)."""
    yield from _engine_for(backend.fresh("seeded"))


@pytest.fixture
def votes_engine(backend: Templates) -> Iterator[Engine]:
    """A database of its own holding the bundled votes, positions and sources but no ICE list:
    for what importing a list does, and for pages with no agreement to show."""
    yield from _engine_for(backend.fresh("votes"))
