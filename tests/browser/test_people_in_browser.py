"""People in real Chromium, offline: from a vote's positions to the stakeholder's page, and
from there to the person's page with their vote in the roll call (issue 14 part 1)."""

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser


def test_from_a_position_to_the_stakeholder_and_the_person(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/record?vote=fl-miami-2025-06-17")
    page.get_by_text("All of Christine King's positions").first.click(timeout=30_000)
    page.get_by_role("heading", name="Christine King", exact=True).wait_for(timeout=30_000)
    page.get_by_text("Christine King: how they voted").click()
    page.get_by_role("heading", name="How they voted").wait_for(timeout=30_000)
    page.wait_for_url("**/record?person=fl-miami-christine-king", timeout=30_000)
    # Roles over time, then how they voted: the grid mirrors its cells in an accessible
    # table once its code has loaded — wait for the cell, not a fixed time.
    votes = page.get_by_test_id("stDataFrame").nth(1)
    votes.locator("[role=gridcell], td").filter(has_text="Approve").first.wait_for(
        state="attached", timeout=30_000
    )
    page.get_by_role("heading", name="Positions they took").wait_for()
    page.get_by_test_id("stPlotlyChart").first.wait_for()  # the strip: votes and positions
    assert page.get_by_test_id("stException").count() == 0
    assert list(page.blocked.urls) == []
