"""What an editor saves from a reviewed article draft onto a vote: the article as a source,
where the report disagrees with the record (kept in `disputed`, never written over the
record's values), and the positions the article reports, each citing the article.

One call, one transaction: a refused row leaves nothing written. Finding the stored votes a
report may be about (same place, date ± a few days) is `votes_near`; it serves the editor's
review, never the extractor (which drafts from the text alone).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from policytrack.auth import Editor, require
from policytrack.edits.positions import PositionEdit, add_position
from policytrack.edits.refusals import InvalidEdit, validated
from policytrack.edits.stakeholders import add_stakeholder
from policytrack.edits.votes import save_vote, vote_as_input
from policytrack.ingest.positions import stakeholder_key
from policytrack.models import Jurisdiction, Stakeholder, VoteEvent
from policytrack.schemas import SourceIn, StakeholderIn, VoteEventIn
from policytrack.vocab import StakeholderKind, Stance

NEAR_DAYS = 3  # a report's date for a vote may be off by a day or two (meeting vs. story)
TALLY = ("yes", "no", "abstain", "absent")


@dataclass(frozen=True)
class ReportedPosition:
    """A stakeholder's stance as the article reports it, after the editor's review."""

    name: str
    kind: StakeholderKind
    stance: Stance
    speaker: str | None = None
    quote: str | None = None
    summary: str | None = None


def votes_near(
    session: Session, ocd_id: str, day: dt.date | None, days: int = NEAR_DAYS
) -> list[str]:
    """Keys of the live votes of the jurisdiction `ocd_id` dated within `days` of `day`
    (every live vote of it when the report gives no date), nearest first."""
    statement = (
        select(VoteEvent)
        .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .where(Jurisdiction.ocd_id == ocd_id, col(VoteEvent.retired).is_(False))
    )
    if day is not None:
        low, high = day - dt.timedelta(days=days), day + dt.timedelta(days=days)
        statement = statement.where(col(VoteEvent.vote_date).between(low, high))
    rows = list(session.exec(statement))

    def distance(vote: VoteEvent) -> tuple[int, str]:
        gap = abs((vote.vote_date - day).days) if day and vote.vote_date else 0
        return gap, vote.key

    return [vote.key for vote in sorted(rows, key=distance)]


def disagreement(stored: VoteEventIn, reported: VoteEventIn, source: SourceIn) -> str | None:
    """Words for `disputed` where the report's tally or date differs from the record's;
    None when they agree (a value the report does not give is no disagreement)."""
    parts = []
    if reported.vote_date is not None and reported.vote_date != stored.vote_date:
        parts.append(f"date {reported.vote_date} (record: {stored.vote_date or 'not stated'})")
    counts = [n for n in TALLY if getattr(reported, n) is not None]
    if any(getattr(reported, n) != getattr(stored, n) for n in counts):
        said = ", ".join(f"{n} {getattr(reported, n)}" for n in counts)
        kept = ", ".join(f"{n} {getattr(stored, n)}" for n in counts)
        parts.append(f"tally {said} (record: {kept})")
    if not parts:
        return None
    who = source.publisher or source.key
    when = f" of {source.published_on}" if source.published_on else ""
    return f"The report by {who}{when} ({source.key}) gives {'; '.join(parts)}."


def add_report(
    session: Session,
    editor: Editor | None,
    vote_key: str,
    version: int,
    source: SourceIn,
    disputed: str | None,
    positions: list[ReportedPosition],
) -> None:
    """Cite the article on the vote loaded at `version` (StaleEdit if it moved on), append
    `disputed` to what its sources disagree on, and add `positions` citing the article.
    The vote's own values are not changed. InvalidEdit names the position row refused."""
    who = require(editor)
    stored, _ = vote_as_input(session, vote_key)
    update: dict[str, object] = {}
    if source.key not in {s.key for s in stored.sources}:
        update["sources"] = [*stored.sources, source]
    if disputed and disputed not in (stored.disputed or ""):
        update["disputed"] = " ".join(filter(None, [stored.disputed, disputed]))
    if update:
        save_vote(session, who, stored.model_copy(update=update), version)
    for number, position in enumerate(positions, start=1):
        try:
            add_position(session, who, vote_key, _edit(session, who, position, source))
        except InvalidEdit as error:
            words = "; ".join(f"{k}: {v}" for k, v in error.fields.items())
            raise InvalidEdit({"positions": f"row {number} ({position.name}): {words}"}) from None


def _edit(
    session: Session, editor: Editor, position: ReportedPosition, source: SourceIn
) -> PositionEdit:
    """The position as an edit, its stakeholder added first if it is new."""
    key = stakeholder_key(position.name)
    if not key:
        raise InvalidEdit({"stakeholder": "give the stakeholder's name (letters or digits)"})
    known = session.exec(select(Stakeholder).where(Stakeholder.key == key)).first()
    if known is None:
        add_stakeholder(session, editor, StakeholderIn(key=key, name=position.name,
                                                        kind=position.kind))  # fmt: skip
    values: dict[str, object] = {
        "stakeholder": key,
        "stance": position.stance,
        "speaker": position.speaker,
        "quote": position.quote,
        "summary": position.summary,
        "sources": [source.key],
    }
    return validated(PositionEdit, values)
