"""Two editors in two real browser sessions edit the same vote: the first save stands, the
second is refused with "changed by … — reload" and overwrites nothing. And a viewer who opens
the Edit page by URL finds nothing that writes.

They run against their own copy of the seeded database (the edits must not leak into the
shared `server` fixture), with accounts made by the real `policytrack users add` command.
SQLite only: what a person sees is page logic; the guard and the wait underneath are tested
on both databases (tests/integration/test_services.py, test_concurrent_writes.py).
Only the "Edit a vote" tab and the vote form are relied on: other tabs may come and go.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from policytrack.config import REPO_ROOT
from policytrack.db import make_engine, session_scope
from policytrack.models import AuditEntry, VoteEvent

from tests.browser.conftest import ARTIFACTS, Server, start_server
from tests.conftest import Templates

pytestmark = pytest.mark.browser
MIAMI = "fl-miami-2025-06-17"
PASSWORDS = {"alice": "alice's long passphrase", "bob": "bob's long passphrase too"}
FIRST_NOTE = "Checked against the minutes (first editor)."
SECOND_NOTE = "Overwritten by the second editor?"
WAIT = 30_000


def add_editor(database_url: str, name: str, password: str) -> None:
    """`policytrack users add NAME --role editor --password-stdin`, as an admin would."""
    command = [str(Path(sys.executable).parent / "policytrack"), "users", "add", name,
               "--role", "editor", "--password-stdin"]  # fmt: skip
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": database_url}
    done = subprocess.run(command, input=password + "\n", env=env, cwd=REPO_ROOT,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert password not in done.stdout + done.stderr


@pytest.fixture(scope="module")
def edit_db(sqlite_templates: Templates) -> str:
    """A fresh database: the bundled data and two local editor accounts."""
    url = sqlite_templates.fresh("seeded")  # a copy of the seeded template the layers share
    for name, password in PASSWORDS.items():
        add_editor(url, name, password)
    return url


@pytest.fixture(scope="module")
def edit_server(edit_db: str) -> Iterator[Server]:
    """`streamlit run` on that database."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    backend = edit_db.split(":", 1)[0].split("+")[0]
    running = start_server(edit_db, ARTIFACTS / f"streamlit-edit-{backend}.log")
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=20)


@dataclass
class Tab:
    """One browser session (its own context: own cookies, own Streamlit session)."""

    name: str
    page: object
    blocked: list[str] = field(default_factory=list)


@pytest.fixture
def open_session(
    browser: object, edit_server: Server, request: pytest.FixtureRequest
) -> Iterator[object]:
    """Opens separate browser contexts; each is screenshot into test-artifacts and closed."""
    contexts: list[tuple[object, Tab]] = []

    def opener(name: str) -> Tab:
        context = browser.new_context(viewport={"width": 1280, "height": 1600})  # type: ignore[attr-defined]
        tab = Tab(name, None)

        def route(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            if url.startswith(edit_server.url) or url.startswith(("data:", "blob:")):
                route.continue_()  # type: ignore[attr-defined]
            else:
                tab.blocked.append(url)
                route.abort()  # type: ignore[attr-defined]

        context.route("**/*", route)  # type: ignore[attr-defined]
        tab.page = context.new_page()  # type: ignore[attr-defined]
        contexts.append((context, tab))
        return tab

    yield opener
    test = request.node.name.replace("/", "_")
    for context, tab in contexts:
        shot = ARTIFACTS / f"{test}-{tab.name}.png"
        tab.page.screenshot(path=str(shot), full_page=True)  # type: ignore[attr-defined]
        context.close()  # type: ignore[attr-defined]


def sign_in(tab: Tab, url: str) -> None:
    page = tab.page
    page.goto(f"{url}/edit?vote={MIAMI}")  # type: ignore[attr-defined]
    page.get_by_label("User name").fill(tab.name)  # type: ignore[attr-defined]
    page.get_by_label("Password", exact=True).fill(PASSWORDS[tab.name])  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.get_by_text(f"Signed in as {tab.name} (editor)").wait_for(timeout=WAIT)  # type: ignore[attr-defined]


def loaded_version(tab: Tab) -> int:
    """The version the form says it is editing ("Editing version N of KEY …")."""
    caption = tab.page.get_by_text(f"of {MIAMI}").first  # type: ignore[attr-defined]
    caption.wait_for(timeout=WAIT)
    return int(caption.inner_text().split("Editing version ", 1)[1].split()[0])


def save_note(tab: Tab, note: str) -> None:
    page = tab.page
    notes = page.get_by_label("Notes", exact=True)  # type: ignore[attr-defined]
    notes.fill(note)
    page.get_by_role("button", name="Save changes").click()  # type: ignore[attr-defined]


def stored(database_url: str) -> tuple[VoteEvent, list[AuditEntry]]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            vote = session.exec(select(VoteEvent).where(VoteEvent.key == MIAMI)).one()
            entries = session.exec(
                select(AuditEntry)
                .where(AuditEntry.record_key == MIAMI)
                .order_by(col(AuditEntry.id))
            ).all()
            session.expunge_all()
            return vote, list(entries)
    finally:
        engine.dispose()


def test_second_editor_is_refused_and_the_first_change_stands(
    open_session, edit_server: Server, edit_db: str
) -> None:  # type: ignore[no-untyped-def]
    before, _ = stored(edit_db)
    alice, bob = open_session("alice"), open_session("bob")
    sign_in(alice, edit_server.url)
    sign_in(bob, edit_server.url)
    assert loaded_version(alice) == loaded_version(bob) == before.version

    save_note(alice, FIRST_NOTE)
    saved = alice.page.get_by_text("Saved.")  # type: ignore[attr-defined]
    saved.wait_for(timeout=WAIT)
    saved.scroll_into_view_if_needed()  # the screenshots show what each editor saw
    save_note(bob, SECOND_NOTE)
    refusal = bob.page.get_by_text("changed by alice at")  # type: ignore[attr-defined]
    refusal.wait_for(timeout=WAIT)
    refusal.scroll_into_view_if_needed()
    assert refusal.inner_text().rstrip().endswith("— reload")
    assert bob.page.get_by_text("Saved.").count() == 0  # type: ignore[attr-defined]

    after, entries = stored(edit_db)
    assert after.notes == FIRST_NOTE
    assert after.version == before.version + 1
    assert [(e.user_name, e.action) for e in entries] == [("alice", "update")]
    assert all(SECOND_NOTE not in str(e.after) for e in entries)
    for tab in (alice, bob):
        assert tab.page.get_by_test_id("stException").count() == 0  # type: ignore[attr-defined]
        assert tab.blocked == []


WRITE_LABELS = ("Save changes", "Retire", "Revert", "Upload", "Import", "Commit", "Add", "Link")


def test_a_viewer_reaches_nothing_that_writes_by_url(
    open_session, edit_server: Server, edit_db: str
) -> None:  # type: ignore[no-untyped-def]
    before, _ = stored(edit_db)
    viewer = open_session("viewer")
    page = viewer.page
    page.goto(f"{edit_server.url}/edit?vote={MIAMI}")  # type: ignore[attr-defined]
    # Streamlit loads each widget kind's code on first use (TextInput.*.js is its own chunk),
    # so the form's button can draw before its boxes. Wait for the boxes and for every chunk
    # fetch to finish; only then is "nothing else is there" a fact about the page.
    page.get_by_role("button", name="Sign in").wait_for(timeout=WAIT)  # type: ignore[attr-defined]
    page.get_by_label("User name").wait_for(timeout=WAIT)  # type: ignore[attr-defined]
    page.get_by_label("Password", exact=True).wait_for(timeout=WAIT)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle", timeout=WAIT)  # type: ignore[attr-defined]
    page.wait_for_timeout(1000)  # let the whole script finish drawing
    main = page.get_by_test_id("stMain")  # type: ignore[attr-defined]
    # The password box's own show/hide toggle is a button too; it writes nothing.
    buttons = main.get_by_role("button").evaluate_all(
        "els => els.filter(e => !e.closest('[data-testid=stTextInputRootElement]'))"
        ".map(e => e.innerText.trim())"
    )
    assert buttons == ["Sign in"], buttons
    inputs = main.locator("input, textarea, select, [contenteditable=true]")
    labels = sorted(inputs.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))"))
    assert labels == ["Password", "User name"], labels
    for widget in ("stFileUploader", "stDataFrameGlideDataEditor", "stForm"):
        found = main.get_by_test_id(widget)
        assert found.count() == (1 if widget == "stForm" else 0), widget
    assert page.get_by_text(f"of {MIAMI}").count() == 0  # type: ignore[attr-defined]
    for label in WRITE_LABELS:
        assert page.get_by_role("button", name=label, exact=True).count() == 0, label  # type: ignore[attr-defined]
    after, _ = stored(edit_db)
    assert after.version == before.version
    assert viewer.blocked == []


def test_a_save_while_another_write_runs_says_it_waits_then_saves(
    open_session, edit_server: Server, edit_db: str
) -> None:  # type: ignore[no-untyped-def]
    note = "Saved after an import finished."
    alice = open_session("alice")
    sign_in(alice, edit_server.url)
    loaded_version(alice)
    engine = make_engine(edit_db)
    try:
        with session_scope(engine):  # another writer (an import) holds the database
            save_note(alice, note)
            waiting = alice.page.get_by_text("Waiting for another write to finish")  # type: ignore[attr-defined]
            waiting.wait_for(timeout=WAIT)
            assert "Your changes are kept" in waiting.inner_text()
            waiting.scroll_into_view_if_needed()
            backend = edit_db.split(":", 1)[0].split("+")[0]
            shot = ARTIFACTS / f"save-waiting-for-another-write-{backend}.png"
            alice.page.screenshot(path=str(shot))  # type: ignore[attr-defined]
        alice.page.get_by_text("Saved.").wait_for(timeout=WAIT)  # type: ignore[attr-defined]
    finally:
        engine.dispose()
    after, entries = stored(edit_db)
    assert after.notes == note and entries[-1].user_name == "alice"
    assert alice.page.get_by_text("Waiting for another write").count() == 0  # type: ignore[attr-defined]
    assert alice.page.get_by_test_id("stException").count() == 0  # type: ignore[attr-defined]
    assert alice.blocked == []
