"""The Compare page in real Chromium against a real server, offline."""

import pytest

from tests.browser.conftest import ARTIFACTS, Server

pytestmark = pytest.mark.browser

DEEP_LINK = (
    "/compare?jurisdictions=Miami%2C+FL&jurisdictions=Key+West%2C+FL&jurisdictions=Fort+Myers%2C+FL"
)
TALLIES = (
    "Tally: 3 yes · 2 no",  # Miami, 17 June 2025
    "Tally: 6 yes · 1 no",  # Key West voids the March agreement
    "Tally: 4 yes · 2 no · 1 absent",  # Key West re-enters
    "Tally: 2 yes · 4 no · 1 absent",  # Key West declines to join the lawsuit
    "Tally: 3 yes · 3 no · 1 absent",  # Fort Myers fails on a tie
    "Tally: 0 no · yes: not reported",  # Fort Myers passes four days later
)


def test_deep_link_compares_miami_key_west_and_fort_myers(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + DEEP_LINK)
    page.get_by_text("At a glance").wait_for(timeout=60_000)
    for tally in TALLIES:
        page.get_by_text(tally, exact=True).first.wait_for(timeout=30_000)
    # Table cells live in the grid canvas's hidden DOM: attached, not visible.
    page.get_by_text("Key West Police Department").first.wait_for(state="attached", timeout=30_000)
    picker = page.get_by_test_id("stMultiSelect").filter(has_text="Jurisdictions to compare")
    selected = picker.inner_text()
    assert all(name in selected for name in ("Miami, FL", "Key West, FL", "Fort Myers, FL"))
    # Plotly's code is a lazily loaded chunk: wait for the charts, then check there are 3.
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=30_000
    )
    page.wait_for_load_state("networkidle", timeout=30_000)
    assert page.locator(".js-plotly-plot").count() == 3
    assert "jurisdictions=Fort+Myers%2C+FL" in page.get_by_test_id("stCode").inner_text()
    assert page.get_by_test_id("stException").count() == 0
    assert offsite(page.blocked.urls) == []


def offsite(urls: list[str]) -> list[str]:
    """Requests the page tried to send off this machine (all blocked)."""
    return list(urls)


def test_compare_reads_on_a_phone(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 400, "height": 900})
    page.goto(server.url + DEEP_LINK)
    page.get_by_text("At a glance").wait_for(timeout=60_000)
    page.get_by_text(TALLIES[0], exact=True).first.wait_for(timeout=30_000)
    # Columns stack: Key West's heading sits below Miami's, not beside it.
    miami = page.get_by_role("heading", name="Miami, FL").bounding_box()
    key_west = page.get_by_role("heading", name="Key West, FL").bounding_box()
    assert miami and key_west and key_west["y"] > miami["y"] + 200
    assert abs(key_west["x"] - miami["x"]) < 20
    page.locator(".js-plotly-plot").nth(2).wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "compare-phone.png"))
    assert page.get_by_test_id("stException").count() == 0
