"""The Edit page through AppTest on a real database: viewers reach nothing that writes;
editors sign in, save with validation, meet the stale-edit guard, and see history."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from policytrack.auth import Editor, add_user
from policytrack.config import REPO_ROOT
from policytrack.services import history, save_vote, vote_as_input

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")
MIAMI = "fl-miami-2025-06-17"
PASSWORD = "a long enough passphrase"


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", seeded_engine.url.render_as_string(False))
    with Session(seeded_engine) as session:
        add_user(session, "alice", "editor", password=PASSWORD)
        session.commit()
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("app_pages/edit.py")
    yield at


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.run()
    at.text_input(key="login-name").input("alice")
    at.text_input(key="login-password").input(password)
    return next(b for b in at.button if b.label == "Sign in").click().run()


def test_viewers_get_no_write_widgets_even_by_url(app: AppTest) -> None:
    app.query_params["vote"] = MIAMI
    app.run()
    assert not app.exception
    assert "Save changes" not in labels(app) and "Retire" not in labels(app)
    assert not app.get("file_uploader") and not app.get("data_editor")
    assert "Sign in" in labels(app)


def test_a_wrong_password_signs_nobody_in(app: AppTest) -> None:
    sign_in(app, "not the password!!")
    assert any("wrong user name or password" in e.value for e in app.error)
    assert "Save changes" not in labels(app)


def test_an_editor_saves_a_change_and_it_is_audited(app: AppTest, seeded_engine: Engine) -> None:
    sign_in(app)
    app.text_input(key="vote").input(MIAMI).run()
    assert "Save changes" in labels(app)
    app.text_area(key=f"{MIAMI}-notes").input("Checked against the minutes.")
    next(b for b in app.button if b.label == "Save changes").click().run()
    assert not app.exception
    assert any("Saved" in s.value for s in app.success)
    with Session(seeded_engine) as session:
        item, _ = vote_as_input(session, MIAMI)
        [entry] = history(session, MIAMI)
    assert item.notes == "Checked against the minutes." and entry.user_name == "alice"


def test_an_editor_reverts_a_change_from_the_history(app: AppTest, seeded_engine: Engine) -> None:
    sign_in(app)
    app.text_input(key="vote").input(MIAMI).run()
    with Session(seeded_engine) as session:
        original, _ = vote_as_input(session, MIAMI)
    app.text_area(key=f"{MIAMI}-notes").input("A note to take back.")
    next(b for b in app.button if b.label == "Save changes").click().run()
    history_table = next(d.value for d in app.dataframe if "fields changed" in d.value.columns)
    assert list(history_table["fields changed"]) == ["notes"]
    next(b for b in app.button if b.label == "Revert").click().run()
    assert not app.exception
    assert any("reverted" in s.value for s in app.success)
    with Session(seeded_engine) as session:
        item, _ = vote_as_input(session, MIAMI)
        actions = [e.action for e in history(session, MIAMI)]
    assert item.notes == original.notes and actions == ["revert", "update"]


def test_a_bad_value_is_shown_next_to_its_field_and_nothing_is_saved(
    app: AppTest, seeded_engine: Engine
) -> None:
    sign_in(app)
    app.text_input(key="vote").input(MIAMI).run()
    app.text_area(key=f"{MIAMI}-sources").input("javascript:alert(1)")
    next(b for b in app.button if b.label == "Save changes").click().run()
    assert any("http" in e.value for e in app.error)
    with Session(seeded_engine) as session:
        assert history(session, MIAMI) == []


def test_an_error_quoting_hostile_input_shows_it_as_text(app: AppTest) -> None:
    sign_in(app)
    app.text_input(key="vote").input(MIAMI).run()
    app.text_area(key=f"{MIAMI}-sources").input("[x](javascript:alert(1))")
    next(b for b in app.button if b.label == "Save changes").click().run()
    quoted = [e.value for e in app.error if "javascript" in e.value]
    assert quoted, "the refusal should quote what was typed"
    assert not [v for v in quoted if "[x](javascript" in v], "a live markdown link"


def test_a_stale_save_names_who_changed_it(app: AppTest, seeded_engine: Engine) -> None:
    sign_in(app)
    app.text_input(key="vote").input(MIAMI).run()
    with Session(seeded_engine) as session:  # a second editor saves first
        item, version = vote_as_input(session, MIAMI)
        save_vote(
            session, Editor("bob", "editor"), item.model_copy(update={"notes": "bob"}), version
        )
        session.commit()
    app.text_area(key=f"{MIAMI}-notes").input("alice")
    next(b for b in app.button if b.label == "Save changes").click().run()
    assert any("changed by bob at" in e.value and "reload" in e.value for e in app.error)
    with Session(seeded_engine) as session:
        assert vote_as_input(session, MIAMI)[0].notes == "bob"
