"""Hostile text in every text field, through the real import and edit paths, on every page
and in the downloads, in real Chromium with everything off the machine blocked (issue 12,
items 5–8): no link, image, style, icon or formula comes alive from data, no request
leaves the machine, nothing is sized by data, and characters that hide or reorder text
are written out. One server and one browser serve the whole module."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from sqlmodel import Session, col, select

from policytrack.auth import Editor, add_user
from policytrack.db import make_engine
from policytrack.edits.votes import save_vote, vote_as_input
from policytrack.ingest.official_lists import import_official_list
from policytrack.ingest.pipeline import import_dataset
from policytrack.models import Agency, Agreement, Jurisdiction

from tests.browser.conftest import ARTIFACTS, Server, start_server

pytestmark = pytest.mark.browser

HOSTILE = {
    "link": '<a href="http://evil.example/a">Official site</a>',
    "big": '<span style="font-size:60px">BIG</span>',
    "img": '<img src="http://evil.example/i.png" onerror="alert(1)">',
    "md_image": "![](http://evil.example/md.png)",
    "md_link": "[click](javascript:alert(1))",
    "bare": "see https://evil.example/bare www.evil.example evil@evil.example",
    "katex": r"$\href{http://evil.example/k}{katex}$",
    "icons": ":material/home: :streamlit:",
    "bidi": "https://ok.example/\u202egpj.exe Ron\u200bDeSantis",
}
FORMULA = '=HYPERLINK("http://evil.example/f","click")'
ALL = " ".join(HOSTILE.values())
LONG = "x" * 100_000
VOTE = "fl-hostile-2025-03-04"
VOTE_KEY = HOSTILE["md_image"]  # a vote key from outside, shown in the Edit caption
PLACE = "Hostile " + HOSTILE["link"]
STAKEHOLDER = "Stake " + HOSTILE["link"]
SOURCE = "https://example.org/hostile-report"
PASSWORD = "a long enough passphrase"
WAIT = 60_000
# Every element, attribute and style the data must not create (checked in the page).
INERT_CHECK = """() => {
  const found = [];
  const here = location.protocol === 'file:' ? null : location.host;
  const offSite = (value) => {
    try {
      const url = new URL(value, location.href);
      if (['javascript:', 'mailto:', 'data:', 'vbscript:'].includes(url.protocol)) return true;
      return url.protocol.startsWith('http') && url.host !== here && /evil/i.test(url.host);
    } catch (error) { return /evil|javascript:/i.test(value); }
  };
  const attrs = ['href', 'src', 'srcset', 'xlink:href', 'action', 'formaction', 'background'];
  for (const el of document.querySelectorAll('*')) {
    for (const name of attrs) {
      const value = el.getAttribute(name);
      // plotly and Streamlit draw some images as data:image URIs: local, not from data
      if (value && !value.startsWith('data:image/') && offSite(value)) {
        found.push(`${el.tagName} ${name}=${value}`);
      }
    }
    const style = (el.getAttribute('style') || '').replace(/\\s/g, '');
    if (style.includes('font-size:60px')) found.push(`${el.tagName} style=${style}`);
  }
  for (const img of document.querySelectorAll('img[alt="Streamlit logo"]')) found.push('logo');
  for (const icon of document.querySelectorAll('[aria-label="home icon"]')) found.push('icon');
  for (const katex of document.querySelectorAll('.katex')) found.push('katex');
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const figure = JSON.stringify({data: plot.data, layout: plot.layout});
    for (const tag of ['<a href', '<span style', '<img']) {
      if (figure.includes(tag)) found.push(`plotly figure holds ${tag}`);
    }
    for (const link of plot.querySelectorAll('svg a')) found.push('link in a chart');
  }
  const text = document.body.innerText;
  for (const hidden of ['\\u202e', '\\u200b']) {
    if (text.includes(hidden)) found.push('hidden character');
  }
  for (const box of [document.documentElement, document.querySelector('[data-testid=stMain]')]) {
    if (box && box.scrollWidth > box.clientWidth + 1) found.push('page wider than the window');
  }
  return found;
}"""


def dataset(folder: Path) -> Path:
    """votes.csv, positions.csv and sources.csv with the hostile set in every text field."""
    votes = [
        {"vote_key": VOTE, "jurisdiction": PLACE, "body": f"{HOSTILE['md_image']} {HOSTILE['big']}",
         "vote_date": "2025-03-04", "policy": ALL, "outcome": "passed", "yes": "3", "no": "1",
         "roll_call": "; ".join(f"{HOSTILE[k]}: yes" for k in ("link", "big", "bidi", "katex")),
         "notes": LONG, "disputed": f"{FORMULA} {ALL}", "topic": "287g_agreement"},
        {"vote_key": VOTE_KEY, "jurisdiction": "Miami", "body": HOSTILE["bare"],
         "vote_date": "2025-03-05", "policy": f"{HOSTILE['katex']} {HOSTILE['link']}",
         "outcome": "failed", "yes": "1", "no": "2", "roll_call": "", "notes": ALL,
         "disputed": "", "topic": "state_policy"},
    ]  # fmt: skip
    for vote in votes:
        vote.update(state="FL", jurisdiction_kind="city", action="approve", sources=SOURCE)
    positions = [
        {"vote_key": VOTE, "stakeholder": STAKEHOLDER, "stakeholder_kind": "advocacy_org",
         "speaker": HOSTILE["big"], "role": HOSTILE["bare"], "stance": "oppose", "summary": ALL,
         "quote": LONG, "source_url": SOURCE, "source_key": ""},
        {"vote_key": VOTE_KEY, "stakeholder": STAKEHOLDER, "stakeholder_kind": "advocacy_org",
         "speaker": "", "role": "", "stance": "support", "summary": HOSTILE["bidi"],
         "quote": HOSTILE["icons"], "source_url": SOURCE, "source_key": "article:hostile"},
        {"vote_key": VOTE, "stakeholder": LONG, "stakeholder_kind": "other", "speaker": "",
         "role": "", "stance": "support", "summary": HOSTILE["md_link"], "quote": "",
         "source_url": SOURCE, "source_key": ""},
    ]  # fmt: skip
    sources = [
        {"key": SOURCE, "url": SOURCE, "publisher": HOSTILE["link"], "title": ALL,
         "author": HOSTILE["big"], "published_on": "2025-03-06", "citation": ""},
        {"key": "article:hostile", "url": "", "publisher": HOSTILE["img"],
         "title": HOSTILE["md_image"], "author": "", "published_on": "", "citation": ALL},
    ]  # fmt: skip
    for name, rows in (("votes", votes), ("positions", positions), ("sources", sources)):
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return folder


def ice_list(folder: Path) -> Path:
    """One row of an ICE list whose agency name is hostile."""
    path = folder / "participating_2025-08-01.csv"
    agency = f"{HOSTILE['link']} {HOSTILE['big']} {HOSTILE['bare']} Sheriff's Office"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE",
                         "SIGNED", "MOA"])  # fmt: skip
        writer.writerow(["FL", agency, "County", "Miami-Dade", "Task Force Model", "07/01/2025",
                         "https://www.ice.gov/doclib/hostile.pdf"])  # fmt: skip
    return path


@dataclass(frozen=True)
class Hostile:
    """The served dashboard and the keys of its hostile records."""

    server: Server
    jurisdiction: str  # OCD id of the hostile place
    agreement: str  # key of the hostile agency's agreement


@pytest.fixture(scope="module")
def hostile(seeded_sqlite_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    """The browser tests' database plus the hostile records (imported as a user would), an
    editor's change to one of them, and an editor account; served by `streamlit run`."""
    folder = tmp_path_factory.mktemp("hostile-text")
    copy = folder / "hostile.sqlite3"
    copy.write_bytes(Path(seeded_sqlite_url.removeprefix("sqlite:///")).read_bytes())
    engine = make_engine(f"sqlite:///{copy}")
    import_dataset(engine, dataset(folder))
    import_official_list(engine, ice_list(folder))
    with Session(engine) as session:
        add_user(session, "alice", "editor", password=PASSWORD)
        item, version = vote_as_input(session, VOTE)
        save_vote(session, Editor("bob", "editor"), item.model_copy(update={"notes": ALL}), version)
        session.commit()
        place = session.exec(select(Jurisdiction).where(Jurisdiction.name == PLACE)).one()
        evil = select(Agreement).join(Agency).where(col(Agency.name).contains("evil.example"))
        agreement = session.exec(evil).one()
        keys = place.ocd_id, agreement.key
    engine.dispose()
    running = start_server(f"sqlite:///{copy}", folder / "streamlit.log")
    try:
        yield Hostile(running, *keys)
    finally:
        running.process.terminate()
        running.process.wait(timeout=20)


@pytest.fixture
def hostile_page(browser: Any, hostile: Hostile, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page on the hostile server; every other request is blocked and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    blocked: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith((hostile.server.url, "data:", "blob:", "file:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.blocked = blocked
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    name = request.node.name.replace("/", "_")
    page.screenshot(path=str(ARTIFACTS / f"hostile-{name}.png"), full_page=True)
    context.close()


def drawn(page: Any, charts: int = 0) -> None:
    """Wait for the page's last element and for its `charts` charts to be drawn (plotly's
    code loads lazily: a chart's element comes after the page's text)."""
    page.get_by_text("Records:").last.wait_for(timeout=WAIT)
    page.wait_for_load_state("networkidle", timeout=WAIT)
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
        arg=charts, timeout=WAIT,
    )  # fmt: skip
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=WAIT)


def assert_inert(page: Any) -> None:
    """Nothing in the page came alive from data, and nothing left the machine."""
    assert page.evaluate(INERT_CHECK) == []
    assert page.get_by_test_id("stException").count() == 0
    assert page.blocked == [] and page.dialogs == []


def query(**params: str | list[str]) -> str:
    return urlencode(params, doseq=True)


PAGES = {  # path, and how many charts it draws
    "map-national": ("/", 1),
    "map-florida": ("/?" + query(state="FL"), 1),
    "timeline": ("/timeline?" + query(state="FL"), 5),
    "compare": ("/compare?" + query(jurisdictions=[f"{PLACE}, FL", "Miami, FL"]), 2),
    # the search finds the hostile place, so the stance matrix draws the hostile names
    "stakeholders": ("/stakeholders?" + query(q="Hostile", record=STAKEHOLDER, said="Official"), 2),
    "data": ("/data?" + query(state="FL"), 0),
    "record-vote": ("/record?" + query(vote=VOTE), 1),
    "record-vote-with-hostile-key": ("/record?" + query(vote=VOTE_KEY), 1),
    "record-jurisdiction": ("/record?jurisdiction={jurisdiction}", 0),
    "record-agreement": ("/record?agreement={agreement}", 0),
}


@pytest.mark.parametrize(("path", "charts"), list(PAGES.values()), ids=list(PAGES))
def test_every_page_shows_hostile_text_as_text(
    hostile_page: Any, hostile: Hostile, path: str, charts: int
) -> None:
    keys = {"jurisdiction": hostile.jurisdiction, "agreement": hostile.agreement}
    hostile_page.goto(hostile.server.url + path.format_map({k: quote(v) for k, v in keys.items()}))
    drawn(hostile_page, charts)
    assert_inert(hostile_page)


def test_the_record_pages_show_the_text_itself_with_hidden_characters_written_out(
    hostile_page: Any, hostile: Hostile
) -> None:
    page = hostile_page
    page.goto(f"{hostile.server.url}/record?{query(vote=VOTE)}")
    drawn(page, 1)
    for text in (HOSTILE["big"], HOSTILE["link"], "https://ok.example/[U+202E]gpj.exe"):
        page.get_by_text(text, exact=False).first.wait_for(timeout=WAIT)
    title = page.locator("h1").first.inner_text()
    assert "![](http://evil.example/md.png)" in title and len(title) < 500
    link = page.get_by_role("link", name=f"Jurisdiction: {PLACE}")
    link.wait_for(timeout=WAIT)
    link.click()  # the jurisdiction page, reached as a reader would, from the vote
    drawn(page)
    assert PLACE in page.locator("h1").first.inner_text()
    assert_inert(page)
    page.goto(f"{hostile.server.url}/record?{query(agreement=hostile.agreement)}")
    drawn(page)
    assert HOSTILE["link"] in page.locator("h1").first.inner_text()
    assert_inert(page)


def download(page: Any, button: Any) -> str:
    with page.expect_download() as caught:
        button.click()
    return Path(caught.value.path()).read_text(encoding="utf-8")


def test_downloads_carry_the_text_as_data(hostile_page: Any, hostile: Hostile) -> None:
    """CSV and JSON hold the stored text exactly (a formula is defused in the CSV)."""
    page = hostile_page
    page.goto(f"{hostile.server.url}/data?{query(state='FL')}")
    drawn(page)
    # the votes table's buttons, by their keys (Streamlit marks keyed elements `st-key-…`)
    table = download(page, page.locator(".st-key-votes-csv button"))
    rows = list(csv.DictReader(io.StringIO(table)))
    votes = json.loads(download(page, page.locator(".st-key-votes-json button")))
    [row] = [r for r in rows if r["key"] == VOTE]
    [record] = [v for v in votes if v["key"] == VOTE]
    assert record["motion_text"] == ALL and record["disputed"] == f"{FORMULA} {ALL}"
    assert row["motion_text"] == ALL and row["disputed"] == f"'{FORMULA} {ALL}"
    assert_inert(page)


def test_a_downloaded_chart_is_inert_offline(
    hostile_page: Any, hostile: Hostile, tmp_path: Path
) -> None:
    """The stance matrix as an HTML file: opened on its own, with nothing allowed out."""
    page = hostile_page
    page.goto(f"{hostile.server.url}/stakeholders?{query(q='Hostile')}")
    drawn(page, 1)
    figure = page.evaluate("() => JSON.stringify(document.querySelector('.js-plotly-plot').data)")
    assert "Stake &lt;a href=" in figure, "the matrix should draw the hostile stakeholder"
    button = page.locator(".st-key-stance-matrix-html button")
    chart = tmp_path / "stance-matrix.html"
    chart.write_text(download(page, button), encoding="utf-8")
    assert STAKEHOLDER.split()[0] in chart.read_text(encoding="utf-8")
    page.goto(chart.as_uri())
    page.locator(".main-svg").first.wait_for(timeout=WAIT)
    found = page.evaluate(INERT_CHECK)
    assert found == [] and [u for u in page.blocked if not u.startswith("file:")] == []


def test_the_edit_page_for_a_vote_with_a_hostile_key(hostile_page: Any, hostile: Hostile) -> None:
    """Issue 12.5: the key and body in the form's caption must not fetch an image; the
    history shows the hostile values old → new as text."""
    page = hostile_page
    page.goto(f"{hostile.server.url}/edit?{query(vote=VOTE_KEY)}")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Editing version").wait_for(timeout=WAIT)
    caption = page.get_by_text("Editing version").inner_text()
    assert HOSTILE["md_image"] in caption and "https://evil.example/bare" in caption
    page.get_by_role("tab", name="Positions").click()
    page.get_by_text("History of the positions").wait_for(timeout=WAIT)
    assert_inert(page)
    page.goto(f"{hostile.server.url}/edit?{query(vote=VOTE)}")
    page.get_by_label("User name").fill("alice")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Change to revert").wait_for(timeout=WAIT)
    page.wait_for_load_state("networkidle", timeout=WAIT)
    # The boxes must hold the stored text as it is; each says what it hides, written out.
    note = page.get_by_text("This text holds characters that hide or reorder it (U+200B, U+202E)")
    note.first.wait_for(timeout=WAIT)
    assert "https://ok.example/[U+202E]gpj.exe" in note.first.inner_text()
    assert_inert(page)
    note.first.scroll_into_view_if_needed()  # for the screenshot
