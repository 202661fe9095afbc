"""Editors link a vote to an agreement, keep it unlinked, or hand it back to the automatic
linker, on SQLite and PostgreSQL: audited, stale changes refused, the automatic pass never
overrides an editor's decision, unknown agreements refused."""

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from policytrack.auth import AuthError, Editor
from policytrack.edits.links import (
    VoteLink,
    agreement_choices,
    link_history,
    release_link,
    revert_link,
    set_link,
    vote_link,
)
from policytrack.edits.refusals import InvalidEdit, StaleEdit
from policytrack.ingest.links import link_votes
from policytrack.models import Agency, Agreement, AuditEntry, Source, VoteEvent
from policytrack.vocab import AgreementStatus, Model287g

MIAMI = "fl-miami-2025-06-17"
ALICE, BOB = Editor("alice", "editor"), Editor("bob", "editor")
UNLINKED = VoteLink(agreement=None, how=None)


def make_agreement(session: Session, key: str, signed_on: dt.date) -> Agreement:
    """An agreement of a Miami agency (the seed has no ICE list), citing one source."""
    vote = session.exec(select(VoteEvent).where(VoteEvent.key == MIAMI)).one()
    agency = session.exec(select(Agency).where(Agency.key == "FL|miami police")).first()
    if agency is None:
        agency = Agency(key="FL|miami police", name="Miami Police Department", state="FL",
                        jurisdiction_id=vote.jurisdiction_id)  # fmt: skip
        session.add(agency)
        session.flush()
    source = Source(key=f"https://www.ice.gov/list#{key}", url=f"https://www.ice.gov/list#{key}")
    agreement = Agreement(
        key=key,
        agency_id=agency.id or 0,
        state="FL",
        model=Model287g.TASK_FORCE,
        signed_on=signed_on,
        status=AgreementStatus.ACTIVE,
        sources=[source],
    )
    session.add(agreement)
    session.flush()
    return agreement


@pytest.fixture
def two_agreements(seeded_engine: Engine) -> Engine:
    with Session(seeded_engine) as session:
        make_agreement(session, "fl-miami-pd-tf", dt.date(2025, 7, 1))
        make_agreement(session, "fl-miami-pd-tf-2", dt.date(2025, 8, 1))
        session.commit()
    return seeded_engine


def test_a_manual_link_is_stored_audited_and_kept_by_the_automatic_pass(
    two_agreements: Engine,
) -> None:
    with Session(two_agreements) as session:
        assert set(agreement_choices(session, MIAMI)) == {"fl-miami-pd-tf", "fl-miami-pd-tf-2"}
        assert vote_link(session, MIAMI) == UNLINKED
        set_link(session, ALICE, MIAMI, "fl-miami-pd-tf-2", UNLINKED)
        session.commit()
        assert vote_link(session, MIAMI) == VoteLink(agreement="fl-miami-pd-tf-2", how="manual")
        [entry] = link_history(session, MIAMI)
        assert (entry.action, entry.user_name) == ("link", "alice")
        assert entry.before == {"agreement": None, "how": None}
        assert entry.after == {"agreement": "fl-miami-pd-tf-2", "how": "manual"}
        link_votes(session)
        session.commit()
        assert vote_link(session, MIAMI).agreement == "fl-miami-pd-tf-2"


def test_keeping_a_vote_unlinked_holds_against_the_automatic_pass(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        make_agreement(session, "fl-miami-pd-tf", dt.date(2025, 7, 1))  # the only fit
        session.commit()
        set_link(session, ALICE, MIAMI, None, UNLINKED)
        session.commit()
        link_votes(session)
        session.commit()
        assert vote_link(session, MIAMI) == VoteLink(agreement=None, how="manual")
        release_link(session, BOB, MIAMI, vote_link(session, MIAMI))
        session.commit()
        assert vote_link(session, MIAMI) == UNLINKED
        assert link_votes(session) and vote_link(session, MIAMI) == VoteLink(
            agreement="fl-miami-pd-tf", how="auto"
        )
        assert [e.action for e in link_history(session, MIAMI)] == ["unlink", "link"]


def test_a_link_change_is_revertible(two_agreements: Engine) -> None:
    with Session(two_agreements) as session:
        set_link(session, ALICE, MIAMI, "fl-miami-pd-tf", UNLINKED)
        session.commit()
        first = vote_link(session, MIAMI)
        set_link(session, ALICE, MIAMI, "fl-miami-pd-tf-2", first)
        session.commit()
        latest = link_history(session, MIAMI)[0]
        revert_link(session, BOB, latest.id or 0, vote_link(session, MIAMI))
        session.commit()
        assert vote_link(session, MIAMI) == first
        newest = link_history(session, MIAMI)[0]
        assert (newest.action, newest.user_name, newest.note) == (
            "revert",
            "bob",
            f"revert of change {latest.id}",
        )


def test_a_stale_link_change_is_refused_and_overwrites_nothing(two_agreements: Engine) -> None:
    with Session(two_agreements) as first, Session(two_agreements) as second:
        mine, theirs = vote_link(first, MIAMI), vote_link(second, MIAMI)
        set_link(first, ALICE, MIAMI, "fl-miami-pd-tf", mine)
        first.commit()
        with pytest.raises(
            StaleEdit, match=r"changed by alice at \d{4}-\d\d-\d\d \d\d:\d\d UTC — reload"
        ):
            set_link(second, BOB, MIAMI, "fl-miami-pd-tf-2", theirs)
    with Session(two_agreements) as session:
        assert vote_link(session, MIAMI).agreement == "fl-miami-pd-tf"
        assert len(link_history(session, MIAMI)) == 1


def test_unknown_agreements_and_viewers_are_refused_and_nothing_is_written(
    two_agreements: Engine,
) -> None:
    with Session(two_agreements) as session:
        audited = session.exec(select(func.count()).select_from(AuditEntry)).one()
        with pytest.raises(InvalidEdit) as refused:
            set_link(session, ALICE, MIAMI, "no-such-agreement", UNLINKED)
        assert refused.value.fields == {"agreement": "no agreement with key 'no-such-agreement'"}
        session.rollback()
        for nobody in (None, Editor("eve", "viewer")):
            with pytest.raises(AuthError, match="editor role"):
                set_link(session, nobody, MIAMI, "fl-miami-pd-tf", UNLINKED)
            with pytest.raises(AuthError, match="editor role"):
                release_link(session, nobody, MIAMI, UNLINKED)
            with pytest.raises(AuthError, match="editor role"):
                revert_link(session, nobody, 1, UNLINKED)
        session.commit()
        assert vote_link(session, MIAMI) == UNLINKED
        assert session.exec(select(func.count()).select_from(AuditEntry)).one() == audited
