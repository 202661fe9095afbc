"""The editor's write side on SQLite and PostgreSQL: roles, validation, audit history,
revert, retire, and two editors saving the same vote."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack import queries
from policytrack.auth import AuthError, Editor, add_user, authenticate
from policytrack.edits.refusals import InvalidEdit
from policytrack.edits.vote_fields import edited_vote
from policytrack.edits.vote_reverts import revert_vote
from policytrack.edits.votes import (
    StaleEdit,
    history,
    retire_vote,
    save_vote,
    vote_as_input,
)
from policytrack.filters import Filters
from policytrack.ingest.problems import ImportRefused
from policytrack.models import User, VoteEvent
from policytrack.queries.edit_history import COLUMNS, vote_changes

MIAMI = "fl-miami-2025-06-17"
ALICE, BOB = Editor("alice", "editor"), Editor("bob", "editor")


def test_viewers_cannot_write(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        with pytest.raises(AuthError, match="editor role"):
            save_vote(session, None, item, version)
        with pytest.raises(AuthError, match="editor role"):
            save_vote(session, Editor("eve", "viewer"), item, version)
        with pytest.raises(AuthError):
            retire_vote(session, None, MIAMI, version, "no reason")


def test_an_edit_is_saved_audited_and_revertible(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        edited = item.model_copy(update={"notes": "Checked against the minutes."})
        vote = save_vote(session, ALICE, edited, version)
        session.commit()
        assert (vote.version, vote.updated_by) == (version + 1, "alice")
        [entry] = history(session, MIAMI)
        assert (entry.user_name, entry.action, entry.version) == ("alice", "update", version + 1)
        assert entry.before is not None and entry.after is not None
        assert entry.after["notes"] == "Checked against the minutes."
        assert entry.before["notes"] != entry.after["notes"]
        revert_vote(session, BOB, entry.id or 0, version + 1)
        session.commit()
        restored, now = vote_as_input(session, MIAMI)
        assert restored.notes == item.notes and now == version + 2
        assert [e.action for e in history(session, MIAMI)] == ["revert", "update"]


def test_a_stale_save_is_refused_and_overwrites_nothing(seeded_engine: Engine) -> None:
    """Two editors open the same vote; the first saves; the second is told who and when."""
    with Session(seeded_engine) as first, Session(seeded_engine) as second:
        mine, version = vote_as_input(first, MIAMI)
        theirs, same_version = vote_as_input(second, MIAMI)
        assert version == same_version
        save_vote(first, ALICE, mine.model_copy(update={"notes": "alice"}), version)
        first.commit()
        with pytest.raises(
            StaleEdit, match=r"changed by alice at \d{4}-\d\d-\d\d \d\d:\d\d UTC — reload"
        ):
            save_vote(second, BOB, theirs.model_copy(update={"notes": "bob"}), same_version)
    with Session(seeded_engine) as session:
        current, now = vote_as_input(session, MIAMI)
        assert (current.notes, now) == ("alice", version + 1)


def test_edits_are_validated_like_imports(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        too_many = item.model_copy(update={"seats": 5, "yes": 4, "no": 2})
        with pytest.raises(ImportRefused, match="6 votes counted but City Commission has 5 seats"):
            save_vote(session, ALICE, too_many, version)
        tie = item.model_copy(update={"yes": 2, "no": 2})
        vote = save_vote(session, ALICE, tie, version)
        assert any("passed with yes 2 ≤ no 2" in w for w in vote.warnings)


def test_retired_votes_leave_every_view_but_stay_in_the_database(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        before = queries.count_votes(session, Filters())
        _, version = vote_as_input(session, MIAMI)
        retire_vote(session, ALICE, MIAMI, version, "duplicate of another record")
        session.commit()
        assert queries.count_votes(session, Filters()) == before - 1
        assert session.exec(select(VoteEvent).where(VoteEvent.key == MIAMI)).one().retired
        [entry] = history(session, MIAMI)
        assert (entry.action, entry.note) == ("retire", "duplicate of another record")
        revert_vote(session, BOB, entry.id or 0, version + 1)
        session.commit()
        assert queries.count_votes(session, Filters()) == before


def test_passwords_are_hashed_and_checked(engine: Engine) -> None:
    with Session(engine) as session:
        add_user(session, "alice", "editor", password="correct horse battery")
        session.commit()
        stored = session.exec(select(User)).one().password_hash or ""
        assert stored.startswith("$argon2") and "correct horse" not in stored
        assert authenticate(session, "alice", "correct horse battery") == ALICE
        for name, password in [("alice", "wrong password!!"), ("nobody", "correct horse battery")]:
            with pytest.raises(AuthError, match="wrong user name or password"):
                authenticate(session, name, password)
        with pytest.raises(AuthError, match="12 characters"):
            add_user(session, "bob", "editor", password="short")
        with pytest.raises(AuthError, match="role"):
            add_user(session, "carol", "superuser", password="long enough password")


def test_the_history_is_a_plain_copy_the_form_keeps_after_its_session(
    seeded_engine: Engine,
) -> None:
    """The history the form shows outlives the session it was read on (a stored entry would
    be expired by the commit and unreadable once the session closed)."""
    with Session(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        save_vote(session, ALICE, item.model_copy(update={"notes": "Seen."}), version)
        session.commit()
        entries = history(session, MIAMI)
        session.commit()
    [entry] = entries
    assert (entry.user_name, entry.action, entry.record_key) == ("alice", "update", MIAMI)
    with pytest.raises(AttributeError):
        entry.note = "changed"  # type: ignore[misc]


def test_the_forms_values_are_read_by_the_import_rules_and_refused_by_field(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        item, _ = vote_as_input(session, MIAMI)
    values = {"sources": "https://example.org/minutes\n", "notes": " ", "disputed": ""}
    rows = [{"voter_name": "A. Member", "option": "yes"}, {"voter_name": " ", "option": "no"}]
    edited = edited_vote(item, values, rows)
    assert [(m.voter_name, str(m.option)) for m in edited.roll_call] == [("A. Member", "yes")]
    assert [str(s.url) for s in edited.sources] == ["https://example.org/minutes"]
    assert edited.notes is None and edited.disputed is None
    with pytest.raises(InvalidEdit) as refused:
        edited_vote(item, {**values, "sources": "not-a-url"}, [{"voter_name": "X", "option": "?"}])
    assert set(refused.value.fields) == {"roll_call", "sources"}


def test_the_records_edit_table_has_its_columns_with_or_without_edits(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        untouched = vote_changes(session, MIAMI)
        item, version = vote_as_input(session, MIAMI)
        save_vote(session, ALICE, item.model_copy(update={"notes": "Seen."}), version)
        session.commit()
        edited = vote_changes(session, MIAMI)
    assert untouched.empty and list(untouched.columns) == list(COLUMNS)
    [row] = edited.to_dict("records")
    assert (row["who"], row["what"], row["fields changed"]) == ("alice", "vote: update", "notes")
