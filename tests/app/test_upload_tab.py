"""The Edit page's Upload tab through AppTest (one backend: page logic): a file that would
change a stored vote shows every field old → new, imports only once the editor confirms,
and is audited as theirs; no copy of an upload is left in the temp folder."""

import tempfile
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from policytrack.db import session_scope
from policytrack.edits.votes import history, vote_as_input

MIAMI = "fl-miami-2025-06-17"
COLLISION = (
    b"vote_key,state,jurisdiction,jurisdiction_kind,body,vote_date,policy,action,outcome,"
    b"yes,no,sources\n"
    b"fl-miami-2025-06-17,FL,Miami,city,City Commission,2025-07-01,Another measure,approve,"
    b"passed,5,0,https://example.org/other-report\n"
    b"fl-miami-2025-08-01,FL,Miami,city,City Commission,2025-08-01,A new vote,approve,"
    b"passed,4,1,https://example.org/other-report\n"
)


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp folder, empty, for this test alone."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def app(editor: AppTest) -> AppTest:
    """The Edit page on a seeded database, "alice" signed in (tests/app/conftest.py)."""
    return editor


def changes_shown(at: AppTest) -> dict[str, tuple[str, str]]:
    table = next(d.value for d in at.dataframe if "after import" in d.value.columns)
    return {row["field"]: (row["now"], row["after import"]) for _, row in table.iterrows()}


def test_a_change_to_a_stored_vote_is_shown_and_imported_only_when_confirmed(
    app: AppTest, seeded_engine: Engine, temp_folder: Path
) -> None:
    app.file_uploader(key="upload-file").set_value(("collision.csv", COLLISION, "text/csv")).run()
    assert not app.exception
    assert any("1 new vote(s), 0 unchanged, 1 existing vote(s) would change" in m.value
               for m in app.markdown)  # fmt: skip
    shown = changes_shown(app)
    assert shown["vote_date"] == ("2025-06-17", "2025-07-01")
    assert (shown["yes"], shown["no"]) == (("3", "5"), ("2", "0"))
    assert app.button(key="upload-commit").disabled, "no import before the editor confirms"
    confirm = next(c for c in app.checkbox if c.label.startswith("Apply the 1 change(s)"))
    confirm.check().run()
    app.button(key="upload-commit").click().run()
    assert not app.exception
    assert any("Imported collision.csv" in s.value.replace("\\", "") for s in app.success)
    assert any("0 new vote(s), 2 unchanged, 0 existing vote(s) would change" in m.value
               for m in app.markdown), "the preview shows the records as they are now"  # fmt: skip
    notices = [i.value for i in app.info]
    assert "Nothing to import: every vote in the file is stored as it says." in notices
    assert not [n for n in notices if "changed since you confirmed" in n]
    with Session(seeded_engine) as session:
        vote, version = vote_as_input(session, MIAMI)
        [entry] = history(session, MIAMI)
        vote_as_input(session, "fl-miami-2025-08-01")  # the new vote is there too
    assert (vote.yes, vote.no, version) == (5, 0, 2)
    assert (entry.user_name, entry.note) == ("alice", "import collision.csv")
    assert list(temp_folder.iterdir()) == [], "an upload's copy was left behind"


def test_a_preview_is_not_imported_after_the_vote_changed(
    app: AppTest, seeded_engine: Engine
) -> None:
    from policytrack.auth import Editor
    from policytrack.edits.votes import save_vote

    app.file_uploader(key="upload-file").set_value(("collision.csv", COLLISION, "text/csv")).run()
    next(c for c in app.checkbox if c.label.startswith("Apply")).check().run()
    with Session(seeded_engine) as session:  # another editor saves meanwhile
        item, version = vote_as_input(session, MIAMI)
        save_vote(session, Editor("bob", "editor"), item.model_copy(update={"notes": "bob"}),
                  version)  # fmt: skip
        session.commit()
    app.button(key="upload-commit").click().run()
    assert not app.exception
    assert not app.success
    assert any("changed since you confirmed" in i.value for i in app.info)
    with Session(seeded_engine) as session:
        vote, _ = vote_as_input(session, MIAMI)
    assert (vote.yes, vote.notes) == (3, "bob")


def test_an_import_during_another_write_waits_saying_so_and_writes_nothing_when_kept_waiting(
    app: AppTest, seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like an editor's save (test_edit_while_busy), an upload waits its turn behind another
    writer and, kept waiting too long, says so with nothing written and the file kept."""
    monkeypatch.setenv("POLICYTRACK_EDIT_WAIT_SECONDS", "0.5")
    app.file_uploader(key="upload-file").set_value(("collision.csv", COLLISION, "text/csv")).run()
    next(c for c in app.checkbox if c.label.startswith("Apply")).check().run()
    with session_scope(seeded_engine):  # another writer (a CLI import) holds the database
        app.button(key="upload-commit").click().run()
    assert not app.exception
    assert any("busy with another write" in w.value and "press Import again" in w.value
               for w in app.warning)  # fmt: skip
    with Session(seeded_engine) as session:
        assert history(session, MIAMI) == []
    app.button(key="upload-commit").click().run()
    assert any("Imported collision.csv" in s.value.replace("\\", "") for s in app.success)
