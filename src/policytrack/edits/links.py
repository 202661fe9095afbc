"""The agreement a vote concerns, set by an editor: link it to an agreement, keep it
unlinked, or hand it back to the automatic linker. Setting and unlinking go through
`ingest.links.link`, as `policytrack link` does, so the link is `manual` and the automatic
pass (which only touches votes with no link kind) never overrides it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlmodel import Session, col, select

from policytrack.auth import Editor, require
from policytrack.edits import audit, reverts
from policytrack.edits.guards import claim_unchanged
from policytrack.edits.refusals import InvalidEdit, StaleEdit
from policytrack.edits.reverts import RevertPlan
from policytrack.edits.votes import stored_vote
from policytrack.ingest.links import LinkError, candidates, link
from policytrack.models import Agency, Agreement, VoteEvent

RECORD = "vote_link"


class VoteLink(BaseModel):
    """A vote's link as an editor saw it: the agreement's key (None: unlinked) and how the
    link was made (`auto`, `manual`, or None when no one has decided)."""

    model_config = ConfigDict(frozen=True)

    agreement: str | None = None
    how: str | None = None


def vote_link(session: Session, vote_key: str) -> VoteLink:
    """The vote's link as stored (the snapshot a change is checked against)."""
    vote = stored_vote(session, vote_key)
    agreement = session.get(Agreement, vote.agreement_id) if vote.agreement_id else None
    return VoteLink(agreement=agreement.key if agreement else None, how=vote.agreement_link)


def agreement_choices(session: Session, vote_key: str) -> dict[str, str]:
    """Agreements that fit the vote (its jurisdiction's agencies, model and dates) as
    key → "agency · model · signed · status", for a picker."""
    fits = candidates(session, stored_vote(session, vote_key))
    agencies = {a.id: a.name for a in session.exec(select(Agency).where(
        col(Agency.id).in_([f.agency_id for f in fits])))}  # fmt: skip
    return {
        a.key: f"{agencies.get(a.agency_id, '?')} · {a.model} · signed {a.signed_on or '?'}"
        f" · {a.status}"
        for a in fits
    }


def set_link(
    session: Session,
    editor: Editor | None,
    vote_key: str,
    agreement_key: str | None,
    loaded: VoteLink,
) -> VoteLink:
    """Link the vote to `agreement_key` by hand (None: keep it unlinked by hand); StaleEdit
    if the link changed since `loaded`, InvalidEdit('agreement') for an unknown agreement."""
    who = require(editor)
    _agreement(session, agreement_key)  # refuse an unknown agreement before writing anything
    _claim(session, vote_key, loaded)
    try:
        link(session, vote_key, agreement_key)
    except LinkError as error:
        raise InvalidEdit({"agreement": str(error)}) from None
    return _audited(session, who, vote_key, loaded, "link")


def release_link(
    session: Session, editor: Editor | None, vote_key: str, loaded: VoteLink
) -> VoteLink:
    """Drop the link and the editor's decision: the automatic linker may link the vote again."""
    who = require(editor)
    vote = _claim(session, vote_key, loaded)
    vote.agreement_id, vote.agreement_link = None, None
    return _audited(session, who, vote_key, loaded, "unlink")


def link_revert_plan(
    session: Session, entry_id: int, loaded: VoteLink, restore: bool = False
) -> RevertPlan:
    """What undoing change `entry_id` to a vote's link (or restoring the link to before it)
    would write over the link as this editor `loaded` it; `refusal` says why it cannot be."""
    return reverts.plan(session, RECORD, entry_id, _dump(loaded), restore)


def revert_link(
    session: Session,
    editor: Editor | None,
    entry_id: int,
    loaded: VoteLink,
    *,
    restore: bool = False,
) -> VoteLink:
    """Put a vote's link back as it was before change `entry_id` (with `restore`, undoing
    the later changes too): an audited change; RevertRefused if undoing it alone would throw
    a later change away, StaleEdit if the link is no longer as `loaded`."""
    who = require(editor)
    found = reverts.doable(link_revert_plan(session, entry_id, loaded, restore))
    previous = VoteLink.model_validate(_dump(loaded) | found.targets)
    agreement = _agreement(session, previous.agreement)
    vote = _claim(session, found.record_key, loaded)
    vote.agreement_id, vote.agreement_link = agreement, previous.how
    return _audited(session, who, found.record_key, loaded, "revert", found.note)


def link_history(session: Session, vote_key: str) -> list[audit.Change]:
    """Every editor's change to the vote's link, newest first."""
    return audit.history(session, RECORD, [vote_key])


def _claim(session: Session, vote_key: str, loaded: VoteLink) -> VoteEvent:
    """Lock the vote's row if its link is still as `loaded`; StaleEdit (who, when) if not."""
    vote = stored_vote(session, vote_key)
    assert vote.id is not None
    try:
        agreement_id = _agreement(session, loaded.agreement)
    except InvalidEdit:  # the agreement the editor saw is gone
        raise StaleEdit(audit.changed_by(session, RECORD, vote_key)) from None
    state = {"agreement_id": agreement_id, "agreement_link": loaded.how}
    claim_unchanged(session, VoteEvent, vote.id, state, (RECORD, vote_key))
    session.refresh(vote)
    return vote


def _audited(
    session: Session, who: Editor, vote_key: str, loaded: VoteLink, action: str,
    note: str | None = None,
) -> VoteLink:  # fmt: skip
    session.flush()
    now = vote_link(session, vote_key)
    version = stored_vote(session, vote_key).version
    audit.record(session, who, action, RECORD, vote_key, version, _dump(loaded), _dump(now), note)
    return now


def _agreement(session: Session, key: str | None) -> int | None:
    if key is None:
        return None
    found = session.exec(select(Agreement.id).where(Agreement.key == key)).first()
    if found is None:
        raise InvalidEdit({"agreement": f"no agreement with key {key!r}"})
    return found


def _dump(link_state: VoteLink) -> dict[str, Any]:
    return link_state.model_dump(mode="json")
