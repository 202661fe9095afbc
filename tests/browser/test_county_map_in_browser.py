"""The national county map in real Chromium against a real server, offline: every county is
drawn from shapes the app serves itself, and nothing is asked of another host."""

import pytest

from tests.browser.conftest import Server
from tests.browser.test_map_in_browser import SHAPES, offsite, open_map, record

pytestmark = pytest.mark.browser


def test_national_county_map_draws_every_county_offline(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    seconds = open_map(page, f"{server.url}/?level=Counties")
    page.wait_for_function(f"() => {SHAPES} >= 3231", timeout=30_000, polling=50)
    record("national counties", seconds)
    assert page.evaluate(SHAPES) == 3231
    assert page.get_by_text("By county").count() >= 1
    assert page.get_by_test_id("stException").count() == 0
    assert offsite(page) == []


def test_county_shapes_come_from_the_app_itself(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    open_map(page, f"{server.url}/?level=Counties&shade=Votes")
    shapes = [url for url in fetched if url.endswith("/app/static/geo/counties-simplified.json")]
    assert shapes and all(url.startswith(server.url) for url in shapes)
    assert offsite(page) == []


def test_clicking_a_county_opens_its_states_counties(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, f"{server.url}/?level=Counties")
    page.wait_for_function(f"() => {SHAPES} >= 3231", timeout=30_000, polling=50)
    # Counties are drawn in FIPS order: the 200th is in California (06).
    county = page.locator("path.choroplethlocation").nth(200)
    county.scroll_into_view_if_needed()  # below a 900 px window's fold, under the colour bar
    box = county.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("Counties of California").wait_for(timeout=30_000)
    assert "zoom=California" in page.url
    assert offsite(page) == []
