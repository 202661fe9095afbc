"""Reliability as used: an import killed midway leaves the database as it was; the shipped
server config keeps its protections."""

import csv
import json
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import text

from policytrack.cli import server_environment
from policytrack.config import REPO_ROOT
from policytrack.db import make_engine

from tests.conftest import Templates, require_shared


def stats(url: str) -> dict[str, object]:
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": url}
    out = subprocess.run(
        [sys.executable, "-m", "policytrack.cli", "stats", "--json"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)  # type: ignore[no-any-return]


SYNTHETIC_VOTES = 2_000


def _synthetic_votes(path: Path) -> Path:
    """A votes file big enough to be caught half-written (SYNTHETIC rows, test only)."""
    columns = [
        "vote_key", "state", "jurisdiction", "jurisdiction_kind", "body", "vote_date",
        "policy", "action", "outcome", "yes", "no", "sources", "confidence", "notes",
    ]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for n in range(SYNTHETIC_VOTES):
            writer.writerow([
                f"synthetic-kill-{n:05d}", "FL", "Palm Bay", "city", "City Council",
                "2025-04-03", "287(g) agreement", "approve", "passed", "5", "0",
                f"https://example.invalid/synthetic/{n}", "high", "SYNTHETIC test row",
            ])  # fmt: skip
    return path


def _kill_once_writing(command: list[str], env: dict[str, str]) -> str:
    """Run an import and SIGKILL it when it reports its first tenth written (its progress
    lines come from inside the one transaction, so the kill lands mid-write)."""
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    for line in process.stderr:
        if "(10%)" in line:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            assert process.returncode == -signal.SIGKILL
            return line.strip()
    process.wait(timeout=30)
    raise AssertionError(f"the import ended (exit {process.returncode}) before reporting 10%")


def test_killing_an_import_midway_leaves_the_database_as_it_was(
    backend: Templates, tmp_path: Path
) -> None:
    url = backend.fresh("votes")  # the bundled votes, before any ICE list
    before = stats(url)
    votes = _synthetic_votes(tmp_path / "synthetic-votes.csv")
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": url}
    cli = [sys.executable, "-m", "policytrack.cli"]
    seen = _kill_once_writing([*cli, "import", "votes", str(votes)], env)
    assert seen.endswith(f"/{SYNTHETIC_VOTES:,} (10%)")
    assert stats(url) == before
    if url.startswith("sqlite"):
        engine = make_engine(url)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        engine.dispose()
    lists = require_shared() / "data" / "ice-287g"
    finished = subprocess.run(
        [*cli, "import", "ice", str(lists / "participating_2025-07-18.xlsx")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    assert stats(url)["agreements"] == 832


def test_the_shipped_server_config_keeps_its_protections() -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert 0 < config["server"]["maxUploadSize"] <= 200
    assert config["server"]["enableStaticServing"] is True
    assert config["runner"]["postScriptGC"] is False  # the 20-viewer p95 depends on it
    ignored = (REPO_ROOT / ".gitignore").read_text("utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored


def test_the_server_holds_malloc_to_two_arenas_unless_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    monkeypatch.setenv("POLICYTRACK_SOMETHING", "kept")
    assert server_environment()["MALLOC_ARENA_MAX"] == "2"
    assert server_environment()["POLICYTRACK_SOMETHING"] == "kept"
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert server_environment()["MALLOC_ARENA_MAX"] == "4"
