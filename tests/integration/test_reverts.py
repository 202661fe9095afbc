"""Reverting one change keeps the later ones, on SQLite and PostgreSQL: undoing change 1 of
three puts back only what change 1 changed; where a later change touched the same field the
undo is refused naming it, and "restore to before change 1" is the explicit way back. The
plan shown beforehand (old → new per field) is exactly what is written."""

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack.auth import Editor
from policytrack.edits.links import (
    link_history,
    link_revert_plan,
    revert_link,
    set_link,
    vote_link,
)
from policytrack.edits.positions import (
    edit_position,
    position_as_edit,
    position_history,
    position_revert_plan,
    retire_position,
    revert_position,
)
from policytrack.edits.reverts import FieldChange, RevertRefused
from policytrack.edits.sources import (
    edit_source,
    revert_source,
    source_as_input,
    source_history,
)
from policytrack.edits.stakeholders import (
    edit_stakeholder,
    revert_stakeholder,
    stakeholder_as_input,
    stakeholder_history,
    stakeholder_revert_plan,
)
from policytrack.edits.vote_reverts import revert_vote, vote_revert_plan
from policytrack.edits.votes import history, retire_vote, save_vote, vote_as_input
from policytrack.models import AuditEntry, VoteEvent
from policytrack.vocab import StakeholderKind, Stance

from tests.integration.test_link_edits import make_agreement

MIAMI = "fl-miami-2025-06-17"
KING_POSITION = "fl-miami-2025-06-17|christine-king||oppose|https://305accident.net/?p=3526"
KING = "christine-king"
STORY = "https://305accident.net/?p=3526"
ALICE, BOB, CAROL = (Editor(name, "editor") for name in ("alice", "bob", "carol"))


def edit_vote(session: Session, who: Editor, **changes: object) -> int:
    """Save `changes` over the Miami vote as stored; the id of the change made."""
    item, version = vote_as_input(session, MIAMI)
    save_vote(session, who, item.model_copy(update=changes), version)
    session.commit()
    return history(session, MIAMI)[0].id or 0


def entries(session: Session) -> int:
    return len(session.exec(select(AuditEntry)).all())


# ── votes ─────────────────────────────────────────────────────────────────────────────


def test_undoing_an_early_change_keeps_the_later_ones(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        original, _ = vote_as_input(session, MIAMI)
        first = edit_vote(session, ALICE, notes="Checked against the minutes.")
        edit_vote(session, BOB, yes=4, no=1)
        edit_vote(session, CAROL, disputed="The Herald reports 4–1.")
        plan = vote_revert_plan(session, first)
        assert plan.refusal is None and plan.undoes == (first,)
        assert plan.writes == (
            FieldChange("notes", "Checked against the minutes.", original.notes),
        )
        _, version = vote_as_input(session, MIAMI)
        revert_vote(session, BOB, first, version)
        session.commit()
        now, _ = vote_as_input(session, MIAMI)
    assert now.notes == original.notes
    assert (now.yes, now.no, now.disputed) == (4, 1, "The Herald reports 4–1.")


def test_undoing_a_change_a_later_one_built_on_is_refused_naming_it(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        first = edit_vote(session, ALICE, notes="first note")
        second = edit_vote(session, BOB, notes="second note", yes=4)
        plan = vote_revert_plan(session, first)
        assert plan.blocked == {"notes": (second,)} and plan.refusal is not None
        assert f"notes was changed since by change {second}" in plan.refusal
        assert f"Restore the record to before change {first}" in plan.refusal
        _, version = vote_as_input(session, MIAMI)
        written = entries(session)
        with pytest.raises(RevertRefused, match=f"change {second}"):
            revert_vote(session, CAROL, first, version)
        session.rollback()
        assert entries(session) == written
        assert vote_as_input(session, MIAMI)[0].notes == "second note"


def test_a_field_changed_outside_the_history_blocks_an_undo(seeded_engine: Engine) -> None:
    """An import (no audit entry to name) changed the field since: undoing would lose it."""
    with Session(seeded_engine) as session:
        first = edit_vote(session, ALICE, notes="an editor's note")
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == MIAMI)).one()
        vote.notes = "an imported note"
        session.commit()
        plan = vote_revert_plan(session, first)
    assert plan.blocked == {"notes": ()}
    assert "a change outside the edit history" in (plan.refusal or "")


def test_restoring_to_before_a_change_undoes_it_and_every_later_one(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        original, _ = vote_as_input(session, MIAMI)
        first = edit_vote(session, ALICE, notes="first note")
        second = edit_vote(session, BOB, notes="second note", yes=4)
        _, version = vote_as_input(session, MIAMI)
        retire_vote(session, CAROL, MIAMI, version, "a duplicate")
        session.commit()
        retired = history(session, MIAMI)[0].id or 0
        plan = vote_revert_plan(session, first, restore=True)
        assert plan.refusal is None and plan.undoes == (first, second, retired)
        assert {w.field: (w.old, w.new) for w in plan.writes} == {
            "notes": ("second note", original.notes),
            "yes": (4, original.yes),
            "retired": (True, False),
        }
        _, version = vote_as_input(session, MIAMI)
        revert_vote(session, ALICE, first, version, restore=True)
        session.commit()
        now, _ = vote_as_input(session, MIAMI)
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == MIAMI)).one()
        newest = history(session, MIAMI)[0]
    assert (now.notes, now.yes, vote.retired) == (original.notes, original.yes, False)
    assert newest.action == "revert" and newest.note == (
        f"restore to before change {first} (undoes changes {first}, {second}, {retired})"
    )
    assert newest.before is not None and newest.before["retired"] is True


def test_a_restore_that_changes_nothing_is_refused(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        original = vote_as_input(session, MIAMI)[0].notes
        first = edit_vote(session, ALICE, notes="a note")
        edit_vote(session, ALICE, notes=original)
        plan = vote_revert_plan(session, first, restore=True)
    assert plan.writes == () and "Nothing to restore" in (plan.refusal or "")


def test_a_revert_of_a_revert_puts_the_change_back(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        first = edit_vote(session, ALICE, notes="kept after all")
        _, version = vote_as_input(session, MIAMI)
        revert_vote(session, BOB, first, version)
        session.commit()
        undo = history(session, MIAMI)[0].id or 0
        revert_vote(session, BOB, undo, version + 1)
        session.commit()
        assert vote_as_input(session, MIAMI)[0].notes == "kept after all"


# ── positions, stakeholders, sources, links ─────────────────────────────────────────


def test_a_position_keeps_later_changes_and_a_conflict_is_refused(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, version, _ = position_as_edit(session, KING_POSITION)
        quoted = item.model_copy(update={"quote": "q1"})
        edit_position(session, ALICE, KING_POSITION, quoted, version)
        changed = quoted.model_copy(update={"stance": Stance.MIXED})
        edit_position(session, BOB, KING_POSITION, changed, version + 1)
        retire_position(session, BOB, KING_POSITION, version + 2, "a duplicate")
        session.commit()
        _, stance, retired = (e.id or 0 for e in reversed(position_history(session, MIAMI)))
        with pytest.raises(RevertRefused, match="undo its retirement first"):
            position_revert_plan(session, stance)
        assert position_revert_plan(session, retired).targets == {"retired": False}
        revert_position(session, CAROL, retired, version + 3)
        revert_position(session, CAROL, stance, version + 4)
        session.commit()
        now, _, is_retired = position_as_edit(session, KING_POSITION)
        assert (now.quote, now.stance, is_retired) == ("q1", item.stance, False)
        refusal = position_revert_plan(session, retired).refusal or ""
        assert f"retired was changed since by change {retired + 1}" in refusal


def test_a_stakeholder_rename_is_undone_without_losing_a_later_change(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        loaded = stakeholder_as_input(session, KING)
        edit_stakeholder(session, ALICE, loaded, loaded.model_copy(update={"name": "C. King"}))
        renamed = stakeholder_as_input(session, KING)
        kind = StakeholderKind.OTHER
        edit_stakeholder(session, BOB, renamed, renamed.model_copy(update={"kind": kind}))
        session.commit()
        second, first = (e.id or 0 for e in stakeholder_history(session, KING))
        revert_stakeholder(session, CAROL, first, stakeholder_as_input(session, KING))
        session.commit()
        now = stakeholder_as_input(session, KING)
        assert (now.name, now.kind) == (loaded.name, kind)
        assert stakeholder_revert_plan(session, second, now).refusal is None
        edit_stakeholder(session, ALICE, now, now.model_copy(update={"kind": loaded.kind}))
        third = stakeholder_history(session, KING)[0].id
        with pytest.raises(RevertRefused, match=f"kind was changed since by change {third}"):
            revert_stakeholder(session, CAROL, second, stakeholder_as_input(session, KING))


def test_a_source_can_be_restored_to_before_two_corrections(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        original = source_as_input(session, STORY)
        edit_source(session, ALICE, original, original.model_copy(update={"title": "T1"}))
        once = source_as_input(session, STORY)
        edit_source(session, BOB, once, once.model_copy(update={"title": "T2"}))
        session.commit()
        _, first = (e.id or 0 for e in source_history(session, STORY))
        with pytest.raises(RevertRefused, match="title was changed since"):
            revert_source(session, CAROL, first, source_as_input(session, STORY))
        revert_source(session, CAROL, first, source_as_input(session, STORY), restore=True)
        session.commit()
        assert source_as_input(session, STORY).title == original.title


def test_a_link_undo_that_a_later_link_replaced_is_refused(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        make_agreement(session, "fl-miami-pd-tf", dt.date(2025, 7, 1))
        make_agreement(session, "fl-miami-pd-tf-2", dt.date(2025, 8, 1))
        start = vote_link(session, MIAMI)
        set_link(session, ALICE, MIAMI, "fl-miami-pd-tf", start)
        set_link(session, BOB, MIAMI, "fl-miami-pd-tf-2", vote_link(session, MIAMI))
        session.commit()
        second, first = (e.id or 0 for e in link_history(session, MIAMI))
        plan = link_revert_plan(session, first, vote_link(session, MIAMI))
        assert set(plan.blocked) == {"agreement"} and plan.blocked["agreement"] == (second,)
        revert_link(session, CAROL, first, vote_link(session, MIAMI), restore=True)
        session.commit()
        assert vote_link(session, MIAMI) == start
