"""Compare jurisdictions side by side: their agreements, votes (tally, roll call, who took
which side, sources) and a summary of comparable facts. Filters and counts run in SQL; only
the newest few votes and agreements of each chosen jurisdiction come back."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col

from policytrack.filters import Filters, vote_conditions
from policytrack.models import (
    Agency,
    Agreement,
    AgreementSource,
    Body,
    Jurisdiction,
    MemberVote,
    Position,
    PositionSource,
    Source,
    Stakeholder,
    VoteEvent,
    VoteEventSource,
)
from policytrack.queries import compare_summary
from policytrack.queries.compare_summary import agreement_conditions_of
from policytrack.vocab import MODEL_LABELS, AgreementStatus, Model287g, Stance

MAX_JURISDICTIONS = 6
VOTE_LIMIT = 10  # newest votes shown per jurisdiction (the total is always counted)
AGREEMENT_LIMIT = 10  # agreements shown per jurisdiction
POSITION_LIMIT = 2000  # positions fetched for all shown votes together (a safety cap)
COUNT_COLUMNS = ("yes", "no", "abstain", "absent")
DISPUTED = "mixed/disputed"


@dataclass(frozen=True, slots=True)
class RollCallMember:
    """One member's vote, the name as printed in the sources."""

    name: str
    option: str


@dataclass(frozen=True, slots=True)
class ComparedPosition:
    """A stakeholder's live position on a compared vote; `sources` as `source_lists` gives
    them (a URL, or the citation of a source without one)."""

    stakeholder: str
    stakeholder_kind: str
    stance: str
    speaker: str | None
    role: str | None
    summary: str | None
    quote: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ComparedVote:
    """One of the newest votes of a compared jurisdiction."""

    id: int
    key: str
    vote_date: dt.date | None
    body: str
    motion_text: str
    topic: str
    action: str
    outcome: str
    model: str
    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None
    disputed: str | None
    roll_call: tuple[RollCallMember, ...]
    positions: tuple[ComparedPosition, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ComparedAgreement:
    """An agreement of an agency of a compared jurisdiction (`model` as its label)."""

    key: str
    agency: str
    model: str
    status: str
    signed_on: dt.date | None
    moa_url: str | None
    last_seen: dt.date | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ComparedPlace:
    """One compared jurisdiction: its newest votes and agreements and how many exist."""

    id: int
    ocd_id: str
    name: str
    state: str
    kind: str
    label: str
    votes: tuple[ComparedVote, ...]
    agreements: tuple[ComparedAgreement, ...]
    votes_total: int
    agreements_total: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the Compare page shows: the places (in the order asked), the summary of
    comparable facts (one row per place, with a `differs` column) and the votes shown as
    one flat table."""

    places: tuple[ComparedPlace, ...]
    summary: pd.DataFrame
    votes: pd.DataFrame


def jurisdiction_label(name: str, state: str) -> str:
    """How a jurisdiction is named in pickers and URLs: `Miami, FL`."""
    return f"{name}, {state}"


def jurisdiction_options(session: Session) -> dict[str, str]:
    """Label → OCD id of every jurisdiction with a vote or an agreement; labels are unique
    (a kind, then the OCD id, is added where two places would read the same)."""
    has_vote = sa.exists().where(col(VoteEvent.jurisdiction_id) == col(Jurisdiction.id))
    has_agreement = (
        sa.exists()
        .where(col(Agency.jurisdiction_id) == col(Jurisdiction.id))
        .where(col(Agreement.agency_id) == col(Agency.id))
    )
    statement = (
        sa.select(col(Jurisdiction.ocd_id), col(Jurisdiction.name), col(Jurisdiction.state),
                  col(Jurisdiction.kind))
        .where(sa.or_(has_vote, has_agreement))
        .order_by(col(Jurisdiction.name), col(Jurisdiction.state), col(Jurisdiction.ocd_id))
    )  # fmt: skip
    rows = [tuple(row) for row in session.execute(statement)]
    return unique_labels(rows)


def unique_labels(rows: list[tuple[Any, ...]]) -> dict[str, str]:
    """Label → OCD id for rows of (ocd_id, name, state, kind), each label distinct."""
    plain = Counter(jurisdiction_label(name, state) for _, name, state, _ in rows)
    with_kind = Counter(f"{jurisdiction_label(n, s)} ({k})" for _, n, s, k in rows)
    labels: dict[str, str] = {}
    for ocd_id, name, state, kind in rows:
        text = jurisdiction_label(name, state)
        if plain[text] > 1:
            text = f"{text} ({kind})"
            if with_kind[text] > 1:
                text = f"{text[:-1]}, {ocd_id.rsplit('/', 1)[-1]})"
        labels[text] = ocd_id
    return labels


def comparison(session: Session, filters: Filters, ocd_ids: tuple[str, ...]) -> Comparison:
    """Everything the Compare page shows for up to six jurisdictions (in the order given):
    each place's newest votes (each with its roll call, positions and sources) and
    agreements with their totals, the summary of comparable facts, and the votes as one
    table."""
    wanted = _jurisdictions(session, ocd_ids[:MAX_JURISDICTIONS])
    ids = [place["id"] for place in wanted]
    votes = _votes(session, filters, ids)
    agreements = _agreements(session, filters, ids)
    summary = compare_summary.summary(session, filters, wanted)
    places = tuple(
        ComparedPlace(
            **place,
            votes=tuple(votes.get(place["id"], [])),
            agreements=tuple(agreements.get(place["id"], [])),
            votes_total=int(total),
            agreements_total=int(count),
        )
        for place, total, count in zip(
            wanted, summary["votes"], summary["agreements_total"], strict=True
        )
    )
    return Comparison(places=places, summary=summary, votes=votes_frame(places))


def _jurisdictions(session: Session, ocd_ids: Sequence[str]) -> list[dict[str, Any]]:
    statement = sa.select(
        col(Jurisdiction.id), col(Jurisdiction.ocd_id), col(Jurisdiction.name),
        col(Jurisdiction.state), col(Jurisdiction.kind),
    ).where(col(Jurisdiction.ocd_id).in_(list(ocd_ids)))  # fmt: skip
    found = {row.ocd_id: dict(row._asdict()) for row in session.execute(statement)}
    places = [found[ocd_id] for ocd_id in dict.fromkeys(ocd_ids) if ocd_id in found]
    for place in places:
        place["label"] = jurisdiction_label(place["name"], place["state"])
        place["kind"] = str(place["kind"])
    return places


def _newest_per_jurisdiction(
    statement: Any, partition: Any, order: Sequence[Any], limit: int
) -> Any:
    """Keep the first `limit` rows of each jurisdiction (ROW_NUMBER, SQLite and PostgreSQL)."""
    rank = func.row_number().over(partition_by=partition, order_by=list(order)).label("rank")
    ranked = statement.add_columns(rank).subquery()
    return sa.select(ranked).where(ranked.c.rank <= limit)


def _votes(session: Session, filters: Filters, ids: list[int]) -> dict[int, list[ComparedVote]]:
    if not ids:
        return {}
    statement: Any = (
        sa.select(
            col(VoteEvent.jurisdiction_id), col(VoteEvent.id), col(VoteEvent.key),
            col(VoteEvent.vote_date), col(Body.name).label("body"), col(VoteEvent.motion_text),
            col(VoteEvent.topic), col(VoteEvent.action), col(VoteEvent.outcome),
            col(VoteEvent.model), col(VoteEvent.yes), col(VoteEvent.no), col(VoteEvent.abstain),
            col(VoteEvent.absent), col(VoteEvent.disputed),
        )
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .where(col(VoteEvent.jurisdiction_id).in_(ids), *vote_conditions(filters))
    )  # fmt: skip
    order = (col(VoteEvent.vote_date).desc().nulls_last(), col(VoteEvent.key))
    newest = _newest_per_jurisdiction(statement, VoteEvent.jurisdiction_id, order, VOTE_LIMIT)
    rows = [dict(row._asdict()) for row in session.execute(newest)]
    rows.sort(key=lambda r: (r["jurisdiction_id"], r["rank"]))
    vote_ids = [row["id"] for row in rows]
    roll_calls = _roll_calls(session, vote_ids)
    positions = _positions(session, vote_ids)
    sources = source_lists(session, VoteEventSource, VoteEventSource.vote_event_id, vote_ids)
    found: dict[int, list[ComparedVote]] = defaultdict(list)
    for row in rows:
        row.pop("rank")
        for name in ("topic", "action", "outcome", "model"):
            row[name] = str(row[name])
        row.update(
            roll_call=tuple(roll_calls.get(row["id"], [])),
            positions=tuple(positions.get(row["id"], [])),
            sources=tuple(sources.get(row["id"], [])),
        )
        jurisdiction_id = row.pop("jurisdiction_id")
        found[jurisdiction_id].append(ComparedVote(**row))
    return found


def source_lists(
    session: Session, link: Any, link_column: Any, ids: Iterable[int]
) -> dict[int, list[str]]:
    """The sources each record cites (URL, or the citation of a source without one)."""
    wanted = [int(i) for i in ids]
    if not wanted:
        return {}
    statement = (
        sa.select(link_column, col(Source.url), col(Source.key), col(Source.citation))
        .join(Source, col(Source.id) == link.source_id)
        .where(col(link_column).in_(wanted))
        .order_by(link_column, col(Source.key))
    )
    found: dict[int, list[str]] = defaultdict(list)
    for owner, url, key, citation in session.execute(statement):
        found[owner].append(url or citation or key)
    return found


def _roll_calls(session: Session, vote_ids: list[int]) -> dict[int, list[RollCallMember]]:
    statement = (
        sa.select(col(MemberVote.vote_event_id), col(MemberVote.voter_name), col(MemberVote.option))
        .where(col(MemberVote.vote_event_id).in_(vote_ids))
        .order_by(col(MemberVote.vote_event_id), col(MemberVote.id))
    )
    found: dict[int, list[RollCallMember]] = defaultdict(list)
    for vote_id, name, option in session.execute(statement):
        found[vote_id].append(RollCallMember(name=name, option=str(option)))
    return found


def _positions(session: Session, vote_ids: list[int]) -> dict[int, list[ComparedPosition]]:
    statement: Any = (
        sa.select(
            col(Position.id), col(Position.vote_event_id),
            col(Stakeholder.name).label("stakeholder"),
            col(Stakeholder.kind).label("stakeholder_kind"), col(Position.stance),
            col(Position.speaker), col(Position.role), col(Position.summary), col(Position.quote),
        )
        .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
        .where(col(Position.vote_event_id).in_(vote_ids), col(Position.retired).is_(False))
        .order_by(col(Position.vote_event_id), col(Stakeholder.name), col(Position.id))
        .limit(POSITION_LIMIT)
    )  # fmt: skip
    rows = [dict(row._asdict()) for row in session.execute(statement)]
    sources = source_lists(
        session, PositionSource, PositionSource.position_id, [r["id"] for r in rows]
    )
    found: dict[int, list[ComparedPosition]] = defaultdict(list)
    for row in rows:
        row.update(stance=str(row["stance"]), stakeholder_kind=str(row["stakeholder_kind"]))
        row["sources"] = tuple(sources.get(row.pop("id"), []))
        vote_id = row.pop("vote_event_id")
        found[vote_id].append(ComparedPosition(**row))
    return found


def _agreements(
    session: Session, filters: Filters, ids: list[int]
) -> dict[int, list[ComparedAgreement]]:
    if not ids:
        return {}
    statement: Any = (
        sa.select(
            col(Agency.jurisdiction_id), col(Agreement.id), col(Agreement.key),
            col(Agency.name).label("agency"), col(Agreement.model), col(Agreement.status),
            col(Agreement.signed_on), col(Agreement.moa_url), col(Agreement.last_seen),
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .where(col(Agency.jurisdiction_id).in_(ids), *agreement_conditions_of(filters))
    )  # fmt: skip
    active_first = sa.case((col(Agreement.status) == AgreementStatus.ACTIVE.value, 0), else_=1)
    order = (active_first, col(Agreement.signed_on).desc().nulls_last(), col(Agreement.key))
    newest = _newest_per_jurisdiction(statement, Agency.jurisdiction_id, order, AGREEMENT_LIMIT)
    rows = [dict(row._asdict()) for row in session.execute(newest)]
    rows.sort(key=lambda r: (r["jurisdiction_id"], r["rank"]))
    sources = source_lists(
        session, AgreementSource, AgreementSource.agreement_id, [r["id"] for r in rows]
    )
    found: dict[int, list[ComparedAgreement]] = defaultdict(list)
    for row in rows:
        row.pop("rank")
        row["model"] = MODEL_LABELS[Model287g(str(row["model"]))]
        row["status"] = str(row["status"])
        row["sources"] = tuple(sources.get(row.pop("id"), []))
        jurisdiction_id = row.pop("jurisdiction_id")
        found[jurisdiction_id].append(ComparedAgreement(**row))
    return found


def votes_frame(places: Sequence[ComparedPlace]) -> pd.DataFrame:
    """The votes a comparison shows as one flat table (for downloads)."""
    rows = []
    for place in places:
        for vote in place.votes:
            sides = Counter(p.stance for p in vote.positions)
            rows.append({
                "jurisdiction": place.label, "vote_key": vote.key,
                "vote_date": vote.vote_date, "body": vote.body,
                "measure": vote.motion_text, "action": vote.action,
                "outcome": vote.outcome, **{c: getattr(vote, c) for c in COUNT_COLUMNS},
                "roll_call": "; ".join(f"{m.name}: {m.option}" for m in vote.roll_call),
                **{f"stakeholders_{s.value}": sides.get(s.value, 0) for s in Stance},
                "disputed": vote.disputed, "sources": " ".join(vote.sources),
            })  # fmt: skip
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame[list(COUNT_COLUMNS)] = frame[list(COUNT_COLUMNS)].astype("Int64")
    return frame
