"""Every failure a user can meet on the command line ends as one line on stderr (what,
where, what to do) and a non-zero exit, never a traceback; read commands never create a
database; a write that must wait for another says so and then does its work."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from policytrack import migrations
from policytrack.db import make_engine, session_scope

from tests.conftest import Templates

CLI = [sys.executable, "-m", "policytrack.cli"]


def run(
    url: str, *args: str, env: dict[str, str] | None = None, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "POLICYTRACK_DATABASE_URL": url, **(env or {})}
    return subprocess.run(
        [*prefix, *CLI, *args], env=environment, capture_output=True, text=True, timeout=120
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a failed command said (fails the test on a traceback or more)."""
    assert result.returncode != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite database (no records) for the commands that need one."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'migrated.sqlite3'}"
    migrations.upgrade(url)
    return url


def test_read_commands_never_create_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "a.sqlite3"
    line = one_line(run(f"sqlite:///{missing}", "stats"))
    assert f"no database at {missing}" in line and "policytrack db upgrade" in line
    assert not (tmp_path / "no").exists()


def test_a_database_never_upgraded_says_to_upgrade(backend: Templates) -> None:
    url = backend.fresh("empty")
    if url.startswith("sqlite"):
        sqlite3.connect(url.removeprefix("sqlite:///")).close()  # an empty database file
    line = one_line(run(url, "stats"))
    assert "has no policytrack tables" in line and "run `policytrack db upgrade`" in line


def test_an_unreachable_postgresql_server_is_one_line() -> None:
    line = one_line(run("postgresql+psycopg://nobody@127.0.0.1:1/policytrack", "stats"))
    assert "cannot reach postgresql+psycopg://nobody@127.0.0.1:1/policytrack" in line
    assert "Connection refused" in line and "check that the server is running" in line


def test_a_date_that_is_not_one_is_one_line(migrated: str) -> None:
    result = run(migrated, "changes", "--since", "garbage")
    assert result.returncode == 2 and one_line(result) == (
        "--since 'garbage': dates are written YYYY-MM-DD"
    )


def test_a_full_disk_is_one_line(migrated: str) -> None:
    line = one_line(run(migrated, "export", "votes", "-o", "/dev/full"))
    assert (
        line == "policytrack: cannot write /dev/full: the disk is full; free space, then try again"
    )


@pytest.fixture
def read_only_copy(migrated: str) -> Iterator[tuple[str, list[str]]]:
    """A copy of the database its user may read but not write (file and folder), and how to
    run a command as such a user: root may write anything, so as root the command runs
    without the capabilities that let it ignore file permissions."""
    prefix = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot drop the right to write")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    folder = Path(tempfile.mkdtemp(prefix="policytrack-read-only-"))
    path = folder / "read-only.sqlite3"
    shutil.copyfile(migrated.removeprefix("sqlite:///"), path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(0o555)
    yield f"sqlite:///{path}", prefix
    folder.chmod(0o755)
    shutil.rmtree(folder)


def test_a_read_only_database_is_read_and_a_write_is_one_line(
    read_only_copy: tuple[str, list[str]],
) -> None:
    url, prefix = read_only_copy
    stats = run(url, "stats", "--json", prefix=prefix)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["vote_events"] == 0
    added = run(url, "users", "add", "alice", "--email", "a@ex.org", "--no-password", prefix=prefix)
    assert "is read-only for this user" in one_line(added)


def test_a_truncated_backup_is_refused_in_one_line(backend: Templates, tmp_path: Path) -> None:
    seeded, target = backend.fresh("seeded"), backend.fresh("migrated")
    assert run(seeded, "export", "all", "-o", str(tmp_path / "backup")).returncode == 0
    votes = tmp_path / "backup" / "vote_event.jsonl"
    votes.write_text(votes.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    one_line(run(target, "import", "all", str(tmp_path / "backup")))
    assert json.loads(run(target, "stats", "--json").stdout)["vote_events"] == 0


def test_an_import_waits_for_another_write_and_says_so(backend: Templates, tmp_path: Path) -> None:
    url = backend.fresh("migrated")
    votes = tmp_path / "votes.csv"
    votes.write_text(
        "vote_key,state,jurisdiction,jurisdiction_kind,body,vote_date,policy,action,outcome,sources\n"
        "synthetic-waits,FL,Palm Bay,city,City Council,2025-04-03,SYNTHETIC,approve,passed,"
        "https://example.invalid/synthetic/waits\n",
        encoding="utf-8",
    )
    environment = {**os.environ, "POLICYTRACK_DATABASE_URL": url}
    engine = make_engine(url)
    with session_scope(engine):  # another writer holds the database
        process = subprocess.Popen(
            [*CLI, "import", "votes", str(votes)], env=environment, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert process.stderr is not None
        said = process.stderr.readline()
        assert "waiting for another write to finish" in said and "nothing written yet" in said
    out, _ = process.communicate(timeout=120)
    engine.dispose()
    assert process.returncode == 0 and "created: " in out


def test_a_write_that_waits_too_long_is_one_line(migrated: str, tmp_path: Path) -> None:
    engine = make_engine(migrated)
    with session_scope(engine):
        result = run(
            migrated, "users", "add", "bob", "--email", "b@example.org", "--no-password",
            env={"POLICYTRACK_WRITE_WAIT_SECONDS": "0.5"},
        )  # fmt: skip
    engine.dispose()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    *waited, line = result.stderr.strip().splitlines()
    assert waited and all(w.startswith("waiting for another write") for w in waited)
    assert "was busy with another write" in line and "nothing was written" in line
