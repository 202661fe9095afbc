"""A real `streamlit run` on a free port and Debian's Chromium driven by Playwright.

Chromium comes from `POLICYTRACK_CHROMIUM` (set by tools/test-env) or /usr/bin/chromium;
without it these tests skip on a user's machine and fail under CI. Every request to a host
other than the local server is blocked and recorded, so the tests prove pages work offline.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from policytrack.config import REPO_ROOT

from tests.conftest import Templates

ARTIFACTS = REPO_ROOT / "test-artifacts" / "browser"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser test runs on one pytest-xdist worker (`--dist loadgroup`, pyproject):
    one Chromium, one shared `server` and one of each module's own servers per run, where
    tests spread over two workers started two of each."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.xdist_group("browser"))


def _chromium() -> str:
    path = os.environ.get("POLICYTRACK_CHROMIUM") or shutil.which("chromium") or ""
    if path and Path(path).exists():
        return path
    message = "Debian chromium is not installed (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running dashboard."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_server(database_url: str, log: Path) -> Server:
    """`streamlit run` the dashboard on `database_url`; wait until it is healthy."""
    port = _free_port()
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": database_url}
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/streamlit_app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true",
    ]  # fmt: skip
    handle = log.open("wb")
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=handle, stderr=handle)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited early: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail(f"streamlit did not become healthy: {log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def seeded_sqlite_url(sqlite_templates: Templates) -> str:
    """A SQLite database holding the bundled dataset (ICE's July 2025 lists included), for
    the served dashboard: a copy of the seeded template the other layers share."""
    return sqlite_templates.fresh("seeded")


@pytest.fixture(scope="session")
def server(seeded_sqlite_url: str) -> Iterator[Server]:
    """The dashboard served by a real `streamlit run`."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    running = start_server(seeded_sqlite_url, ARTIFACTS / "streamlit.log")
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=20)


@dataclass
class Blocked:
    """Requests the page tried to send off this machine."""

    urls: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium."""
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object, server: Server, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page; anything but the local server is blocked and recorded in `page.blocked`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    blocked = Blocked()

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(server.url) or url.startswith(("data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            blocked.urls.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    new_page = context.new_page()
    new_page.blocked = blocked  # type: ignore[attr-defined]
    yield new_page
    name = request.node.name.replace("/", "_")
    new_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
