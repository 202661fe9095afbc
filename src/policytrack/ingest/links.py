"""Link votes to the agreements they concern: automatically where only one agreement fits,
and by hand (`policytrack link`) otherwise. A link made by hand is never undone by the
automatic pass."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from policytrack.models import Agency, Agreement, VoteEvent
from policytrack.vocab import Action, Model287g, Topic

APPROVAL_WINDOW = dt.timedelta(days=180)  # an approval and the signing it led to (or followed)


class LinkError(ValueError):
    """A manual link names a vote or an agreement that does not exist."""


def _fits(vote: VoteEvent, agreement: Agreement) -> bool:
    known_models = Model287g.UNKNOWN not in (vote.model, agreement.model)
    if known_models and vote.model != agreement.model:
        return False
    if vote.vote_date is None or agreement.signed_on is None:
        return True
    if vote.action == Action.APPROVE:
        return abs(agreement.signed_on - vote.vote_date) <= APPROVAL_WINDOW
    # Rescinding, rejecting or deferring concerns an agreement signed before the vote.
    return agreement.signed_on <= vote.vote_date


def candidates(session: Session, vote: VoteEvent) -> list[Agreement]:
    """Agreements of agencies in the vote's jurisdiction that fit its model and date."""
    statement = (
        select(Agreement)
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .where(Agency.jurisdiction_id == vote.jurisdiction_id)
        .order_by(col(Agreement.key))
    )
    return [a for a in session.exec(statement) if _fits(vote, a)]


def link_votes(session: Session) -> list[str]:
    """Link every unlinked 287(g) vote that exactly one agreement fits; say what was done."""
    # Only votes that enter or end an agreement: motions about lawsuits, lawyers or
    # postponements concern an agreement too loosely to link without a person's judgement.
    statement = select(VoteEvent).where(
        VoteEvent.topic == Topic.AGREEMENT_287G,
        col(VoteEvent.action).in_([Action.APPROVE, Action.RESCIND]),
        col(VoteEvent.agreement_link).is_(None),
    )
    done = []
    for vote in session.exec(statement):
        found = candidates(session, vote)
        if len(found) == 1:
            vote.agreement_id, vote.agreement_link = found[0].id, "auto"
            done.append(f"vote {vote.key} → agreement {found[0].key} (only fit)")
    session.flush()
    return done


def link(session: Session, vote_key: str, agreement_key: str | None) -> str:
    """Link a vote to an agreement by hand (`agreement_key` None removes the link)."""
    vote = session.exec(select(VoteEvent).where(VoteEvent.key == vote_key)).first()
    if vote is None:
        raise LinkError(f"no vote with key {vote_key!r}")
    if agreement_key is None:
        vote.agreement_id, vote.agreement_link = None, "manual"
        return f"vote {vote_key} unlinked (kept unlinked by hand)"
    agreement = session.exec(select(Agreement).where(Agreement.key == agreement_key)).first()
    if agreement is None:
        raise LinkError(f"no agreement with key {agreement_key!r}")
    vote.agreement_id, vote.agreement_link = agreement.id, "manual"
    return f"vote {vote_key} → agreement {agreement_key} (by hand)"
