"""What a person sees: the Data & about page in real Chromium against a real server, offline."""

import csv
import io
import json
from urllib.parse import quote_plus

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser


def open_data(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_role("heading", name="Data & about").wait_for(timeout=30_000)
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=30_000)
    page.get_by_text("How to cite").wait_for(timeout=30_000)


def off_site(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Requests the page tried to send off this machine (all blocked)."""
    return list(page.blocked.urls)


def metric(page, label: str) -> str:  # type: ignore[no-untyped-def]
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return box.get_by_test_id("stMetricValue").inner_text()


def test_data_page_lists_votes_and_agreements_without_errors(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_data(page, f"{server.url}/data")
    assert int(metric(page, "Votes shown")) == 35
    assert metric(page, "Agreements shown") == "858"  # the table pages through them
    page.get_by_text("Rows 1–500 of 858 agreements").wait_for()
    page.get_by_text("Import report of the newest ICE lists").wait_for()
    assert page.get_by_test_id("stException").count() == 0
    assert off_site(page) == []


def open_florida_2025(page, server: Server) -> int:  # type: ignore[no-untyped-def]
    """The Data page's deep link to Florida in 2025, once its filters apply: the votes shown."""
    open_data(page, f"{server.url}/data?state=FL&from=2025-01-01&to=2025-12-31")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
        ".some(e => e.innerText.trim() !== '35')",
        timeout=30_000,
    )
    shown = int(metric(page, "Votes shown"))
    page.get_by_text(f"Downloads: all {shown} votes the filters select · as of").wait_for()
    return shown


def test_csv_download_equals_the_rows_listed_for_florida_2025(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    shown = open_florida_2025(page, server)
    with page.expect_download() as download_info:
        page.get_by_test_id("stDownloadButton").first.click()
    download = download_info.value
    assert download.suggested_filename == "policytrack-votes.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text("utf-8"))))
    assert len(rows) == shown > 0
    assert {row["state"] for row in rows} == {"FL"}
    assert all(row["vote_date"].startswith("2025-") for row in rows)
    assert off_site(page) == []


def test_geojson_download_holds_the_rows_listed_for_florida_2025(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    """The GeoJSON is made from the rows shown (not read again): one Feature per row, in the
    CSV's order, placed where the place has a point, and the page's note counts the rest."""
    shown = open_florida_2025(page, server)
    buttons = page.get_by_test_id("stDownloadButton")
    with page.expect_download() as csv_download:
        buttons.nth(0).click()
    with page.expect_download() as geojson_download:
        buttons.nth(2).click()
    assert geojson_download.value.suggested_filename == "policytrack-votes.geojson"
    listed = list(csv.DictReader(io.StringIO(csv_download.value.path().read_text("utf-8"))))
    collection = json.loads(geojson_download.value.path().read_text("utf-8"))
    features = collection["features"]
    assert [f["properties"]["key"] for f in features] == [row["key"] for row in listed]
    assert len(features) == collection["rows"] == shown > 0
    assert {f["properties"]["state"] for f in features} == {"FL"}
    unplaced = [f["properties"]["key"] for f in features if f["geometry"] is None]
    assert unplaced == collection["keys_without_point"]
    assert len(unplaced) < shown  # Florida's places have points
    for feature in features:
        if feature["geometry"] is not None:
            lon, lat = feature["geometry"]["coordinates"]
            assert -88 < lon < -79 and 24 < lat < 31.1  # in Florida
    # The votes' note (the agreements section below has its own, with its own row count).
    note = page.get_by_text(f"of the {shown} rows have no map point")
    assert note.count() == (1 if unplaced else 0)
    if unplaced:
        assert note.inner_text().startswith(f"{len(unplaced)} of the {shown} rows")
    assert off_site(page) == []


def test_agreement_downloads_hold_every_row_in_the_labels_people_read(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    """The table pages through 858 agreements; the CSV and GeoJSON hold all 858, with the
    same labels ("Task Force Model", not `task_force`) and each record's full address."""
    open_data(page, f"{server.url}/data")
    page.get_by_text(
        "Downloads: all 858 agreements the filters select (not only this page)"
    ).wait_for()
    buttons = page.get_by_test_id("stDownloadButton")
    with page.expect_download() as csv_download:
        buttons.nth(3).click()
    with page.expect_download() as geojson_download:
        buttons.nth(5).click()
    assert csv_download.value.suggested_filename == "policytrack-agreements.csv"
    rows = list(csv.DictReader(io.StringIO(csv_download.value.path().read_text("utf-8"))))
    features = json.loads(geojson_download.value.path().read_text("utf-8"))["features"]
    assert len(rows) == len(features) == 858
    models = {row["model"] for row in rows}
    assert "Task Force Model" in models and "task_force" not in models
    assert [f["properties"]["model"] for f in features] == [row["model"] for row in rows]
    assert {row["status"] for row in rows} == {"Active", "Pending"}
    assert rows[0]["record"] == f"{server.url}/record?agreement={quote_plus(rows[0]['key'])}"
    assert off_site(page) == []


def test_typing_part_of_a_state_name_finds_it(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_data(page, f"{server.url}/data")
    state = page.get_by_test_id("stMultiSelect").filter(has_text="State")
    state.locator("input").fill("Flo")
    page.get_by_role("option", name="Florida").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetricValue]')]"
        ".some(e => e.innerText.trim() === '14')",
        timeout=30_000,
    )
    assert "state=Florida" in page.url
    assert off_site(page) == []
