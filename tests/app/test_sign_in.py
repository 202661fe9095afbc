"""Sign-in on the Edit page: failed attempts count across browser sessions (a new session is
paused too), and only the editor role gets anything that writes — checked on every run, so
a viewer account (restored from a backup, say) or an editor demoted meanwhile sees a clear
message instead of forms that fail on save."""

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from policytrack.auth import ACCOUNT_LIMIT, hash_password
from policytrack.models import User

from tests.app.conftest import APP, PASSWORD, add_editor, sign_in

MIAMI = "fl-miami-2025-06-17"


@pytest.fixture
def new_session(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], AppTest]]:
    """Opens the Edit page in a new browser session (each call another one)."""
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", seeded_engine.url.render_as_string(False))
    add_editor(seeded_engine)
    with Session(seeded_engine) as session:
        # a role `users add` refuses, as a restored backup or the database may hold it
        session.add(User(name="vera", role="viewer", password_hash=hash_password(PASSWORD)))
        session.commit()

    def opened() -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.switch_page("app_pages/edit.py")
        at.query_params["vote"] = MIAMI
        return at.run()

    yield opened


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def test_a_new_browser_session_does_not_start_the_count_afresh(
    new_session: Callable[[], AppTest],
) -> None:
    guessing = new_session()
    for _ in range(ACCOUNT_LIMIT):
        sign_in(guessing, "alice", "a wrong passphrase, again")
    assert any("paused until" in e.value for e in guessing.error)
    fresh = new_session()
    sign_in(fresh, "alice")  # the right password, from a new session
    assert not fresh.exception
    assert any("paused until" in e.value and "unlock alice" in e.value for e in fresh.error)
    assert "Save changes" not in labels(fresh) and "Sign in" in labels(fresh)


def test_a_viewer_account_is_told_it_may_not_edit_and_gets_no_write_widget(
    new_session: Callable[[], AppTest],
) -> None:
    at = sign_in(new_session(), "vera")
    assert not at.exception
    assert any("may view but not edit" in w.value for w in at.warning)
    assert "Save changes" not in labels(at) and "Sign out" in labels(at)
    assert not at.get("data_editor") and not at.get("file_uploader")


def test_an_editor_demoted_meanwhile_loses_the_write_widgets_at_once(
    new_session: Callable[[], AppTest], seeded_engine: Engine
) -> None:
    at = sign_in(new_session(), "alice")
    assert "Save changes" in labels(at)
    with Session(seeded_engine) as session:
        user = session.exec(select(User).where(User.name == "alice")).one()
        user.role = "viewer"
        session.commit()
    at.run()
    assert not at.exception
    assert "Save changes" not in labels(at)
    assert any("may view but not edit" in w.value for w in at.warning)
