"""A reviewed draft as the project's input models: `VoteEventIn` and `PositionIn`.

The article is the source of every record made from it. A draft missing what a vote record
needs (state, jurisdiction, action, outcome) is refused with the fields named, never filled in.
"""

from __future__ import annotations

import datetime as dt

from policytrack.articles.draft import Draft
from policytrack.geo import load_gazetteer
from policytrack.ingest.jurisdictions import resolve
from policytrack.ingest.positions import position_key, stakeholder_key
from policytrack.schemas import MemberVoteIn, PositionIn, SourceIn, StakeholderIn, VoteEventIn
from policytrack.vocab import JurisdictionKind, Topic, VoteOption, parse_model

_KINDS = {
    "city": JurisdictionKind.PLACE,
    "town": JurisdictionKind.PLACE,
    "village": JurisdictionKind.PLACE,
    "township": JurisdictionKind.PLACE,
    "county": JurisdictionKind.COUNTY,
    "state": JurisdictionKind.STATE,
}


class DraftIncomplete(ValueError):
    """The draft lacks fields a vote record needs; the message names them."""


def article_source(draft: Draft, title: str | None = None) -> SourceIn:
    """The article as a source: its URL (checked http/https), publisher and date."""
    if not draft.url:
        raise DraftIncomplete("the article has no URL: give --url (every record cites a source)")
    source = SourceIn.from_url(draft.url)
    return source.model_copy(update={"title": title, "published_on": draft.published})


def to_vote_event(draft: Draft, title: str | None = None) -> VoteEventIn:
    """The vote record the draft describes, citing the article."""
    missing = [
        name
        for name in ("state", "jurisdiction", "action", "outcome")
        if getattr(draft, name).value is None
    ]
    if missing:
        raise DraftIncomplete(f"the draft does not give: {', '.join(missing)}")
    gazetteer = load_gazetteer()
    state = gazetteer.state(draft.state.value)
    if state is None:
        raise DraftIncomplete(f"state {draft.state.value!r} is not a US state")
    kind = _KINDS.get(draft.jurisdiction_kind.value or "city", JurisdictionKind.PLACE)
    place = resolve(gazetteer, str(draft.jurisdiction.value), kind, state)
    vote_day: dt.date | None = draft.vote_date.value
    return VoteEventIn(
        key=draft.vote_key() or "",
        jurisdiction=place.jurisdiction,
        body=draft.body.value or "(body not stated)",
        vote_date=vote_day,
        motion_text=draft.policy.value or "ICE cooperation measure",
        topic=Topic.STATE_POLICY
        if kind is JurisdictionKind.STATE
        else Topic.AGREEMENT_287G
        if draft.policy.value == "287(g) agreement"
        else Topic.ICE_COOPERATION,
        action=draft.action.value,
        outcome=draft.outcome.value,
        model=parse_model(draft.model.value),
        yes=draft.tally.yes.value,
        no=draft.tally.no.value,
        abstain=draft.tally.abstain.value,
        absent=draft.tally.absent.value,
        roll_call=[
            MemberVoteIn(voter_name=m.member, option=VoteOption(m.vote)) for m in draft.roll_call
        ],
        sources=[article_source(draft, title)],
        warnings=[place.warning] if place.warning else [],
    )


def to_positions(draft: Draft, vote_key: str, title: str | None = None) -> list[PositionIn]:
    """One position per drafted stakeholder on the vote `vote_key`, citing the article."""
    source = article_source(draft, title)
    out = []
    for s in draft.stakeholders:
        stakeholder = StakeholderIn(key=stakeholder_key(s.name), name=s.name, kind=s.kind)
        out.append(
            PositionIn(
                key=position_key(vote_key, stakeholder.key, s.person, str(s.stance), source.key),
                vote_key=vote_key,
                stakeholder=stakeholder,
                stance=s.stance,
                speaker=s.person,
                summary=s.why,
                quote=s.quote,
                sources=[source],
            )
        )
    return out
