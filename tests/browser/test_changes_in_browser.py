"""What a person sees: the Changes page in real Chromium against a real server (the bundled
data: ICE's lists of 2025-07-18 and the 35 votes), offline — the coverage worklist and its
download."""

import csv
import io

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser
WORKLIST = "Agreements with no vote on record"


def test_the_worklist_of_maryland_and_its_csv(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/changes?state=MD")
    page.get_by_role("heading", name="Changes", exact=True).wait_for(timeout=30_000)
    page.get_by_role("heading", name=WORKLIST).wait_for(timeout=30_000)
    note = "Downloads: all 9 agreements with no vote on record"
    page.get_by_text(note).wait_for(timeout=30_000)
    page.get_by_text("Only one ICE list of each kind is on record").wait_for()
    worklist = page.get_by_test_id("stMetric").filter(has_text=WORKLIST)
    assert worklist.get_by_test_id("stMetricValue").inner_text() == "9"
    with page.expect_download() as download_info:
        page.get_by_test_id("stDownloadButton").nth(4).click()  # after changes, by state
    download = download_info.value
    assert download.suggested_filename == "policytrack-no-vote-on-record.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text("utf-8"))))
    assert len(rows) == 9 and {r["state"] for r in rows} == {"MD"}
    assert all(r["record"].startswith(f"{server.url}/record?agreement=md%3A") for r in rows)
    assert {r["model"] for r in rows} <= {"Jail Enforcement Model", "Task Force Model",
                                          "Warrant Service Officer"}  # fmt: skip
    assert page.get_by_test_id("stException").count() == 0
    assert list(page.blocked.urls) == []
