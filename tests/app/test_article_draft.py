"""The Edit page's "Draft from an article" through AppTest (one backend: page logic). The
articles here are SYNTHETIC: short texts written for these tests, about made-up council
members; they are not news reports and no record is drawn from them outside the test.

A pasted article fills the form with the sentence each field came from; saving makes the
vote with the article (URL, publisher, date) as its source, and its positions; a report of a
stored vote adds the source and positions and keeps where it disagrees as a disagreement;
nothing is written before the save; a URL is fetched only on its button (a local server
here), and a machine that cannot reach it, or a configured endpoint that is down, says so."""

import datetime as dt
import http.server
import socket
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from policytrack.edits.positions import positions_on
from policytrack.edits.votes import vote_as_input
from policytrack.models import Position, Source, VoteEvent

from tests.app.conftest import signed_in

URL = "https://news.example.org/doral-vote"

# SYNTHETIC article (written for this test): a made-up vote of a real city's council.
DORAL = (
    "Doral council backs jail agreement with ICE\n"
    "DORAL, Fla. — The Doral City Council voted 4-1 on Wednesday to approve a 287(g) "
    "agreement with U.S. Immigration and Customs Enforcement.\n"
    "Council members Ana Ruiz, Ben Cole, Carla Diaz and Dan Eve voted yes. Council member "
    "Fay Gold voted no.\n"
    "The Florida Immigrant Coalition opposed the agreement, saying it would erode trust.\n"
)
# SYNTHETIC report of the stored Miami vote of 2025-06-17 (stored as 3-2), giving 4-1.
MIAMI = (
    "Miami commission approves ICE partnership\n"
    "MIAMI — The Miami City Commission voted 4-1 on Tuesday to approve a 287(g) agreement "
    "with U.S. Immigration and Customs Enforcement.\n"
    "The Florida Immigrant Coalition opposed the agreement, saying it would erode trust.\n"
)
MIAMI_KEY = "fl-miami-2025-06-17"
MIAMI_URL = "https://news.example.org/miami-vote"


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    for name in ("POLICYTRACK_LLM_URL", "POLICYTRACK_LLM_MODEL", "POLICYTRACK_LLM_KEY"):
        monkeypatch.delenv(name, raising=False)
    return signed_in(seeded_engine, monkeypatch)


def draft(at: AppTest, text: str, url: str, published: dt.date) -> AppTest:
    at.text_area(key="draft-text").input(text)
    at.text_input(key="draft-url").input(url)
    at.text_input(key="draft-publisher").input("Example News")
    at.date_input(key="draft-published").set_value(published)
    return at.button(key="draft-run").click().run()


def click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label.startswith(label)).click().run()


def counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return (
            session.exec(select(func.count()).select_from(VoteEvent)).one(),
            session.exec(select(func.count()).select_from(Position)).one(),
            session.exec(select(func.count()).select_from(Source)).one(),
        )


def test_a_pasted_article_fills_the_form_with_evidence_and_nothing_is_written(
    app: AppTest, seeded_engine: Engine
) -> None:
    before = counts(seeded_engine)
    draft(app, DORAL, URL, dt.date(2025, 6, 20))
    assert not app.exception
    key = "fl-doral-2025-06-18"
    assert app.text_input(key="draft-1-jurisdiction").value == "Doral"
    assert app.date_input(key=f"{key}-date").value == dt.date(2025, 6, 18)
    assert (app.number_input(key=f"{key}-yes").value, app.number_input(key=f"{key}-no").value) == (
        4,
        1,
    )
    roll = app.get("data_editor")[0].value
    assert ("Fay Gold", "no") in set(zip(roll["voter_name"], roll["option"], strict=True))
    assert URL in app.text_area(key=f"{key}-sources").value
    # the sentence each field came from, highlighted in its place in the article
    shown = " ".join(c.value for c in app.caption)
    assert ":orange-background[" in shown and "Council member Fay Gold voted no" in shown
    assert counts(seeded_engine) == before


def test_saving_makes_the_vote_citing_the_article_then_its_positions(
    app: AppTest, seeded_engine: Engine
) -> None:
    draft(app, DORAL, URL, dt.date(2025, 6, 20))
    app.number_input(key="fl-doral-2025-06-18-yes").set_value(5)  # the editor corrects
    app.number_input(key="fl-doral-2025-06-18-no").set_value(0)
    click(app, "Save changes")
    assert not app.exception and not app.error
    assert [s.value for s in app.success] == ["Saved."]
    with Session(seeded_engine) as session:
        vote, _ = vote_as_input(session, "fl-doral-2025-06-18")
        source = session.exec(select(Source).where(Source.key == URL)).one()
    assert (vote.yes, vote.no) == (5, 0) and [s.key for s in vote.sources] == [URL]
    assert (source.publisher, source.published_on) == ("Example News", dt.date(2025, 6, 20))
    # the saved vote is now the one the report is about: its positions are added to it
    assert app.radio(key="draft-target-fl-doral-2025-06-18").value == "fl-doral-2025-06-18"
    assert not app.warning  # it cites the article: nothing disagrees
    click(app, "Add 6 position(s)")
    assert not app.exception and not app.error
    with Session(seeded_engine) as session:
        rows = positions_on(session, "fl-doral-2025-06-18")
        cited = {s.key for p in session.exec(select(Position)).all() for s in p.sources
                 if p.key.startswith("fl-doral-2025-06-18|")}  # fmt: skip
    assert {(r["stakeholder"], r["stance"]) for r in rows} >= {
        ("Florida Immigrant Coalition", "oppose")
    }
    assert len(rows) == 6 and cited == {URL}


def test_a_report_of_a_stored_vote_is_added_with_its_disagreement_never_over_it(
    app: AppTest, seeded_engine: Engine
) -> None:
    with Session(seeded_engine) as session:
        stored, _ = vote_as_input(session, MIAMI_KEY)
    draft(app, MIAMI, MIAMI_URL, dt.date(2025, 6, 18))
    assert not app.exception
    assert app.radio(key=f"draft-target-{MIAMI_KEY}").value == MIAMI_KEY
    warning = " ".join(w.value for w in app.warning)
    assert "disagrees" in warning and "yes 4, no 1" in warning and "yes 3, no 2" in warning
    click(app, "Add the article and 1 position(s)")
    assert not app.exception and not app.error
    with Session(seeded_engine) as session:
        after, _ = vote_as_input(session, MIAMI_KEY)
        rows = positions_on(session, MIAMI_KEY)
    assert (after.yes, after.no, after.vote_date) == (stored.yes, stored.no, stored.vote_date)
    assert [s.key for s in after.sources] == [s.key for s in stored.sources] + [MIAMI_URL]
    assert stored.disputed and after.disputed and after.disputed.startswith(stored.disputed)
    assert "tally yes 4, no 1 (record: yes 3, no 2)" in after.disputed
    assert ("Florida Immigrant Coalition", "oppose") in {
        (r["stakeholder"], r["stance"]) for r in rows
    }


def test_nothing_is_written_before_the_editor_saves(app: AppTest, seeded_engine: Engine) -> None:
    before = counts(seeded_engine)
    draft(app, MIAMI, MIAMI_URL, dt.date(2025, 6, 18))
    app.text_input(key="draft-1-jurisdiction").input("Doral").run()  # corrected, not saved
    assert not app.exception
    assert counts(seeded_engine) == before


class _Page(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_page() -> Iterator[str]:
    """A local HTTP server giving the SYNTHETIC Doral article (no internet in tests)."""
    _Page.body = DORAL.encode()
    server = http.server.HTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/doral"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_url_is_fetched_only_on_its_button(app: AppTest, local_page: str) -> None:
    app.text_input(key="draft-url").input(local_page).run()
    assert app.text_area(key="draft-text").value in ("", None)  # typing a URL fetches nothing
    click(app, "Fetch the article")
    assert not app.exception and not app.error
    assert "Council member Fay Gold voted no." in app.text_area(key="draft-text").value


def test_an_unreachable_url_says_the_machine_is_offline_or_the_site_down(app: AppTest) -> None:
    app.text_input(key="draft-url").input(f"http://127.0.0.1:{closed_port()}/gone").run()
    click(app, "Fetch the article")
    assert not app.exception
    [error] = app.error
    assert "offline" in error.value and "site down" in error.value
    draft(app, DORAL, URL, dt.date(2025, 6, 20))  # pasting still works
    assert app.text_input(key="draft-1-jurisdiction").value == "Doral"


def test_a_configured_endpoint_that_is_down_gives_the_offline_draft_with_a_notice(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYTRACK_LLM_URL", f"http://127.0.0.1:{closed_port()}/v1")
    monkeypatch.setenv("POLICYTRACK_LLM_MODEL", "any-model")
    monkeypatch.setenv("POLICYTRACK_LLM_TIMEOUT", "2")
    draft(app, DORAL, URL, dt.date(2025, 6, 20))
    assert not app.exception
    [notice] = [w.value for w in app.warning if "language model" in w.value]
    assert "not used" in notice and "offline rules drafted this" in notice
    assert app.text_input(key="draft-1-jurisdiction").value == "Doral"


# SYNTHETIC saved page (written for this test): the Doral article with a site's furniture.
PAGE = (
    "<!doctype html><html><head><title>Doral council backs jail agreement with ICE</title>"
    "</head><body><nav>Home | News | Sports | Weather</nav><article><h1>Doral council backs "
    "jail agreement with ICE</h1>"
    + "".join(f"<p>{line}</p>" for line in DORAL.splitlines()[1:])
    + "</article><footer>Subscribe to our newsletter</footer></body></html>"
)


def test_an_uploaded_page_is_read_for_its_main_text(app: AppTest) -> None:
    upload = ("doral.html", PAGE.encode(), "text/html")
    app.file_uploader(key="draft-file").set_value(upload).run()
    draft(app, "", URL, dt.date(2025, 6, 20))
    assert not app.exception and not app.error
    assert app.number_input(key="fl-doral-2025-06-18-yes").value == 4
    shown = " ".join(c.value for c in app.caption)
    assert "Subscribe" not in shown and "Council member Fay Gold voted no" in shown


def test_drafting_again_shows_the_new_draft_in_the_form(app: AppTest) -> None:
    draft(app, DORAL, URL, dt.date(2025, 6, 20))
    app.number_input(key="fl-doral-2025-06-18-yes").set_value(9).run()  # typed, then…
    draft(app, DORAL.replace("voted 4-1", "voted 3-2"), URL, dt.date(2025, 6, 20))
    assert app.number_input(key="fl-doral-2025-06-18-yes").value == 3
