"""`sync ice` against a local HTTP server serving ICE's real lists (no internet needed)."""

import shutil
import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import queries
from policytrack.ingest.ice_sync import SyncFailed, list_links, sync_ice

from tests.conftest import require_shared

PAGE = """<html><body><h1>287(g) Program</h1>
<p><a href="/doclib/287gMOA/participatingAgencies07182025pm.xlsx">Participating agencies</a></p>
<p><a href="/doclib/287gMOA/pendingAgencies07182025pm.xlsx">Pending agencies</a></p>
<p><a href="/about.pdf">About</a> <a href="javascript:alert(1)">x.xlsx</a></p>
</body></html>"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def ice_site(tmp_path: Path) -> Iterator[str]:
    """A local stand-in for ICE's 287(g) page and its two list files."""
    shared = require_shared() / "data" / "ice-287g"
    lists = tmp_path / "doclib" / "287gMOA"
    lists.mkdir(parents=True)
    shutil.copy(
        shared / "participating_2025-07-18.xlsx", lists / "participatingAgencies07182025pm.xlsx"
    )
    shutil.copy(shared / "pending_2025-07-18.xlsx", lists / "pendingAgencies07182025pm.xlsx")
    (tmp_path / "287g.html").write_text(PAGE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/287g.html"
    finally:
        server.shutdown()
        server.server_close()


def counts(engine: Engine) -> dict[str, object]:
    with Session(engine) as session:
        return queries.stats(session)


def test_page_links_to_both_lists_are_found() -> None:
    links = list_links(PAGE, "https://www.ice.gov/identify-and-arrest/287g")
    assert [(link.url.rsplit("/", 1)[1], link.pending) for link in links] == [
        ("participatingAgencies07182025pm.xlsx", False),
        ("pendingAgencies07182025pm.xlsx", True),
    ]


def test_sync_imports_both_lists_and_dates_them_from_their_names(
    engine: Engine, ice_site: str
) -> None:
    results = sync_ice(engine, ice_site)
    assert [(r.kind, r.as_of.isoformat(), r.as_of_source) for r in results] == [
        ("participating", "2025-07-18", "file name"),
        ("pending", "2025-07-18", "file name"),
    ]
    assert counts(engine)["agreements_by_status"] == {"active": 832, "pending": 26}
    again = sync_ice(engine, ice_site)
    assert all(r.already_imported for r in again)


def test_offline_sync_says_so_and_changes_nothing(engine: Engine) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket closes
    before = counts(engine)
    with pytest.raises(SyncFailed, match="cannot fetch"):
        sync_ice(engine, f"http://127.0.0.1:{port}/287g")
    assert counts(engine) == before


def test_a_missing_page_changes_nothing(engine: Engine, ice_site: str) -> None:
    before = counts(engine)
    with pytest.raises(SyncFailed, match="404"):
        sync_ice(engine, ice_site.replace("287g.html", "missing.html"))
    assert counts(engine) == before


def test_a_list_that_cannot_be_read_rolls_back_the_other(
    engine: Engine, ice_site: str, tmp_path: Path
) -> None:
    (tmp_path / "doclib" / "287gMOA" / "pendingAgencies07182025pm.xlsx").write_bytes(b"<html>")
    before = counts(engine)
    with pytest.raises(SyncFailed, match=r"pendingAgencies07182025pm\.xlsx"):
        sync_ice(engine, ice_site)
    assert counts(engine) == before
