"""Reliability as used: an import killed midway leaves the database as it was; the shipped
server config keeps its protections."""

import json
import os
import signal
import subprocess
import sys
import time
import tomllib

from sqlalchemy import text

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


def test_killing_an_import_midway_leaves_the_database_as_it_was(backend: Templates) -> None:
    url = backend.fresh("seeded")
    before = stats(url)
    lists = require_shared() / "data" / "ice-287g"
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": url}
    process = subprocess.Popen(
        [sys.executable, "-m", "policytrack.cli", "import", "ice",
         str(lists / "participating_2025-07-18.xlsx")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    time.sleep(3.0)  # start-up ~1.5 s, then the rows are being written
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert stats(url) == before
    if url.startswith("sqlite"):
        engine = make_engine(url)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        engine.dispose()
    finished = subprocess.run(
        [sys.executable, "-m", "policytrack.cli", "import", "ice",
         str(lists / "participating_2025-07-18.xlsx")],
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
