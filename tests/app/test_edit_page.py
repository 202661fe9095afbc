"""The Edit page through AppTest on a real database: viewers reach nothing that writes;
editors sign in, save with validation, meet the stale-edit guard, and see history."""

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from policytrack.auth import Editor
from policytrack.edits.votes import history as history_of
from policytrack.edits.votes import save_vote, vote_as_input

from tests.app.conftest import edit_page, sign_in

MIAMI = "fl-miami-2025-06-17"


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return edit_page(seeded_engine, monkeypatch)


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def test_viewers_get_no_write_widgets_even_by_url(app: AppTest) -> None:
    app.query_params["vote"] = MIAMI
    app.run()
    assert not app.exception
    assert "Save changes" not in labels(app) and "Retire" not in labels(app)
    assert not app.get("file_uploader") and not app.get("data_editor")
    assert "Sign in" in labels(app)


def test_a_wrong_password_signs_nobody_in(app: AppTest) -> None:
    sign_in(app.run(), password="not the password!!")
    assert any("wrong user name or password" in e.value for e in app.error)
    assert "Save changes" not in labels(app)


def test_an_editor_saves_a_change_and_it_is_audited(app: AppTest, seeded_engine: Engine) -> None:
    sign_in(app.run())
    app.text_input(key="vote").input(MIAMI).run()
    assert "Save changes" in labels(app)
    app.text_area(key=f"{MIAMI}-notes").input("Checked against the minutes.")
    next(b for b in app.button if b.label == "Save changes").click().run()
    assert not app.exception
    assert any("Saved" in s.value for s in app.success)
    with Session(seeded_engine) as session:
        item, _ = vote_as_input(session, MIAMI)
        [entry] = history_of(session, MIAMI)
    assert item.notes == "Checked against the minutes." and entry.user_name == "alice"


def history(at: AppTest) -> pd.DataFrame:
    """The vote's history table as shown (one row per field changed)."""
    return next(d.value for d in at.dataframe if {"field", "old", "new"} <= set(d.value.columns))


def save(at: AppTest, **fields: str) -> AppTest:
    """Type `fields` (notes=…, disputed=…) into the vote form and save."""
    for name, value in fields.items():
        widget = at.text_area if name == "notes" else at.text_input
        widget(key=f"{MIAMI}-{name}").input(value)
    return next(b for b in at.button if b.label == "Save changes").click().run()


def test_an_editor_undoes_an_early_change_and_keeps_the_later_one(
    app: AppTest, seeded_engine: Engine
) -> None:
    sign_in(app.run())
    app.text_input(key="vote").input(MIAMI).run()
    with Session(seeded_engine) as session:
        original, _ = vote_as_input(session, MIAMI)
    save(app, notes="A note to take back.")
    save(app, disputed="The Herald reports 4–1.")
    shown = history(app)
    assert shown[["field", "old", "new"]].values.tolist()[:2] == [
        ["what the sources disagree on", original.disputed or "—", "The Herald reports 4–1."],
        ["notes", original.notes or "—", "A note to take back."],
    ]
    first = int(shown["change"].iloc[-1])
    app.selectbox(key=f"edit-vote-{MIAMI}-revert-pick").set_value(first).run()
    [plan] = [d.value for d in app.dataframe if list(d.value.columns) == ["field", "now", "after"]]
    assert plan.values.tolist() == [["notes", "A note to take back.", original.notes or "—"]]
    next(b for b in app.button if b.label == f"Undo change {first}").click().run()
    assert not app.exception
    assert any(f"Change {first} undone; later changes kept" in s.value for s in app.success)
    with Session(seeded_engine) as session:
        item, _ = vote_as_input(session, MIAMI)
    assert (item.notes, item.disputed) == (original.notes, "The Herald reports 4–1.")
    # The page is drawn again: the history has the revert, the form the stored values.
    assert history(app)["what"].iloc[0] == "revert"
    assert app.text_area(key=f"{MIAMI}-notes").value == (original.notes or "")


def test_an_undo_a_later_change_built_on_is_refused_and_restore_offered(
    app: AppTest, seeded_engine: Engine
) -> None:
    sign_in(app.run())
    app.text_input(key="vote").input(MIAMI).run()
    with Session(seeded_engine) as session:
        original, _ = vote_as_input(session, MIAMI)
    save(app, notes="first")
    save(app, notes="second")
    first, second = (int(c) for c in history(app)["change"].iloc[::-1])
    app.selectbox(key=f"edit-vote-{MIAMI}-revert-pick").set_value(first).run()
    assert any(f"notes was changed since by change {second}" in w.value for w in app.warning)
    undo = next(b for b in app.button if b.label == f"Undo change {first}")
    assert undo.disabled
    how = app.radio(key=f"edit-vote-{MIAMI}-revert-how")
    how.set_value(how.options[1]).run()  # restore to before the change
    assert any(f"also undoes the later changes {second}" in c.value for c in app.caption)
    next(b for b in app.button if b.label == f"Restore to before change {first}").click().run()
    assert not app.exception
    with Session(seeded_engine) as session:
        assert vote_as_input(session, MIAMI)[0].notes == original.notes


def test_a_save_from_a_form_that_never_loaded_the_record_writes_nothing(
    app: AppTest, seeded_engine: Engine
) -> None:
    """Issue 13.15: the Notes box was still empty when the form was saved, and the stored
    note was replaced by nothing. A save must come from a form that showed the record."""
    sign_in(app.run())
    app.text_input(key="vote").input(MIAMI).run()
    with Session(seeded_engine) as session:
        original, version = vote_as_input(session, MIAMI)
    assert original.notes, "the test needs a stored note to lose"
    del app.session_state["edit-vote"]  # this session holds no loaded version of the form
    save(app, notes="")
    assert not app.exception
    assert any("Nothing was saved" in w.value for w in app.warning)
    with Session(seeded_engine) as session:
        assert vote_as_input(session, MIAMI) == (original, version)
        assert history_of(session, MIAMI) == []
    # The form now shows the stored record; saved from there, the change is made.
    assert app.text_area(key=f"{MIAMI}-notes").value == original.notes
    save(app, notes="Now from a loaded form.")
    assert any("Saved" in s.value for s in app.success)


def test_a_bad_value_is_shown_next_to_its_field_and_nothing_is_saved(
    app: AppTest, seeded_engine: Engine
) -> None:
    sign_in(app.run())
    app.text_input(key="vote").input(MIAMI).run()
    app.text_area(key=f"{MIAMI}-sources").input("javascript:alert(1)")
    next(b for b in app.button if b.label == "Save changes").click().run()
    assert any("http" in e.value for e in app.error)
    with Session(seeded_engine) as session:
        assert history_of(session, MIAMI) == []


def test_an_error_quoting_hostile_input_shows_it_as_text(app: AppTest) -> None:
    sign_in(app.run())
    app.text_input(key="vote").input(MIAMI).run()
    app.text_area(key=f"{MIAMI}-sources").input("[x](javascript:alert(1))")
    next(b for b in app.button if b.label == "Save changes").click().run()
    quoted = [e.value for e in app.error if "javascript" in e.value]
    assert quoted, "the refusal should quote what was typed"
    assert not [v for v in quoted if "[x](javascript" in v], "a live markdown link"


def test_a_stale_save_names_who_changed_it(app: AppTest, seeded_engine: Engine) -> None:
    sign_in(app.run())
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
