"""Editors add and correct stakeholders and sources on SQLite and PostgreSQL. Neither has a
version column: a save made against values that changed since they were loaded is refused
with who and when, and nothing is overwritten."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from policytrack.auth import AuthError, Editor
from policytrack.edits.refusals import InvalidEdit, StaleEdit
from policytrack.edits.sources import (
    add_source,
    edit_source,
    new_source,
    revert_source,
    source_as_input,
    source_history,
)
from policytrack.edits.stakeholders import (
    add_stakeholder,
    edit_stakeholder,
    new_stakeholder,
    revert_stakeholder,
    stakeholder_as_input,
    stakeholder_history,
)
from policytrack.models import AuditEntry, Source, Stakeholder
from policytrack.vocab import StakeholderKind

ALICE, BOB = Editor("alice", "editor"), Editor("bob", "editor")
KING = "christine-king"
STORY = "https://305accident.net/?p=3526"
STALE = r"changed by alice at \d{4}-\d\d-\d\d \d\d:\d\d UTC — reload"


def counts(session: Session) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.exec(select(func.count()).select_from(table)).one()
        for table in (Stakeholder, Source, AuditEntry)
    )


# ── stakeholders ──────────────────────────────────────────────────────────────────────


def test_a_stakeholder_is_added_with_a_key_from_its_name_and_audited(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item = new_stakeholder({"name": " Café Solidaridad ", "kind": "advocacy_org"})
        add_stakeholder(session, ALICE, item)
        session.commit()
        stored = stakeholder_as_input(session, "cafe-solidaridad")
        assert (stored.name, stored.kind) == ("Café Solidaridad", StakeholderKind.ADVOCACY_ORG)
        [entry] = stakeholder_history(session, "cafe-solidaridad")
        assert (entry.action, entry.user_name, entry.before) == ("create", "alice", None)
        assert entry.after == {
            "key": "cafe-solidaridad",
            "name": "Café Solidaridad",
            "kind": "advocacy_org",
        }


def test_a_rename_is_audited_and_revertible(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        loaded = stakeholder_as_input(session, KING)
        renamed = loaded.model_copy(
            update={"name": "Commissioner Christine King", "kind": StakeholderKind.OTHER}
        )
        edit_stakeholder(session, ALICE, loaded, renamed)
        session.commit()
        [entry] = stakeholder_history(session, KING)
        assert (entry.action, entry.version) == ("update", 1)
        assert entry.before == {"key": KING, "name": "Christine King", "kind": "elected_official"}
        assert entry.after == {"key": KING, "name": "Commissioner Christine King", "kind": "other"}
        revert_stakeholder(session, BOB, entry.id or 0, stakeholder_as_input(session, KING))
        session.commit()
        assert stakeholder_as_input(session, KING) == loaded
        assert [(e.action, e.user_name) for e in stakeholder_history(session, KING)] == [
            ("revert", "bob"),
            ("update", "alice"),
        ]


def test_a_stale_stakeholder_save_is_refused_and_overwrites_nothing(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as first, Session(seeded_engine) as second:
        mine = stakeholder_as_input(first, KING)
        theirs = stakeholder_as_input(second, KING)
        edit_stakeholder(first, ALICE, mine, mine.model_copy(update={"name": "C. King"}))
        first.commit()
        with pytest.raises(StaleEdit, match=STALE):
            edit_stakeholder(
                second, BOB, theirs, theirs.model_copy(update={"kind": StakeholderKind.OTHER})
            )
    with Session(seeded_engine) as session:
        now = stakeholder_as_input(session, KING)
        assert (now.name, now.kind) == ("C. King", StakeholderKind.ELECTED_OFFICIAL)
        assert len(stakeholder_history(session, KING)) == 1


def test_a_stakeholder_changed_by_an_import_is_refused_too(seeded_engine: Engine) -> None:
    """No audit entry to name anyone: the message still says to reload."""
    with Session(seeded_engine) as session:
        loaded = stakeholder_as_input(session, KING)
        session.exec(select(Stakeholder).where(Stakeholder.key == KING)).one().name = "Chris King"
        session.commit()
        with pytest.raises(StaleEdit, match="changed since you loaded it — reload"):
            edit_stakeholder(session, ALICE, loaded, loaded.model_copy(update={"name": "X"}))
        assert stakeholder_as_input(session, KING).name == "Chris King"


def test_bad_stakeholders_are_refused_by_field_and_write_nothing(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        before = counts(session)
        for values, field, rule in [
            ({"name": "  ", "kind": "union"}, "name", "give the stakeholder's name"),
            ({"name": "!!!", "kind": "union"}, "name", "letters or digits"),
            ({"name": "Local 32", "kind": "gang"}, "kind", "Input should be"),
        ]:
            with pytest.raises(InvalidEdit) as refused:
                new_stakeholder(values)
            assert rule in refused.value.fields[field]
        with pytest.raises(InvalidEdit) as refused:
            add_stakeholder(
                session, ALICE, new_stakeholder({"name": "Christine  KING", "kind": "other"})
            )
        assert "exists already" in refused.value.fields["name"]
        session.rollback()
        assert counts(session) == before


def test_viewers_cannot_change_stakeholders_or_sources(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        before = counts(session)
        person = stakeholder_as_input(session, KING)
        source = source_as_input(session, STORY)
        for nobody in (None, Editor("eve", "viewer")):
            with pytest.raises(AuthError, match="editor role"):
                add_stakeholder(session, nobody, new_stakeholder({"name": "New", "kind": "union"}))
            with pytest.raises(AuthError, match="editor role"):
                edit_stakeholder(session, nobody, person, person.model_copy(update={"name": "X"}))
            with pytest.raises(AuthError, match="editor role"):
                revert_stakeholder(session, nobody, 1, person)
            with pytest.raises(AuthError, match="editor role"):
                add_source(session, nobody, new_source({"url": "https://new.example/"}))
            with pytest.raises(AuthError, match="editor role"):
                edit_source(session, nobody, source, source.model_copy(update={"title": "X"}))
            with pytest.raises(AuthError, match="editor role"):
                revert_source(session, nobody, 1, source)
        session.commit()
        assert counts(session) == before


# ── sources ───────────────────────────────────────────────────────────────────────────


def test_a_source_is_added_by_its_url_and_audited(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item = new_source(
            {
                "url": "  HTTPS://www.wlrn.org/miami-287g ",
                "title": "Miami joins 287(g)",
                "publisher": "WLRN",
                "published_on": "2025-06-18",
            }
        )
        add_source(session, ALICE, item)
        session.commit()
        stored = source_as_input(session, "HTTPS://www.wlrn.org/miami-287g")
        assert (stored.url, stored.publisher, str(stored.published_on)) == (
            "HTTPS://www.wlrn.org/miami-287g",
            "WLRN",
            "2025-06-18",
        )
        [entry] = source_history(session, stored.key)
        assert (entry.action, entry.before) == ("create", None)
        assert entry.after is not None and entry.after["title"] == "Miami joins 287(g)"


def test_a_source_correction_is_audited_and_revertible(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        loaded = source_as_input(session, STORY)
        fixed = loaded.model_copy(
            update={
                "title": "Miami votes on 287(g)",
                "publisher": "305 Accident",
                "url": "https://305accident.net/?p=3527",
            }
        )
        edit_source(session, ALICE, loaded, fixed)
        session.commit()
        assert source_as_input(session, STORY) == fixed
        [entry] = source_history(session, STORY)
        assert entry.before is not None and entry.after is not None
        assert (entry.before["url"], entry.after["url"]) == (
            STORY,
            "https://305accident.net/?p=3527",
        )
        assert (entry.before["title"], entry.after["title"]) == (None, "Miami votes on 287(g)")
        revert_source(session, BOB, entry.id or 0, source_as_input(session, STORY))
        session.commit()
        assert source_as_input(session, STORY) == loaded
        assert source_history(session, STORY)[0].action == "revert"


def test_a_stale_source_save_is_refused_and_overwrites_nothing(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as first, Session(seeded_engine) as second:
        mine = source_as_input(first, STORY)
        theirs = source_as_input(second, STORY)
        edit_source(first, ALICE, mine, mine.model_copy(update={"title": "alice"}))
        first.commit()
        with pytest.raises(StaleEdit, match=STALE):
            edit_source(second, BOB, theirs, theirs.model_copy(update={"publisher": "bob"}))
    with Session(seeded_engine) as session:
        now = source_as_input(session, STORY)
        assert (now.title, now.publisher) == ("alice", "305accident.net")


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("javascript:alert(1)", "http:// or https://"),
        (" JaVaScRiPt:alert(1)", "http:// or https://"),
        ("data:text/html,<script>alert(1)</script>", "http:// or https://"),
        ("https://", "need a host"),
        ("", "give the source's http:// or https:// address"),
    ],
)
def test_bad_source_urls_are_refused_by_field_and_write_nothing(
    seeded_engine: Engine, url: str, rule: str
) -> None:
    with Session(seeded_engine) as session:
        before = counts(session)
        with pytest.raises(InvalidEdit) as refused:
            new_source({"url": url, "title": "x"})
        assert rule in refused.value.fields["url"]
        assert counts(session) == before


def test_a_source_keeps_a_url_or_a_citation(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        loaded = source_as_input(session, STORY)
        with pytest.raises(InvalidEdit) as refused:
            edit_source(session, ALICE, loaded, loaded.model_copy(update={"url": None}))
        assert refused.value.fields == {"url": "a source needs a URL or a citation"}
        session.rollback()
        assert source_as_input(session, STORY) == loaded and source_history(session, STORY) == []


def test_a_source_that_exists_is_not_added_twice(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        with pytest.raises(InvalidEdit) as refused:
            add_source(session, ALICE, new_source({"url": STORY}))
        assert "exists already" in refused.value.fields["url"]
