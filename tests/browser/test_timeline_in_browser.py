"""The Timeline page in real Chromium against a real server, offline, on the bundled votes and
ICE's July 2025 lists."""

import pytest

from tests.browser.conftest import ARTIFACTS, Server

pytestmark = pytest.mark.browser


def open_timeline(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.get_by_text("Map over time").wait_for(timeout=60_000)
    page.wait_for_function(
        "() => document.querySelectorAll('.choroplethlocation').length > 0", timeout=60_000
    )


def off_machine(page) -> list[str]:  # type: ignore[no-untyped-def]
    return list(page.blocked.urls)


def test_charts_and_the_map_draw_offline(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_timeline(page, f"{server.url}/timeline")
    assert page.get_by_test_id("stException").count() == 0
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg').length >= 10",
        timeout=60_000,
    )
    assert page.locator("g.barlayer g.point path").count() > 20  # monthly bars
    assert page.locator("g.scatterlayer path.js-line").count() >= 2  # cumulative curves
    assert page.locator(".choroplethlocation").count() == 40  # 40 states with agreements
    assert off_machine(page) == []
    page.screenshot(path=str(ARTIFACTS / "timeline-1280.png"), full_page=True)


def test_deep_link_restores_the_slider_map_and_breakdown(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_timeline(page, f"{server.url}/timeline?by=State&month=Dec+2024")
    page.get_by_text("up to the end of Dec 2024").wait_for(timeout=30_000)
    # 831 agreements signed in all, 696 of them in 2025: 135 before 2025.
    page.get_by_text("(135 agreements in").wait_for(timeout=30_000)
    assert page.locator(".choroplethlocation").count() > 0
    assert "Dec 2024" in page.get_by_test_id("stSlider").inner_text()
    assert off_machine(page) == []


def test_phone_width_shows_the_page(browser, server: Server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 400, "height": 860})
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(server.url) else route.abort()
        ),
    )
    page = context.new_page()
    try:
        open_timeline(page, f"{server.url}/timeline")
        page.get_by_text("Votes by month", exact=True).scroll_into_view_if_needed()
        page.wait_for_timeout(1_500)
        page.screenshot(path=str(ARTIFACTS / "timeline-400.png"))
        assert page.get_by_test_id("stException").count() == 0
    finally:
        context.close()
