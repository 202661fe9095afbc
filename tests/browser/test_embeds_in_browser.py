"""Embeds in real Chromium against a real server, offline (issue 15): a chart's Embed
snippet pasted into a page of someone else's loads that chart alone from the dashboard, with
its title, source line and the view's filters; the chart's SVG carries them too."""

import html

import pytest

from tests.browser.conftest import ARTIFACTS, Server

pytestmark = pytest.mark.browser

FILES = ".st-key-votes-chart-chart-files"  # the controls beside Timeline's votes-by-month chart
VIEW = """() => {
  const shown = (e) => e && e.checkVisibility();
  const view = document.querySelector('.st-key-embed-view');
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart]')].filter(shown);
  return {
    drawn: !!(view && view.querySelector('.main-svg')),
    charts: charts.length,
    headings: [...document.querySelectorAll('h1, h2, h3')].filter(shown).map((h) => h.textContent),
    sidebar: shown(document.querySelector('[data-testid=stSidebar]')),
    source: view && view.querySelector('a') ? view.querySelector('a').href : null,
  };
}"""


def open_timeline(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.locator(FILES).wait_for(timeout=90_000)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg').length >= 2",
        timeout=60_000,
    )


def test_a_pasted_embed_shows_the_chart_alone_from_the_dashboard(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_timeline(page, f"{server.url}/timeline?state=FL")
    page.locator(FILES).get_by_role("button", name="Embed").click()
    code = page.get_by_test_id("stPopoverBody").locator("code")
    snippet = code.inner_text()
    assert snippet.startswith("<iframe"), snippet
    story = f"<!doctype html><title>A story</title><h1>A story</h1>\n{snippet}"
    (ARTIFACTS / "embed-story.html").write_text(story, "utf-8")
    page.set_content(story)
    frame = page.locator("iframe")
    assert frame.get_attribute("title") == "Votes by month"
    assert "only=votes-chart" in html.unescape(frame.get_attribute("src") or "")
    inside = page.frame_locator("iframe").locator(".st-key-embed-view .main-svg").first
    inside.wait_for(timeout=90_000)
    view = page.frames[1].evaluate(VIEW)
    assert view["drawn"] and view["charts"] == 1, view
    assert view["headings"] == ["Votes by month"], view
    assert view["sidebar"] is False, view
    assert view["source"].startswith(server.url) and "state=" in view["source"], view
    back = page.locator("p a")
    assert "state=" in (back.get_attribute("href") or "") and "only=" not in back.get_attribute(
        "href"
    )
    assert page.blocked.urls == [], "nothing but the dashboard is contacted"


def test_a_chart_s_svg_says_what_it_shows(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_timeline(page, f"{server.url}/timeline?state=FL")
    with page.expect_download(timeout=90_000) as download:
        page.locator(FILES).get_by_role("button", name="Chart (SVG)").click()
    assert download.value.suggested_filename == "policytrack-votes-chart.svg"
    svg = download.value.path().read_text("utf-8")
    (ARTIFACTS / "votes-chart.svg").write_text(svg, "utf-8")
    written = html.unescape(svg)
    assert svg.startswith("<svg")
    for words in ("Votes by month", "Source: policytrack, http", "As of 20", "Filters: states"):
        assert words in written, words
    assert f"{server.url}/timeline?state=" in written, "the view it came from"
    assert page.blocked.urls == []
