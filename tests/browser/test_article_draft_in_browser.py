"""Draft from an article in real Chromium: an editor pastes a SYNTHETIC report (written for
this test: a made-up vote with made-up members), sees the vote form filled and the evidence
sentence highlighted, corrects a count and saves; the vote's Record page cites the article.
Its own SQLite database and server (the save must not leak into the shared one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from policytrack import migrations
from policytrack.config import REPO_ROOT
from policytrack.db import make_engine
from policytrack.ingest.pipeline import seed

from tests.browser.conftest import ARTIFACTS, Server, start_server
from tests.browser.test_edit_two_sessions import add_editor

pytestmark = pytest.mark.browser
WAIT = 30_000
PASSWORD = "carol's long passphrase"
URL = "https://news.example.org/doral-vote"
KEY = "fl-doral-2025-06-18"
# SYNTHETIC article (written for this test).
DORAL = (
    "Doral council backs jail agreement with ICE\n"
    "DORAL, Fla. — The Doral City Council voted 4-1 on June 18, 2025, to approve a 287(g) "
    "agreement with U.S. Immigration and Customs Enforcement.\n"
    "Council members Ana Ruiz, Ben Cole, Carla Diaz and Dan Eve voted yes. Council member "
    "Fay Gold voted no.\n"
)


@pytest.fixture(scope="module")
def draft_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    url = f"sqlite:///{tmp_path_factory.mktemp('draft') / 'draft.sqlite3'}"
    migrations.upgrade(url)
    engine = make_engine(url)
    seed(engine, REPO_ROOT / "data" / "seed")
    engine.dispose()
    add_editor(url, "carol", PASSWORD)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    running = start_server(url, ARTIFACTS / "streamlit-article-draft.log")
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=20)


@pytest.fixture
def tab(browser: object, draft_server: Server) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 1600})  # type: ignore[attr-defined]
    blocked: list[str] = []

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(draft_server.url) or url.startswith(("data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            blocked.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)  # type: ignore[attr-defined]
    page = context.new_page()  # type: ignore[attr-defined]
    page.blocked = blocked
    yield page
    page.screenshot(path=str(Path(ARTIFACTS) / "article-draft.png"), full_page=True)
    context.close()  # type: ignore[attr-defined]


def test_a_pasted_article_fills_the_form_and_saves_with_the_article_as_source(
    tab, draft_server: Server
) -> None:  # type: ignore[no-untyped-def]
    page = tab
    page.goto(f"{draft_server.url}/edit")
    page.get_by_label("User name").fill("carol")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as carol (editor)").wait_for(timeout=WAIT)
    page.get_by_role("tab", name="Draft from an article").click()
    panel = page.get_by_role("tabpanel").filter(has=page.get_by_label("Article text"))
    panel.get_by_label("Article text").fill(DORAL)
    panel.get_by_label("Article URL (the source of every fact saved)").fill(URL)
    panel.get_by_label("Publisher of the article").fill("Example News")
    panel.get_by_label("Article text").click()  # leave the URL box: its value is sent
    panel.get_by_role("button", name="Draft", exact=True).click()

    panel.get_by_text(f"New vote {KEY}").wait_for(timeout=WAIT)
    assert panel.get_by_label("Place", exact=True).input_value() == "Doral"
    yes = panel.get_by_label("Yes", exact=True)
    assert yes.input_value() == "4" and panel.get_by_label("No", exact=True).input_value() == "1"
    assert URL in panel.get_by_label("Sources (one http(s) URL per line)").input_value()
    # the sentence the roll call came from, highlighted in the article
    evidence = panel.locator("mark, span").filter(has_text="Council member Fay Gold voted no.")
    assert evidence.first.is_visible()
    yes.fill("5")  # the editor corrects the draft
    panel.get_by_role("button", name="Save changes").click()
    panel.get_by_text("Saved.").wait_for(timeout=WAIT)

    page.goto(f"{draft_server.url}/record?vote={KEY}")
    page.get_by_text("Download this record (JSON)").wait_for(timeout=WAIT)
    assert page.locator(f'a[href="{URL}"]').count() >= 1  # the article is its source
    yes_shown = page.get_by_test_id("stMetric").filter(has_text="Yes").first
    assert yes_shown.get_by_test_id("stMetricValue").inner_text() == "5"  # as corrected
    assert page.get_by_test_id("stException").count() == 0
    assert page.blocked == []
