"""A reviewed article added to a stored vote, on SQLite and PostgreSQL: the stored votes a
report may be about (same place, date ± 3 days), the article cited with its publisher and
date, where it disagrees kept in `disputed` (the record's values untouched), its positions
added citing it; a refused row, or a vote changed since it was loaded, writes nothing.
The report values here are SYNTHETIC (written for these tests)."""

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack.auth import Editor
from policytrack.db import session_scope
from policytrack.edits.article_drafts import ReportedPosition, add_report, votes_near
from policytrack.edits.positions import positions_on
from policytrack.edits.refusals import InvalidEdit, StaleEdit
from policytrack.edits.votes import vote_as_input
from policytrack.models import Source, Stakeholder
from policytrack.schemas import SourceIn
from policytrack.vocab import StakeholderKind, Stance

MIAMI = "fl-miami-2025-06-17"
MIAMI_OCD = "ocd-division/country:us/state:fl/place:miami"
ALICE = Editor("alice", "editor")
ARTICLE = SourceIn.from_url("https://news.example.org/miami-vote").model_copy(
    update={"publisher": "Example News", "published_on": dt.date(2025, 6, 18)}
)
COALITION = ReportedPosition("Example Residents Coalition", StakeholderKind.ADVOCACY_ORG,
                             Stance.OPPOSE, summary="Opposed the agreement.")  # fmt: skip


def test_votes_near_a_date_are_found_within_three_days(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        [ocd] = {vote_as_input(session, MIAMI)[0].jurisdiction.ocd_id}
        assert ocd == MIAMI_OCD
        assert votes_near(session, ocd, dt.date(2025, 6, 20)) == [MIAMI]
        assert votes_near(session, ocd, dt.date(2025, 6, 14)) == [MIAMI]
        assert votes_near(session, ocd, dt.date(2025, 6, 21)) == []
        assert MIAMI in votes_near(session, ocd, None)  # no date: every vote of the place


def test_a_report_adds_its_source_disagreement_and_positions_not_its_values(
    seeded_engine: Engine,
) -> None:
    with Session(seeded_engine) as session:
        stored, version = vote_as_input(session, MIAMI)
    note = "The report by Example News gives tally yes 4, no 1 (record: yes 3, no 2)."
    with session_scope(seeded_engine) as session:
        add_report(session, ALICE, MIAMI, version, ARTICLE, note, [COALITION])
    with Session(seeded_engine) as session:
        after, _ = vote_as_input(session, MIAMI)
        source = session.exec(select(Source).where(Source.key == ARTICLE.key)).one()
        rows = positions_on(session, MIAMI)
    assert (after.yes, after.no, after.vote_date) == (stored.yes, stored.no, stored.vote_date)
    assert [s.key for s in after.sources] == [*(s.key for s in stored.sources), ARTICLE.key]
    assert after.disputed == f"{stored.disputed} {note}"
    assert (source.publisher, source.published_on) == ("Example News", dt.date(2025, 6, 18))
    assert ("Example Residents Coalition", "oppose") in {
        (r["stakeholder"], r["stance"]) for r in rows
    }


def test_a_refused_row_or_a_stale_vote_writes_nothing(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        stored, version = vote_as_input(session, MIAMI)
        before = len(positions_on(session, MIAMI))
    silent = ReportedPosition("Example Quiet Group", StakeholderKind.ADVOCACY_ORG, Stance.NEUTRAL)
    with pytest.raises(InvalidEdit) as refused, session_scope(seeded_engine) as session:
        add_report(session, ALICE, MIAMI, version, ARTICLE, None, [COALITION, silent])
    assert refused.value.fields["positions"].startswith("row 2 (Example Quiet Group): summary")
    with pytest.raises(StaleEdit), session_scope(seeded_engine) as session:
        add_report(session, ALICE, MIAMI, version - 1, ARTICLE, None, [COALITION])
    with Session(seeded_engine) as session:
        after, now = vote_as_input(session, MIAMI)
        coalition = session.exec(
            select(Stakeholder).where(Stakeholder.name == COALITION.name)
        ).first()
        assert len(positions_on(session, MIAMI)) == before
    assert (after.sources, now, coalition) == (stored.sources, version, None)
