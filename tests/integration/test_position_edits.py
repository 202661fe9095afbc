"""Editors add, edit, retire and revert positions on SQLite and PostgreSQL: audited before
and after, validated by field, stale saves refused, viewers refused, nothing written when
refused."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from policytrack.auth import AuthError, Editor
from policytrack.edits.positions import (
    PositionEdit,
    add_position,
    edit_position,
    position_as_edit,
    position_history,
    positions_on,
    retire_position,
    revert_position,
)
from policytrack.edits.refusals import InvalidEdit, StaleEdit
from policytrack.models import AuditEntry, Position, Source
from policytrack.queries.record import vote_record
from policytrack.vocab import Stance

MIAMI = "fl-miami-2025-06-17"
KING = "fl-miami-2025-06-17|christine-king||oppose|https://305accident.net/?p=3526"
ALICE, BOB = Editor("alice", "editor"), Editor("bob", "editor")
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))"


def new_position(**overrides: object) -> PositionEdit:
    values: dict[str, object] = {
        "stakeholder": "city-of-miami",
        "stance": "support",
        "speaker": "Mayor Francis Suarez",
        "role": "Mayor",
        "quote": HOSTILE,
        "said_on": "2025-06-17",
        "sources": ["https://www.miamiherald.com/news/local/article308.html"],
    }
    return PositionEdit.model_validate({**values, **overrides})


def counts(session: Session) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.exec(select(func.count()).select_from(table)).one()
        for table in (Position, Source, AuditEntry)
    )


def test_an_added_position_is_stored_cited_and_audited(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        position = add_position(session, ALICE, MIAMI, new_position())
        session.commit()
        key = position.key
    with Session(seeded_engine) as session:
        item, version, retired = position_as_edit(session, key)
        assert (item.quote, item.speaker, str(item.said_on)) == (
            HOSTILE,
            "Mayor Francis Suarez",
            "2025-06-17",
        )
        assert (version, retired) == (1, False)
        assert item.sources == ["https://www.miamiherald.com/news/local/article308.html"]
        shown = vote_record(session, MIAMI)
        assert shown is not None and HOSTILE in [p.quote for p in shown.positions]
        [created, source_added] = session.exec(
            select(AuditEntry).order_by(AuditEntry.record_type)  # position, source
        ).all()
        assert (created.action, created.record_key, created.user_name) == ("create", key, "alice")
        assert created.before is None and created.after is not None
        assert created.after["quote"] == HOSTILE
        assert (source_added.record_type, source_added.action) == ("source", "create")


def test_an_edit_is_audited_before_and_after_and_revertible(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, version, _ = position_as_edit(session, KING)
        changed = item.model_copy(update={"stance": Stance.MIXED, "quote": "We will see."})
        edit_position(session, ALICE, KING, changed, version)
        session.commit()
        [entry] = position_history(session, MIAMI)
        assert (entry.action, entry.version, entry.user_name) == ("update", version + 1, "alice")
        assert entry.before is not None and entry.after is not None
        assert (entry.before["stance"], entry.after["stance"]) == ("oppose", "mixed")
        assert (entry.before["quote"], entry.after["quote"]) == (None, "We will see.")
        revert_position(session, BOB, entry.id or 0, version + 1)
        session.commit()
        restored, now, _ = position_as_edit(session, KING)
        assert restored == item and now == version + 2
        assert [e.action for e in position_history(session, MIAMI)] == ["revert", "update"]
        assert position_history(session, MIAMI)[0].user_name == "bob"


def test_a_retired_position_leaves_the_record_and_a_revert_brings_it_back(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        before = len(vote_record(session, MIAMI).positions)  # type: ignore[union-attr]
        retire_position(session, ALICE, KING, 1, "duplicate of the Herald's report")
        session.commit()
        assert len(vote_record(session, MIAMI).positions) == before - 1  # type: ignore[union-attr]
        assert session.exec(select(Position).where(Position.key == KING)).one().retired
        assert any(p["key"] == KING and p["retired"] for p in positions_on(session, MIAMI))
        [entry] = position_history(session, MIAMI)
        assert (entry.action, entry.note) == ("retire", "duplicate of the Herald's report")
        with pytest.raises(InvalidEdit, match="retired"):
            edit_position(session, ALICE, KING, position_as_edit(session, KING)[0], 2)
        session.rollback()
        revert_position(session, BOB, entry.id or 0, 2)
        session.commit()
        assert len(vote_record(session, MIAMI).positions) == before  # type: ignore[union-attr]
        assert position_history(session, MIAMI)[0].action == "restore"


def test_a_stale_save_is_refused_and_overwrites_nothing(seeded_engine: Engine) -> None:
    """Two editors open the same position; the first saves; the second is told who and when."""
    with Session(seeded_engine) as first, Session(seeded_engine) as second:
        mine, version, _ = position_as_edit(first, KING)
        theirs, same, _ = position_as_edit(second, KING)
        edit_position(first, ALICE, KING, mine.model_copy(update={"quote": "alice"}), version)
        first.commit()
        with pytest.raises(
            StaleEdit, match=r"changed by alice at \d{4}-\d\d-\d\d \d\d:\d\d UTC — reload"
        ):
            edit_position(second, BOB, KING, theirs.model_copy(update={"quote": "bob"}), same)
    with Session(seeded_engine) as session:
        current, now, _ = position_as_edit(session, KING)
        assert (current.quote, now) == ("alice", version + 1)
        assert len(position_history(session, MIAMI)) == 1


def test_viewers_cannot_write(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        before = counts(session)
        item, version, _ = position_as_edit(session, KING)
        for nobody in (None, Editor("eve", "viewer")):
            with pytest.raises(AuthError, match="editor role"):
                add_position(session, nobody, MIAMI, new_position())
            with pytest.raises(AuthError, match="editor role"):
                edit_position(session, nobody, KING, item, version)
            with pytest.raises(AuthError, match="editor role"):
                retire_position(session, nobody, KING, version, "no")
            with pytest.raises(AuthError, match="editor role"):
                revert_position(session, nobody, 1, version)
        session.commit()
        assert counts(session) == before


@pytest.mark.parametrize(
    ("overrides", "field", "rule"),
    [
        ({"sources": ["javascript:alert(1)"]}, "sources", "http"),
        ({"sources": ["https://ok.example/a", " data:text/html,x"]}, "sources", "http"),
        (
            {"stakeholder": "no-such-group"},
            "stakeholder",
            "no stakeholder with key 'no-such-group'",
        ),
        ({"quote": None, "summary": "  "}, "summary", "summary or a quote"),
        ({"said_on": "2999-01-01"}, "said_on", "future"),
    ],
)
def test_bad_input_is_refused_by_field_and_writes_nothing(
    seeded_engine: Engine, overrides: dict[str, object], field: str, rule: str
) -> None:
    with Session(seeded_engine) as session:
        before = counts(session)
        item = new_position(**overrides)
        with pytest.raises(InvalidEdit) as refused:
            add_position(session, ALICE, MIAMI, item)
        assert rule in refused.value.fields[field]
        session.rollback()
        king, version, _ = position_as_edit(session, KING)
        with pytest.raises(InvalidEdit) as refused:
            edit_position(session, ALICE, KING, item, version)
        assert rule in refused.value.fields[field]
        session.rollback()
    with Session(seeded_engine) as session:
        assert counts(session) == before
        assert position_as_edit(session, KING) == (king, version, False)


def test_a_non_http_source_is_refused_before_any_source_is_added(seeded_engine: Engine) -> None:
    """The good URL before the bad one is not added either (checked before writing)."""
    with Session(seeded_engine) as session:
        before = counts(session)
        with pytest.raises(InvalidEdit, match="sources"):
            add_position(
                session, ALICE, MIAMI, new_position(sources=["https://new.example/a", "ftp://x/y"])
            )
        assert counts(session) == before
