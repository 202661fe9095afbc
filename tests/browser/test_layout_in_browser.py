"""Every page reads well at 1280, 768 and 420 px and in print (issue 13, item 11), in real
Chromium against a real server, offline. A screenshot of each page at each width and in
print is kept in test-artifacts/browser/layout/ (look at them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, Server

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "layout"
PAGES = {
    "map": "",
    "timeline": "timeline",
    "compare": "compare?jurisdictions=Miami%2C+FL&jurisdictions=Key+West%2C+FL",
    "stakeholders": "stakeholders",
    "data": "data",
    "record": "record?vote=fl-miami-2025-06-17",
    "person": "record?person=fl-key-west-donald-lee",
    "changes": "changes",
    "edit": "edit",
}
# Done: the script has finished, nothing is still a placeholder, every chart is drawn.
READY = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelector('[data-testid=stMain] h1') !== null
    && !document.querySelector('[data-testid=stSkeleton]')
    && [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
         .every((c) => c.querySelector('.main-svg'));
}"""
# How far the page's content reaches past the window's right edge (px; 0 when it fits):
# a page that scrolls sideways hides its right-hand side on a phone.
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid=stMainBlockContainer]');
  const right = Math.max(...[...main.children].map((e) => e.getBoundingClientRect().right));
  return Math.max(0, Math.round(right - window.innerWidth));
}"""
# Whether an element shows whole: no ancestor that clips (overflow other than visible)
# ends before it, the sidebar included.
SHOWN_WHOLE = """(e) => {
  const box = e.getBoundingClientRect();
  for (let a = e.parentElement; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (style.overflowX === 'visible' && style.overflow === 'visible') continue;
    const edge = a.getBoundingClientRect();
    if (box.right > edge.right + 0.5 || box.left < edge.left - 0.5) return false;
  }
  return box.right <= window.innerWidth;
}"""
SHAPES = "document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length"
# The drawn states of the map (their bounding box) and the chart's own width, in px.
MAP_WIDTHS = """() => {
  const chart = document.querySelector('.js-plotly-plot .main-svg');
  const shapes = [...document.querySelectorAll('.js-plotly-plot path.choroplethlocation')]
    .map((p) => p.getBoundingClientRect());
  const left = Math.min(...shapes.map((r) => r.left));
  const right = Math.max(...shapes.map((r) => r.right));
  return {chart: chart.getBoundingClientRect().width, states: right - left};
}"""
# The stance matrix: its place labels, and how far any label or cell reaches past the window.
MATRIX = """() => {
  const chart = [...document.querySelectorAll('.js-plotly-plot')]
    .find((p) => p.querySelector('.heatmaplayer'));
  const labels = [...chart.querySelectorAll('.xtick text')];
  const edge = Math.max(...[...labels, chart.querySelector('.heatmaplayer')]
    .map((e) => e.getBoundingClientRect().right));
  return {labels: labels.map((t) => t.textContent), past: Math.max(0, edge - window.innerWidth)};
}"""


def _open(context: Any, server: Server, path: str) -> Any:
    page = context.new_page()
    page.goto(f"{server.url}/{path}")
    page.wait_for_function(READY, timeout=90_000, polling=100)
    return page


class Opened:
    """Pages opened at a width, each once for the module: the print test reads the pages the
    1280 px test opened, the phone tests those the 420 px test opened (opening a page is
    most of these tests' time). One browser context per width; every off-machine request
    is blocked and recorded in `blocked[width]`."""

    def __init__(self, browser: Any, server: Server) -> None:
        self.browser, self.server = browser, server
        self.contexts: dict[int, Any] = {}
        self.pages: dict[tuple[int, str], Any] = {}
        self.blocked: dict[int, list[str]] = {}

    def page(self, width: int, path: str) -> Any:
        if (width, path) not in self.pages:
            self.pages[width, path] = _open(self.context(width), self.server, path)
        return self.pages[width, path]

    def context(self, width: int) -> Any:
        if width not in self.contexts:
            context = self.browser.new_context(viewport={"width": width, "height": 900})
            blocked = self.blocked.setdefault(width, [])

            def route(route: Any) -> None:
                if route.request.url.startswith((self.server.url, "data:", "blob:")):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            context.route("**/*", route)
            self.contexts[width] = context
        return self.contexts[width]

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="module")
def opened(browser: Any, server: Server) -> Iterator[Opened]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = Opened(browser, server)
    yield pages
    pages.close()


@pytest.mark.parametrize("width", [1280, 768, 420])
def test_every_page_fits_the_width(opened: Opened, width: int) -> None:
    """No page reaches past the window (nothing hidden off to the right), none errs."""
    for name, path in PAGES.items():
        page = opened.page(width, path)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        assert page.get_by_test_id("stException").count() == 0, name
        assert page.evaluate(OVERFLOW) <= 1, f"{name} at {width} px scrolls sideways"
    assert opened.blocked[width] == []


def test_sidebar_dates_show_whole(opened: Opened) -> None:
    """Issue 13: at 1280 px the sidebar's From / To showed "2025 - 0"."""
    page = opened.page(1280, "data?from=2025-01-01&to=2025-12-31")
    sidebar = page.get_by_test_id("stSidebar")
    for label in ("From", "To"):
        field = sidebar.get_by_role("group", name=label)
        assert field.get_by_role("spinbutton", name=f"year, {label}").inner_text() == "2025"
        day = field.get_by_role("spinbutton", name=f"day, {label}")
        assert day.evaluate(SHOWN_WHOLE), f"the {label} date is cut"
    sidebar.screenshot(path=str(SHOTS / "sidebar-dates-1280.png"))


def test_phone_map_takes_the_width(opened: Opened) -> None:
    """Issue 13: at 420 px the map was 230 px wide (a colour bar beside it took a third)."""
    page = opened.page(420, PAGES["map"])
    page.wait_for_function(f"() => {SHAPES} >= 51", timeout=60_000)  # 50 states and DC
    widths = page.evaluate(MAP_WIDTHS)
    assert widths["chart"] >= 0.9 * 420, widths
    # plotly fits the US (Alaska and Hawaii inset) into its frame with a margin of its own.
    assert widths["states"] >= 0.7 * 420, widths


def test_phone_stance_matrix_labels_every_place_and_cuts_none(opened: Opened) -> None:
    """Issue 13: at 420 px the grid clipped its last column and labelled every other one."""
    page = opened.page(420, PAGES["stakeholders"])
    matrix = page.evaluate(MATRIX)
    caption = page.get_by_text("jurisdictions where they took the most").inner_text()
    found = re.search(r"in the (\d+) of", caption)
    assert found, caption
    places = int(found.group(1))
    assert len(matrix["labels"]) == places, matrix
    assert matrix["past"] <= 1, matrix


# In print (after the page's `beforeprint`): what is still shown that should not be, the
# widest chart, and each link's text with what print writes after it.
MIAMI_SOURCE = "https://305accident.net/?p=3526"
PRINTED = """() => {
  window.dispatchEvent(new Event('beforeprint'));
  const controls = ['stSidebar', 'stHeader', 'stDownloadButton', 'stButton', 'stTextInput',
    'stSelectbox', 'stMultiSelect', 'stDateInput', 'stCheckbox', 'stElementToolbar']
    .flatMap((id) => [...document.querySelectorAll(`[data-testid=${id}]`)])
    .filter((e) => getComputedStyle(e).display !== 'none')
    .map((e) => e.dataset.testid);
  const charts = [...document.querySelectorAll('[data-testid=stMain] [data-testid=stPlotlyChart]')]
    .map((c) => c.getBoundingClientRect().width);
  const links = [...document.querySelectorAll('[data-testid=stMain] a[href]')]
    .filter((a) => a.checkVisibility())
    .filter((a) => !a.getAttribute('href').startsWith('#'))  // within the page: no address
    .map((a) => [a.textContent.trim(), getComputedStyle(a, '::after').content]);
  return {controls, widest: Math.max(0, ...charts), links};
}"""


def test_print_shows_the_page_without_the_app_around_it(opened: Opened, server: Server) -> None:
    """Issue 13: printing included the sidebar. Issue 15: and buttons, inputs, charts wider
    than the paper, links without their address. In print: none of the app's controls; the
    content starts at the page's left edge; charts fit a portrait page; every link is
    followed by its full address, unless its text is that address."""
    for name, path in PAGES.items():
        page = opened.page(1280, path)
        page.emulate_media(media="print")
        page.wait_for_function("() => window.policytrackPrint === true", timeout=30_000)
        printed = page.evaluate(PRINTED)
        left = page.evaluate(
            "() => document.querySelector('[data-testid=stMain] h1').getBoundingClientRect().left"
        )
        page.screenshot(path=str(SHOTS / f"{name}-print.png"), full_page=True)
        assert printed["controls"] == [], f"{name}: {printed['controls']} printed"
        assert left < 100, f"{name}: printed content starts {left:.0f} px in"
        assert printed["widest"] <= 681, f"{name}: a chart {printed['widest']:.0f} px wide"
        for text, after in printed["links"]:
            bare = not text or text.startswith("http")  # an anchor icon, or the address
            assert after == "none" if bare else server.url in after or "://" in after, (
                f"{name}: link {text!r} prints {after!r}"
            )
        if name == "record":
            sources = dict(printed["links"])
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        page.emulate_media(media="screen")  # as the other tests expect it
    assert sources["305accident.net"] == f'" <{MIAMI_SOURCE}>"', sources
