"""What a person sees: the votes page in real Chromium against a real server, offline."""

import csv
import io

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser


def open_app(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_text("Local votes on cooperating with ICE").wait_for(timeout=30_000)
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=30_000)


def metric(page, label: str) -> str:  # type: ignore[no-untyped-def]
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return box.get_by_test_id("stMetricValue").inner_text()


def test_votes_page_lists_real_votes_without_errors(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_app(page, server.url)
    assert int(metric(page, "Votes shown")) >= 30
    assert page.get_by_test_id("stException").count() == 0
    page.get_by_text("Sources for each vote").wait_for()
    assert page.blocked.urls == []


def test_deep_link_applies_the_state_filter(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_app(page, f"{server.url}/?state=MD")
    page.get_by_text("Votes shown").wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
        ".some(e => e.innerText.trim() === '4')",
        timeout=30_000,
    )
    assert "MD" in page.get_by_test_id("stMultiSelect").inner_text()


def test_csv_download_matches_the_page(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_app(page, f"{server.url}/?state=FL")
    page.wait_for_timeout(500)
    shown = int(metric(page, "Votes shown"))
    with page.expect_download() as download_info:
        page.get_by_test_id("stDownloadButton").first.click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text("utf-8"))))
    assert len(rows) == shown > 0
    assert {row["state"] for row in rows} == {"FL"}
