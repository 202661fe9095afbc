"""Imports never change a stored record silently (SQLite and PostgreSQL): a file that would
change one is planned field by field and refused without the choice; with it each change is
audited like an editor's save and can be reverted; what the file does not say is kept;
matching a stakeholder or a source never rewrites it; seats never shrink below a tally."""

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack import queries
from policytrack.auth import Editor
from policytrack.edits.positions import position_as_edit, revert_position
from policytrack.edits.sources import edit_source, revert_source, source_as_input
from policytrack.edits.vote_reverts import revert_vote
from policytrack.edits.votes import history, save_vote, vote_as_input
from policytrack.ingest.changes import ImportOptions
from policytrack.ingest.pipeline import (
    PlanChanged,
    UnconfirmedChanges,
    import_dataset,
    import_votes,
    plan_votes,
    seed,
)
from policytrack.ingest.problems import ImportRefused
from policytrack.models import AuditEntry, Body, Source, Stakeholder, VoteEvent

from tests.integration.test_import_votes import COLUMNS, write_votes
from tests.integration.test_seed import SEED

MIAMI = "fl-miami-2025-06-17"
ALICE = Editor("alice", "editor")
UPDATE = ImportOptions(update=True)
OTHER_SOURCE = "https://example.org/other-report"
# The collision: Miami's vote again with another date, measure and a 5–0 tally.
COLLISION = {
    "vote_key": MIAMI, "state": "FL", "jurisdiction": "Miami", "jurisdiction_kind": "city",
    "body": "City Commission", "vote_date": "2025-07-01", "policy": "Another measure",
    "action": "approve", "outcome": "passed", "yes": "5", "no": "0",
    "sources": OTHER_SOURCE, "notes": "From another report.",
}  # fmt: skip
KING = "fl-miami-2025-06-17|christine-king||oppose|https://305accident.net/?p=3526"
POSITION_COLUMNS = ["vote_key", "stakeholder", "stakeholder_kind", "speaker", "role", "stance",
                    "summary", "quote", "source_url", "source_key"]  # fmt: skip


def stored(engine: Engine, key: str = MIAMI) -> tuple[dict[str, object], int]:
    with Session(engine) as session:
        item, version = vote_as_input(session, key)
    return item.model_dump(mode="json"), version


def audit_count(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(AuditEntry)).all())


def dataset(folder: Path, positions: list[dict[str, str]]) -> Path:
    """A dataset folder with no new votes and these positions."""
    folder.mkdir()
    write_votes(folder / "votes.csv", [])
    with (folder / "positions.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=POSITION_COLUMNS)
        writer.writeheader()
        writer.writerows({c: row.get(c, "") for c in POSITION_COLUMNS} for row in positions)
    return folder


def test_a_colliding_vote_is_planned_field_by_field_and_refused_without_the_choice(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    path = write_votes(tmp_path / "collision.csv", [COLLISION])
    before, version = stored(seeded_engine)
    plan = plan_votes(seeded_engine, path)
    [change] = plan.changes
    assert (change.record_type, change.key, change.row, change.version) == (
        "vote_event", MIAMI, 2, version,
    )  # fmt: skip
    fields = {f.field: (f.old, f.new) for f in change.fields}
    assert fields["vote_date"] == ("2025-06-17", "2025-07-01")
    assert fields["motion_text"] == ("287(g) agreement", "Another measure")
    assert (fields["yes"], fields["no"]) == (("3", "5"), ("2", "0"))
    assert set(fields) == {"vote_date", "motion_text", "yes", "no", "sources", "notes", "disputed"}
    with pytest.raises(UnconfirmedChanges) as refused:
        import_votes(seeded_engine, path)
    assert refused.value.plan.changes == plan.changes
    assert stored(seeded_engine) == (before, version)
    assert audit_count(seeded_engine) == 0


def test_with_the_choice_the_change_is_audited_keeps_roll_call_and_sources_and_reverts(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    before, version = stored(seeded_engine)
    path = write_votes(tmp_path / "collision.csv", [COLLISION])
    report = import_votes(seeded_engine, path, options=UPDATE)
    assert report.updated == {"vote_events": 1} and report.created == {"sources": 1}
    after, new_version = stored(seeded_engine)
    assert (after["vote_date"], after["yes"], after["no"]) == ("2025-07-01", 5, 0)
    assert after["roll_call"] == before["roll_call"], "a roll call the file lacks is kept"
    sources = [s["key"] for s in after["sources"]]  # type: ignore[union-attr]
    assert sources == [s["key"] for s in before["sources"]] + [OTHER_SOURCE]  # type: ignore[union-attr]
    # New values from a source the vote did not cite: a visible disagreement, not an overwrite.
    disputed = str(after["disputed"])
    assert disputed.startswith(str(before["disputed"]))
    assert f"Import of collision.csv cites {OTHER_SOURCE} for vote date 2025-07-01" in disputed
    assert any("sources disagree" in w for w in after["warnings"])  # type: ignore[union-attr]
    with Session(seeded_engine) as session:
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == MIAMI)).one()
        [entry] = history(session, MIAMI)
        assert (vote.version, vote.updated_by) == (version + 1, "import collision.csv")
        assert (entry.user_name, entry.action, entry.note) == (
            "import collision.csv", "update", "import collision.csv",
        )  # fmt: skip
        assert entry.before == before and entry.after == after
        revert_vote(session, ALICE, entry.id or 0, new_version)
        session.commit()
    restored, _ = stored(seeded_engine)
    assert {k: v for k, v in restored.items() if k != "warnings"} == {
        k: v for k, v in before.items() if k != "warnings"
    }


def test_the_same_file_again_changes_nothing_and_needs_no_choice(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    path = write_votes(tmp_path / "collision.csv", [COLLISION])
    import_votes(seeded_engine, path, options=UPDATE)
    after = stored(seeded_engine)
    again = import_votes(seeded_engine, path)
    assert again.updated == {} and again.unchanged == {"vote_events": 1}
    assert stored(seeded_engine) == after


def test_an_editor_saves_after_an_import_changed_the_vote(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    """The import claims the version like a save: the editor's next save is not refused as
    "changed by" themselves, and a save on a copy loaded before the import names the import."""
    with Session(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        save_vote(session, ALICE, item.model_copy(update={"notes": "alice"}), version)
        session.commit()
    import_votes(seeded_engine, write_votes(tmp_path / "c.csv", [COLLISION]), options=UPDATE)
    with Session(seeded_engine) as session:
        current, now = vote_as_input(session, MIAMI)
        assert now == version + 2
        save_vote(session, ALICE, current.model_copy(update={"notes": "checked"}), now)
        session.commit()
        assert [e.user_name for e in history(session, MIAMI)] == ["alice", "import c.csv", "alice"]


def test_blank_cells_and_missing_columns_keep_what_is_stored(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    before, version = stored(seeded_engine)
    same = {**COLLISION, "vote_date": "2025-06-17", "policy": "287(g) agreement", "yes": "",
            "no": "", "notes": "", "sources": "https://305accident.net/?p=3526"}  # fmt: skip
    path = tmp_path / "short.csv"
    columns = [c for c in COLUMNS if c not in ("model", "confidence", "roll_call")]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerow({c: same.get(c, "") for c in columns})
    report = import_votes(seeded_engine, path)
    assert report.unchanged == {"vote_events": 1}
    assert stored(seeded_engine) == (before, version)


def test_replacing_roll_call_and_sources_is_an_explicit_option(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    row = {**COLLISION, "roll_call": "Joe Carollo: no; Someone New: yes"}
    path = write_votes(tmp_path / "v.csv", [row])
    import_votes(seeded_engine, path, options=UPDATE)
    merged, _ = stored(seeded_engine)
    roll = {m["voter_name"]: m["option"] for m in merged["roll_call"]}  # type: ignore[union-attr]
    assert len(roll) == 6 and roll["Joe Carollo"] == "no" and roll["Christine King"] == "no"
    replacing = ImportOptions(update=True, replace_roll_calls=True, replace_sources=True)
    import_votes(seeded_engine, path, options=replacing)
    replaced, _ = stored(seeded_engine)
    assert replaced["roll_call"] == [
        {"voter_name": "Joe Carollo", "option": "no"},
        {"voter_name": "Someone New", "option": "yes"},
    ]
    assert [s["key"] for s in replaced["sources"]] == [OTHER_SOURCE]  # type: ignore[union-attr]


def test_a_stakeholder_is_matched_never_renamed(seeded_engine: Engine, tmp_path: Path) -> None:
    """The issue's rename: `RON DESANTIS!!`, kind union. Another kind may be another body
    (a police union and its department), so it needs the choice; with it the stakeholder is
    kept as it is. Another spelling alone is a warning."""
    with Session(seeded_engine) as session:
        desantis = session.exec(select(Stakeholder).where(Stakeholder.key == "ron-desantis")).one()
        kept = (desantis.name, desantis.kind)
    positions = [
        {"vote_key": MIAMI, "stakeholder": "RON DESANTIS!!", "stakeholder_kind": "union",
         "stance": "oppose", "summary": "Said so.", "source_url": OTHER_SOURCE},
        {"vote_key": MIAMI, "stakeholder": "ACLU OF FLORIDA", "stakeholder_kind": "advocacy_org",
         "stance": "support", "summary": "Said so.", "source_url": OTHER_SOURCE},
    ]  # fmt: skip
    folder = dataset(tmp_path / "rename", positions)
    with pytest.raises(UnconfirmedChanges) as refused:
        import_dataset(seeded_engine, folder)
    plan = refused.value.plan
    assert [(p.row, p.field) for p in plan.conflicts] == [(2, "stakeholder_kind")]
    assert "'Ron DeSantis' (elected_official)" in plan.conflicts[0].rule
    assert [(p.row, p.field, p.severity) for p in plan.warnings] == [(3, "stakeholder", "warning")]
    import_dataset(seeded_engine, folder, options=UPDATE)
    with Session(seeded_engine) as session:
        names = {s.key: (s.name, s.kind) for s in session.exec(select(Stakeholder))}
        records = {r["key"]: r for r in queries.vote_records(session)}
    assert names["ron-desantis"] == kept
    assert names["aclu-of-florida"] == ("ACLU of Florida", "advocacy_org")
    stakeholders = [p["stakeholder"] for p in records[MIAMI]["positions"]]
    assert "RON DESANTIS!!" not in stakeholders and "ACLU OF FLORIDA" not in stakeholders


def test_a_changed_position_is_audited_and_reverts(seeded_engine: Engine, tmp_path: Path) -> None:
    with Session(seeded_engine) as session:
        before, version, _ = position_as_edit(session, KING)
    row = {"vote_key": MIAMI, "stakeholder": "Christine King", "stakeholder_kind":
           "elected_official", "stance": "oppose", "summary": "A new summary.",
           "source_url": f"https://305accident.net/?p=3526 {OTHER_SOURCE}"}  # fmt: skip
    folder = dataset(tmp_path / "positions", [row])
    with pytest.raises(UnconfirmedChanges) as refused:
        import_dataset(seeded_engine, folder)
    [change] = refused.value.plan.changes
    assert [(f.field, f.detail) for f in change.fields] == [
        ("summary", ""), ("sources", f"added {OTHER_SOURCE} | kept 1 more"),
    ]  # fmt: skip
    import_dataset(seeded_engine, folder, options=UPDATE)
    with Session(seeded_engine) as session:
        changed, now, _ = position_as_edit(session, KING)
        assert (changed.summary, changed.role, now) == ("A new summary.", before.role, version + 1)
        assert changed.sources == sorted([*before.sources, OTHER_SOURCE])
        [entry] = session.exec(select(AuditEntry).where(AuditEntry.record_key == KING)).all()
        assert (entry.user_name, entry.record_type) == ("import positions", "position")
        revert_position(session, ALICE, entry.id or 0, now)
        session.commit()
        assert position_as_edit(session, KING)[0] == before


def test_seats_never_shrink_below_a_stored_tally(seeded_engine: Engine, tmp_path: Path) -> None:
    """The issue's check: Miami's commission set to 1 seat while its 3–2 vote stands."""
    row = {**COLLISION, "vote_key": "fl-miami-2025-08-01", "vote_date": "2025-08-01",
           "yes": "1", "no": "0", "seats": "1"}  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        import_votes(seeded_engine, write_votes(tmp_path / "one.csv", [row]))
    [problem] = refused.value.problems
    assert (problem.row, problem.field, problem.value) == (2, "seats", "1")
    assert f"stored vote counting 5 votes ({MIAMI})" in problem.rule
    bigger = write_votes(tmp_path / "seven.csv", [{**row, "seats": "7"}])
    with pytest.raises(UnconfirmedChanges) as unconfirmed:
        import_votes(seeded_engine, bigger)
    [change] = unconfirmed.value.plan.changes
    assert change.record_type == "body" and [(f.old, f.new) for f in change.fields] == [("", "7")]
    import_votes(seeded_engine, bigger, options=UPDATE)
    with Session(seeded_engine) as session:
        body = session.exec(select(Body).where(Body.name == "City Commission")).all()
        assert 7 in {b.seats for b in body}
        entry = session.exec(select(AuditEntry).where(AuditEntry.record_type == "body")).one()
        assert (entry.before, entry.after) == ({"seats": None}, {"seats": 7})


def test_an_editor_cannot_shrink_seats_below_another_vote(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, _ = vote_as_input(session, MIAMI)
        new = item.model_copy(update={"key": "fl-miami-2025-09-09", "yes": 1, "no": 0})
        with pytest.raises(ImportRefused, match=f"counting 5 votes \\({MIAMI}\\)"):
            save_vote(session, ALICE, new.model_copy(update={"seats": 1}), None)


def test_a_url_cited_again_does_not_reset_a_source(seeded_engine: Engine, tmp_path: Path) -> None:
    url = "https://305accident.net/?p=3526"
    with Session(seeded_engine) as session:
        loaded = source_as_input(session, url)
        edit_source(session, ALICE, loaded, loaded.model_copy(update={"publisher": "305 News"}))
        session.commit()
    row = {**COLLISION, "vote_key": "fl-miami-2025-08-01", "vote_date": "2025-08-01",
           "sources": url}  # fmt: skip
    import_votes(seeded_engine, write_votes(tmp_path / "v.csv", [row]))
    with Session(seeded_engine) as session:
        source = session.exec(select(Source).where(Source.key == url)).one()
        assert source.publisher == "305 News"


def test_seeding_after_an_edit_lists_it_and_keeps_it(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        save_vote(session, ALICE, item.model_copy(update={"yes": 4, "no": 1}), version)
        session.commit()
    edited = stored(seeded_engine)
    with pytest.raises(UnconfirmedChanges) as refused:
        seed(seeded_engine, SEED)
    assert [c.key for c in refused.value.plan.changes] == [MIAMI]
    assert stored(seeded_engine) == edited


def test_a_preview_confirmed_before_another_write_is_not_applied(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    path = write_votes(tmp_path / "collision.csv", [COLLISION])
    previewed = plan_votes(seeded_engine, path).fingerprint()
    with Session(seeded_engine) as session:
        item, version = vote_as_input(session, MIAMI)
        save_vote(session, ALICE, item.model_copy(update={"notes": "meanwhile"}), version)
        session.commit()
    edited = stored(seeded_engine)
    with pytest.raises(PlanChanged):
        import_votes(seeded_engine, path, options=UPDATE, by=ALICE, expected=previewed)
    assert stored(seeded_engine) == edited


def test_a_row_is_held_to_the_seats_the_file_gives_its_body(engine: Engine, tmp_path: Path) -> None:
    row = {**COLLISION, "vote_key": "fl-miami-a", "yes": "3", "no": "2", "seats": "5"}
    import_votes(engine, write_votes(tmp_path / "a.csv", [row]))
    grown = {**row, "vote_key": "fl-miami-b", "seats": "7"}
    counted = {**row, "vote_key": "fl-miami-c", "seats": "", "yes": "4"}  # 6 votes, no seats
    report = import_votes(engine, write_votes(tmp_path / "b.csv", [counted, grown]),
                          options=UPDATE)  # fmt: skip
    assert report.created["vote_events"] == 2 and report.updated == {"bodies": 1}


def test_a_place_is_matched_never_renamed(engine: Engine, tmp_path: Path) -> None:
    """A place the gazetteer does not know keeps the spelling it was first stored with."""
    row = {**COLLISION, "vote_key": "fl-nowhere-1", "jurisdiction": "Nowhereville Springs"}
    import_votes(engine, write_votes(tmp_path / "a.csv", [row]))
    shouting = {**row, "vote_key": "fl-nowhere-2", "jurisdiction": "NOWHEREVILLE SPRINGS"}
    import_votes(engine, write_votes(tmp_path / "b.csv", [shouting]))
    with Session(engine) as session:
        names = {r["jurisdiction"] for r in queries.vote_records(session)}
    assert names == {"Nowhereville Springs"}


def test_rows_giving_one_body_different_seats_keep_the_largest(
    engine: Engine, tmp_path: Path
) -> None:
    """A body that grew: its older vote says 5 seats, its newer 7. Every tally fits 7."""
    older = {**COLLISION, "vote_key": "fl-miami-a", "yes": "3", "no": "2", "seats": "5"}
    newer = {**COLLISION, "vote_key": "fl-miami-b", "yes": "4", "no": "3", "seats": "7"}
    path = write_votes(tmp_path / "grew.csv", [older, newer])
    plan = plan_votes(engine, path)
    assert [(p.row, p.field, p.value, p.severity) for p in plan.warnings] == [
        (2, "seats", "5", "warning")
    ]
    import_votes(engine, path)
    with Session(engine) as session:
        assert [b.seats for b in session.exec(select(Body))] == [7]


def test_a_changed_citation_in_sources_csv_is_audited_and_reverts(
    seeded_engine: Engine, tmp_path: Path
) -> None:
    key = "article:miami-287g-2025-06-22"
    with Session(seeded_engine) as session:
        before = source_as_input(session, key)
    folder = dataset(tmp_path / "cited", [])
    seed_rows = list(csv.DictReader((SEED / "sources.csv").open(encoding="utf-8")))
    row = {**next(r for r in seed_rows if r["key"] == key), "title": "A corrected title"}
    with (folder / "sources.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    with pytest.raises(UnconfirmedChanges) as refused:
        import_dataset(seeded_engine, folder)
    [change] = refused.value.plan.changes
    assert (change.record_type, [(f.field, f.new) for f in change.fields]) == (
        "source", [("title", "A corrected title")],
    )  # fmt: skip
    import_dataset(seeded_engine, folder, options=UPDATE)
    with Session(seeded_engine) as session:
        after = source_as_input(session, key)
        assert after == before.model_copy(update={"title": "A corrected title"})
        [entry] = session.exec(select(AuditEntry).where(AuditEntry.record_key == key)).all()
        revert_source(session, ALICE, entry.id or 0, after)
        session.commit()
        assert source_as_input(session, key) == before
