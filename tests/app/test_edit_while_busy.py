"""An editor's save while another write holds the database (an import): it waits its turn,
and if that takes too long it says so with nothing written and the edit still in the form,
saved by the next click — never Streamlit's exception box, never a lost edit."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from policytrack.db import session_scope
from policytrack.edits.votes import history, vote_as_input

from tests.app.conftest import signed_in

MIAMI = "fl-miami-2025-06-17"
TYPED = "Checked against the minutes while an import ran."


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("POLICYTRACK_EDIT_WAIT_SECONDS", "0.5")
    return signed_in(seeded_engine, monkeypatch).text_input(key="vote").input(MIAMI).run()


def save(at: AppTest) -> AppTest:
    return next(b for b in at.button if b.label == "Save changes").click().run()


def test_a_save_during_another_write_keeps_the_edit_and_saves_on_the_next_click(
    app: AppTest, seeded_engine: Engine
) -> None:
    app.text_area(key=f"{MIAMI}-notes").input(TYPED)
    with session_scope(seeded_engine):  # another writer (an import) holds the database
        save(app)
    assert not app.exception
    assert any("busy with another write" in w.value for w in app.warning)
    assert app.text_area(key=f"{MIAMI}-notes").value == TYPED
    with Session(seeded_engine) as session:
        assert history(session, MIAMI) == []
    save(app)
    assert any("Saved" in s.value for s in app.success)
    with Session(seeded_engine) as session:
        assert vote_as_input(session, MIAMI)[0].notes == TYPED
