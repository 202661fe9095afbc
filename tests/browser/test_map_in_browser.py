"""The Map page in real Chromium against a real server, offline: shapes and markers are drawn
from the app's own basemaps and GeoJSON, and a deep link opens a state's counties."""

import json
import time

import pytest

from tests.browser.conftest import ARTIFACTS, Server

pytestmark = pytest.mark.browser

SHAPES = "document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length"
MARKERS = "document.querySelectorAll('.js-plotly-plot .scattergeo path.point').length"


def offsite(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Requests the page tried to send off this machine (all blocked)."""
    return list(page.blocked.urls)


def open_map(page, url: str) -> float:  # type: ignore[no-untyped-def]
    """Open the page and wait until the map has drawn shapes; seconds it took."""
    start = time.monotonic()
    page.goto(url)
    page.wait_for_function(f"() => {SHAPES} > 0", timeout=60_000, polling=50)
    return time.monotonic() - start


def record(name: str, seconds: float) -> None:
    """Keep the draw time with the screenshots (measured, not asserted)."""
    path = ARTIFACTS / "map-draw-times.json"
    times = json.loads(path.read_text()) if path.exists() else {}
    times[name] = round(seconds, 2)
    path.write_text(json.dumps(times, indent=1))


def element_order(frames: list[bytes]) -> list[str]:
    """The kinds of element the server sent, in the order it sent them, with "finished"
    where a run of the script ended."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    kinds = []
    for frame in frames:
        message = ForwardMsg.FromString(frame)
        kind = message.WhichOneof("type")
        if kind == "script_finished":
            kinds.append("finished")
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            kinds.append(str(message.delta.new_element.WhichOneof("type")))
    return kinds


def test_national_map_draws_states_and_markers_offline(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    frames: list[bytes] = []
    page.on(
        "websocket",
        lambda socket: socket.on(
            "framereceived",
            lambda frame: frames.append(frame) if isinstance(frame, bytes) else None,
        ),
    )
    seconds = open_map(page, server.url)
    page.wait_for_function(f"() => {MARKERS} > 0", timeout=30_000)
    record("national", seconds)
    assert page.evaluate(SHAPES) == 51  # 50 states and DC
    assert page.evaluate(MARKERS) >= 20  # one per place with votes
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_text("By state").count() >= 1
    assert offsite(page) == []
    # The browser evaluates plotly.js (4.7 MB) when the first chart arrives and draws no
    # other lazily loaded element until it is done: on a tab's first page the numbers and
    # tables come in a run of their own, the map in a later one (components/later.py).
    kinds = element_order(frames)
    assert "plotly_chart" in kinds and "finished" in kinds
    first_run = kinds[: kinds.index("finished")]
    assert "metric" in first_run and "dataframe" in first_run, first_run
    assert "plotly_chart" not in first_run, first_run


def test_deep_link_opens_florida_counties(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    seconds = open_map(page, f"{server.url}/?zoom=Florida&layer=Agreements")
    record("florida counties", seconds)
    page.get_by_text("Counties of Florida").wait_for(timeout=30_000)
    assert page.evaluate(SHAPES) == 67
    assert page.evaluate(MARKERS) > 100  # ICE's list places agencies in >100 Florida places
    assert offsite(page) == []


def test_phone_width_still_draws_the_map(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 400, "height": 900})
    open_map(page, f"{server.url}/?zoom=Texas")
    page.get_by_text("Counties of Texas").wait_for(timeout=30_000)
    assert page.evaluate(SHAPES) == 254
    box = page.locator(".js-plotly-plot").first.bounding_box()
    assert box is not None and box["width"] <= 400


def test_an_unknown_page_says_so(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/nonexistent-page")
    page.get_by_text("There is no page “nonexistent-page” here: this is the Map page.").wait_for(
        timeout=30_000
    )
    assert offsite(page) == []
