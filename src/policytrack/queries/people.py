"""Read side of people and stakeholders: a person's votes in roll calls and the positions
they took, a stakeholder's positions, and how a body's members voted across its votes.

A person is one place's (`policytrack.people`); their votes are found through the place's
votes (indexed by place) and each vote's roll call (indexed by vote and name), so a person's
page reads a few dozen rows whatever the size of the archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.models import (
    Body,
    Jurisdiction,
    MemberVote,
    Person,
    PersonName,
    Position,
    PositionSource,
    Stakeholder,
    StakeholderPerson,
    VoteEvent,
)
from policytrack.people.identity import read_people
from policytrack.queries.record.shared import plain, printed_here, sources_of

VOTE_COLUMNS = [
    "vote_date",
    "vote_key",
    "body",
    "measure",
    "action",
    "outcome",
    "option",
    "printed",
]
POSITION_COLUMNS = [
    "said_on", "vote_date", "vote_key", "place", "state", "stance", "role", "summary", "quote",
    "sources",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One person: where they sit, how their name was printed, how they voted (newest
    first), and the positions they took as a stakeholder."""

    key: str
    name: str
    place: str
    state: str
    place_ocd_id: str
    printings: tuple[tuple[str, str], ...]  # (printed, decided_by)
    votes: pd.DataFrame
    stakeholders: tuple[tuple[str, str], ...]  # (key, name) of the stakeholders they are
    positions: pd.DataFrame


@dataclass(frozen=True, slots=True)
class StakeholderRecord:
    """One stakeholder: kind, the person they are (if they sat on a body), their positions."""

    key: str
    name: str
    kind: str
    person: tuple[str, str] | None  # (key, name)
    positions: pd.DataFrame


def person_record(session: Session, key: str) -> PersonRecord | None:
    """The person with this key, or None."""
    row = session.execute(
        sa.select(
            col(Person.id),
            col(Person.key),
            col(Person.name),
            col(Person.jurisdiction_id),
            col(Jurisdiction.name).label("place"),
            col(Jurisdiction.state),
            col(Jurisdiction.ocd_id),
        )
        .join(Jurisdiction, col(Jurisdiction.id) == col(Person.jurisdiction_id))
        .where(col(Person.key) == key)
    ).first()
    if row is None:
        return None
    printings = tuple(
        (str(p), str(d))
        for p, d in session.execute(
            sa.select(col(PersonName.printed), col(PersonName.decided_by))
            .where(col(PersonName.person_id) == row.id)
            .order_by(col(PersonName.printed))
        )
    )
    holders = tuple(
        (str(k), str(n))
        for k, n in session.execute(
            sa.select(col(Stakeholder.key), col(Stakeholder.name))
            .join(StakeholderPerson, col(StakeholderPerson.stakeholder_id) == col(Stakeholder.id))
            .where(col(StakeholderPerson.person_id) == row.id)
            .order_by(col(Stakeholder.name))
        )
    )
    return PersonRecord(
        key=row.key,
        name=row.name,
        place=row.place,
        state=row.state,
        place_ocd_id=row.ocd_id,
        printings=printings,
        votes=_votes_of(session, row.jurisdiction_id, [p for p, _ in printings]),
        stakeholders=holders,
        positions=_positions_of(session, [k for k, _ in holders]),
    )


def _votes_of(session: Session, place: int, printed: list[str]) -> pd.DataFrame:
    statement: Any = (
        sa.select(
            col(VoteEvent.vote_date),
            col(VoteEvent.key).label("vote_key"),
            col(Body.name).label("body"),
            col(VoteEvent.motion_text).label("measure"),
            col(VoteEvent.action),
            col(VoteEvent.outcome),
            col(MemberVote.option),
            col(MemberVote.voter_name).label("printed"),
        )
        .join(MemberVote, col(MemberVote.vote_event_id) == col(VoteEvent.id))
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .where(
            col(VoteEvent.jurisdiction_id) == place,
            col(VoteEvent.retired).is_(False),
            col(MemberVote.voter_name).in_(printed),
        )
        .order_by(col(VoteEvent.vote_date).desc(), col(VoteEvent.key))
    )
    return _frame(session, statement, VOTE_COLUMNS)


def _positions_of(session: Session, stakeholder_keys: list[str]) -> pd.DataFrame:
    if not stakeholder_keys:
        return pd.DataFrame(columns=POSITION_COLUMNS)
    statement: Any = (
        sa.select(
            col(Position.id),
            col(Position.said_on),
            col(VoteEvent.vote_date),
            col(VoteEvent.key).label("vote_key"),
            col(Jurisdiction.name).label("place"),
            col(Jurisdiction.state),
            col(Position.stance),
            col(Position.role),
            col(Position.summary),
            col(Position.quote),
        )
        .join(Stakeholder, col(Stakeholder.id) == col(Position.stakeholder_id))
        .outerjoin(VoteEvent, col(VoteEvent.id) == col(Position.vote_event_id))
        .outerjoin(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .where(col(Stakeholder.key).in_(stakeholder_keys), col(Position.retired).is_(False))
        .order_by(col(VoteEvent.vote_date).desc(), col(Position.id))
    )
    frame = _frame(session, statement, ["id", *POSITION_COLUMNS[:-1]])
    ids = [int(i) for i in frame["id"]]
    cited = sources_of(session, PositionSource, col(PositionSource.position_id), ids)
    frame["sources"] = [" ".join(s.url or s.key for s in cited.get(i, ())) for i in ids]
    return frame.drop(columns="id")[POSITION_COLUMNS]


def stakeholder_record(session: Session, key: str) -> StakeholderRecord | None:
    """The stakeholder with this key — or, failing that, this exact name, as the shared
    stakeholder filter writes it in the URL (`?stakeholder=Christine King`) — or None."""
    found = _stakeholder_row(session, col(Stakeholder.key) == key)
    row = found or _stakeholder_row(session, col(Stakeholder.name) == key)
    if row is None:
        return None
    person = (row.person_key, row.person_name) if row.person_key else None
    return StakeholderRecord(
        key=row.key,
        name=row.name,
        kind=str(row.kind),
        person=person,
        positions=_positions_of(session, [row.key]),
    )


def _stakeholder_row(session: Session, which: Any) -> Any:
    return session.execute(
        sa.select(col(Stakeholder.key), col(Stakeholder.name), col(Stakeholder.kind),
                  col(Person.key).label("person_key"), col(Person.name).label("person_name"))
        .outerjoin(StakeholderPerson, col(StakeholderPerson.stakeholder_id) == col(Stakeholder.id))
        .outerjoin(Person, col(Person.id) == col(StakeholderPerson.person_id))
        .where(which)
        .order_by(col(Stakeholder.key))
    ).first()  # fmt: skip


def members_votes(session: Session, place_ocd_id: str, body: str | None = None) -> pd.DataFrame:
    """How a place's members voted across its votes: one row per person, one column per
    vote (newest first, named by its key), cells the member's vote ("" where they cast
    none on record). `body` narrows to one of the place's bodies."""
    statement: Any = (
        sa.select(
            col(Person.key).label("person_key"),
            col(Person.name).label("member"),
            col(VoteEvent.key).label("vote_key"),
            col(VoteEvent.vote_date),
            col(MemberVote.option).label("vote"),
        )
        .join(Jurisdiction, col(Jurisdiction.id) == col(VoteEvent.jurisdiction_id))
        .join(Body, col(Body.id) == col(VoteEvent.body_id))
        .join(MemberVote, col(MemberVote.vote_event_id) == col(VoteEvent.id))
        .join(PersonName, printed_here())
        .join(Person, col(Person.id) == col(PersonName.person_id))
        .where(col(Jurisdiction.ocd_id) == place_ocd_id, col(VoteEvent.retired).is_(False))
    )
    if body is not None:
        statement = statement.where(col(Body.name) == body)
    rows = _frame(session, statement, ["person_key", "member", "vote_key", "vote_date", "vote"])
    if rows.empty:
        return pd.DataFrame(columns=["person_key", "member"])
    order = (
        rows.drop_duplicates("vote_key")
        .sort_values(["vote_date", "vote_key"], ascending=[False, True], na_position="last")
        .vote_key.tolist()
    )
    table = rows.pivot_table(
        index=["person_key", "member"], columns="vote_key", values="vote", aggfunc="first"
    )
    return table.reindex(columns=order).fillna("").reset_index().sort_values("member")


def _frame(session: Session, statement: Any, columns: list[str]) -> pd.DataFrame:
    """The rows of `statement` (labelled as `columns`), values JSON-ready."""
    return pd.DataFrame([plain(row) for row in session.execute(statement)], columns=columns)


def merged_people(session: Session, place_ocd_id: str | None = None) -> pd.DataFrame:
    """Every person read from more than one printing (or decided by an editor), with how:
    the list of merges an editor reviews. `place_ocd_id` narrows to one place."""
    printings = sa.func.count(col(PersonName.id))
    by_editor = col(PersonName.decided_by) != "auto"
    decided = sa.func.max(sa.case((by_editor, col(PersonName.decided_by)), else_=None))
    statement: Any = (
        sa.select(
            col(Person.key), col(Person.name), col(Jurisdiction.name).label("place"),
            col(Jurisdiction.state), printings.label("printings"), decided.label("decided_by"),
        )
        .join(PersonName, col(PersonName.person_id) == col(Person.id))
        .join(Jurisdiction, col(Jurisdiction.id) == col(Person.jurisdiction_id))
        .group_by(
            col(Person.key), col(Person.name), col(Jurisdiction.name), col(Jurisdiction.state)
        )
        .having(sa.or_(printings > 1, decided.is_not(None)))
        .order_by(col(Jurisdiction.state), col(Jurisdiction.name), col(Person.name))
    )  # fmt: skip
    if place_ocd_id is not None:
        statement = statement.where(col(Jurisdiction.ocd_id) == place_ocd_id)
    columns = ["key", "name", "place", "state", "printings", "decided_by"]
    frame = _frame(session, statement, columns)
    frame["decided_by"] = frame["decided_by"].fillna("automatic")
    names = _printed_by_person(session, frame["key"].tolist())
    return frame.assign(printed=[" · ".join(names.get(k, [])) for k in frame["key"]])


def _printed_by_person(session: Session, keys: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if not keys:
        return found
    rows = session.execute(
        sa.select(col(Person.key), col(PersonName.printed))
        .join(PersonName, col(PersonName.person_id) == col(Person.id))
        .where(col(Person.key).in_(keys))
        .order_by(col(PersonName.printed))
    )
    for key, printed in rows:
        found.setdefault(str(key), []).append(str(printed))
    return found


@dataclass(frozen=True, slots=True)
class PlacePeople:
    """A place's people (key, name, printed) and the printings left apart as doubtful,
    each with the others it might be."""

    people: pd.DataFrame
    doubtful: tuple[tuple[str, str], ...]  # (printed, the printings it might also be)


def people_of_place(session: Session, place_ocd_id: str) -> PlacePeople:
    """Everyone of a place's roll calls, for an editor's merge and split."""
    statement: Any = (
        sa.select(col(Person.key), col(Person.name), col(PersonName.printed))
        .join(PersonName, col(PersonName.person_id) == col(Person.id))
        .join(Jurisdiction, col(Jurisdiction.id) == col(Person.jurisdiction_id))
        .where(col(Jurisdiction.ocd_id) == place_ocd_id)
        .order_by(col(Person.name), col(PersonName.printed))
    )
    rows = _frame(session, statement, ["key", "name", "printed"])
    people = (
        rows.groupby(["key", "name"], as_index=False)
        .agg(printed=("printed", " · ".join))
        .sort_values("name")
        if not rows.empty
        else pd.DataFrame(columns=["key", "name", "printed"])
    )
    reading = read_people(rows["printed"].tolist())
    doubtful = tuple((p, " · ".join(o)) for p, o in sorted(reading.doubtful.items()))
    return PlacePeople(people=people.reset_index(drop=True), doubtful=doubtful)


def places_with_people(session: Session) -> dict[str, str]:
    """Places whose roll calls name someone: OCD id → "Place, ST", by state and name."""
    rows = session.execute(
        sa.select(col(Jurisdiction.ocd_id), col(Jurisdiction.name), col(Jurisdiction.state))
        .where(col(Jurisdiction.id).in_(sa.select(col(Person.jurisdiction_id))))
        .order_by(col(Jurisdiction.state), col(Jurisdiction.name))
    )
    return {str(ocd): f"{name}, {state}" for ocd, name, state in rows}


PEOPLE_MATCHING_LIMIT = 50


def people_matching(session: Session, text: str) -> pd.DataFrame:
    """People and stakeholders whose name holds `text` (case-insensitive): kind ("person"
    or "stakeholder"), key, name, where (a person's place; a stakeholder's kind), at most
    PEOPLE_MATCHING_LIMIT of each, for a search's "People" table."""
    needle = text.strip()
    columns = ["kind", "key", "name", "where"]
    if not needle:
        return pd.DataFrame(columns=columns)
    people: Any = (
        sa.select(
            sa.literal("person").label("kind"),
            col(Person.key),
            col(Person.name),
            (col(Jurisdiction.name) + ", " + col(Jurisdiction.state)).label("where"),
        )
        .join(Jurisdiction, col(Jurisdiction.id) == col(Person.jurisdiction_id))
        .where(
            col(Person.id).in_(
                sa.select(col(PersonName.person_id)).where(
                    col(PersonName.printed).icontains(needle, autoescape=True)
                )
            )
        )
        .order_by(col(Person.name))
        .limit(PEOPLE_MATCHING_LIMIT)
    )
    holders: Any = (
        sa.select(
            sa.literal("stakeholder").label("kind"),
            col(Stakeholder.key),
            col(Stakeholder.name),
            col(Stakeholder.kind).label("where"),
        )
        .where(col(Stakeholder.name).icontains(needle, autoescape=True))
        .order_by(col(Stakeholder.name))
        .limit(PEOPLE_MATCHING_LIMIT)
    )
    return pd.concat(
        [_frame(session, people, columns), _frame(session, holders, columns)], ignore_index=True
    )
