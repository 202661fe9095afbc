"""Record pages in real Chromium against a real server, offline: the Miami vote's tally and
roll call, and hostile text from an imported file staying text."""

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from policytrack.db import make_engine
from policytrack.ingest.pipeline import import_votes

from tests.browser.conftest import Server, start_server

pytestmark = pytest.mark.browser
HOSTILE = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"
ROLL_CALL = ("Christine King", "Damian Pardo", "Joe Carollo", "Miguel Angel Gabela")


def open_record(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_text("Download this record (JSON)").wait_for(timeout=30_000)


def off_site(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Requests the page tried to send off this machine (all blocked)."""
    return list(page.blocked.urls)


def metric(page, label: str) -> str:  # type: ignore[no-untyped-def]
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return box.get_by_test_id("stMetricValue").inner_text()


def test_miami_vote_shows_its_tally_and_roll_call(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_record(page, f"{server.url}/record?vote=fl-miami-2025-06-17")
    assert metric(page, "Yes") == "3" and metric(page, "No") == "2"
    page.get_by_test_id("stPlotlyChart").first.wait_for()
    roll_call = page.get_by_test_id("stDataFrame").first
    roll_call.wait_for()
    # Glide data grid draws on a canvas and mirrors cells in an accessible table, which it
    # fills after its (lazily loaded) code runs: wait for each name rather than a fixed time.
    cells = roll_call.locator("[role=gridcell], td")
    for name in ROLL_CALL:
        cells.filter(has_text=name).first.wait_for(state="attached", timeout=30_000)
    page.get_by_text("ACLU of Florida", exact=False).first.wait_for()
    assert page.get_by_test_id("stException").count() == 0
    assert off_site(page) == []


def test_unknown_record_says_so(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/record?agreement=zz:nobody")
    page.get_by_text("No such record").wait_for(timeout=30_000)
    assert page.get_by_test_id("stException").count() == 0


@pytest.fixture(scope="module")
def hostile_server(
    seeded_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server on a copy of the browser database plus one vote with hostile motion text."""
    folder = tmp_path_factory.mktemp("hostile")
    source = Path(seeded_sqlite_url.removeprefix("sqlite:///"))
    copy = folder / "hostile.sqlite3"
    copy.write_bytes(source.read_bytes())
    path = folder / "votes.csv"
    row = {
        "vote_key": "fl-hostile-2025-01-02", "state": "FL", "jurisdiction": "Miami",
        "jurisdiction_kind": "city", "body": "City Commission", "vote_date": "2025-01-02",
        "policy": HOSTILE, "action": "approve", "outcome": "passed",
        "sources": "https://example.org/report",
    }  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    engine = make_engine(f"sqlite:///{copy}")
    import_votes(engine, path)
    engine.dispose()
    running = start_server(f"sqlite:///{copy}", folder / "streamlit.log")
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=20)


def test_hostile_motion_text_stays_text(page, hostile_server: Server) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # The page fixture lets only its own server through; this server is another port.
    page.context.unroute("**/*")
    open_record(page, f"{hostile_server.url}/record?vote=fl-hostile-2025-01-02")
    page.get_by_text(HOSTILE).first.wait_for()
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert dialogs == []
