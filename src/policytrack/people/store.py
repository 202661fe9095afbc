"""Keep the people of each place current: after every write that touches a roll call, a
vote's place or a position, the places concerned are read again (`people.identity`) and
their `person`, `person_name` and `stakeholder_person` rows replaced — except the rows an
editor decided (merge, split), which stay and are read around.

Works on a Connection with core SQL, so that the session listener (`follow_writes`,
registered by `db.register_listeners`), a restore and the migration that introduced people
share it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session

from policytrack.models import (
    Jurisdiction,
    MemberVote,
    Person,
    PersonName,
    Position,
    Stakeholder,
    StakeholderPerson,
    VoteEvent,
)
from policytrack.people.identity import Reading, link_stakeholder, read_people
from policytrack.people.names import fold, read_name
from policytrack.vocab import StakeholderKind

AUTO = "auto"
# Stakeholder kinds that may be a person who sits on a body (an organisation never is).
PERSON_KINDS = (StakeholderKind.ELECTED_OFFICIAL.value, StakeholderKind.LAW_ENFORCEMENT.value)
BATCH = 500  # places per statement

_person = Person.__table__  # type: ignore[attr-defined]
_names = PersonName.__table__  # type: ignore[attr-defined]
_links = StakeholderPerson.__table__  # type: ignore[attr-defined]
_places = Jurisdiction.__table__  # type: ignore[attr-defined]
_votes = VoteEvent.__table__  # type: ignore[attr-defined]
_members = MemberVote.__table__  # type: ignore[attr-defined]
_positions = Position.__table__  # type: ignore[attr-defined]
_holders = Stakeholder.__table__  # type: ignore[attr-defined]


def identify(connection: sa.Connection, places: Iterable[int] | None = None) -> int:
    """Read the people of `places` (jurisdiction ids; None: every place) again; return how
    many places were read."""
    if places is None:
        places = connection.execute(sa.select(_votes.c.jurisdiction_id).distinct()).scalars()
    wanted = sorted(set(places))
    for start in range(0, len(wanted), BATCH):
        _identify_batch(connection, wanted[start : start + BATCH])
    return len(wanted)


def _identify_batch(connection: sa.Connection, places: Sequence[int]) -> None:
    printed = _printed_names(connection, places)
    decided = _decided_groups(connection, places)
    holders = _stakeholders_in(connection, places)
    connection.execute(
        sa.delete(_names).where(_names.c.jurisdiction_id.in_(places), _names.c.decided_by == AUTO)
    )
    readings: dict[int, Reading] = {}
    for place in places:
        readings[place] = read_people(printed.get(place, {}), decided.get(place, {}).values())
        _store_people(connection, place, readings[place], printed.get(place, Counter()), decided)
    _drop_nameless(connection, places)
    _link_stakeholders(connection, holders, readings)


def _printed_names(connection: sa.Connection, places: Sequence[int]) -> dict[int, Counter[str]]:
    """Each place's printed roll-call names, with how often each was printed."""
    rows = connection.execute(
        sa.select(_votes.c.jurisdiction_id, _members.c.voter_name, sa.func.count())
        .join(_votes, _votes.c.id == _members.c.vote_event_id)
        .where(_votes.c.jurisdiction_id.in_(places))
        .group_by(_votes.c.jurisdiction_id, _members.c.voter_name)
    )
    found: dict[int, Counter[str]] = defaultdict(Counter)
    for place, name, count in rows:
        found[place][name] = count
    return found


def _decided_groups(
    connection: sa.Connection, places: Sequence[int]
) -> dict[int, dict[int, frozenset[str]]]:
    """Editors' decisions: per place, person id → the printings decided to be them."""
    rows = connection.execute(
        sa.select(_names.c.jurisdiction_id, _names.c.person_id, _names.c.printed).where(
            _names.c.jurisdiction_id.in_(places), _names.c.decided_by != AUTO
        )
    )
    groups: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for place, person, printed in rows:
        groups[place][person].add(printed)
    return {p: {k: frozenset(v) for k, v in g.items()} for p, g in groups.items()}


def _store_people(
    connection: sa.Connection,
    place: int,
    reading: Reading,
    counts: Counter[str],
    decided: dict[int, dict[int, frozenset[str]]],
) -> None:
    fixed = {names: person for person, names in decided.get(place, {}).items()}
    prefix = _place_prefix(connection, place)
    for group in reading.people:
        if group in fixed:
            continue
        printed_now = [n for n in group if counts.get(n)]
        if not printed_now:
            continue
        person = _person_for(connection, place, prefix, group, counts)
        rows = [
            {"jurisdiction_id": place, "printed": n, "person_id": person, "decided_by": AUTO}
            for n in sorted(printed_now)
        ]
        connection.execute(sa.insert(_names), rows)


def _person_for(
    connection: sa.Connection, place: int, prefix: str, group: frozenset[str], counts: Counter[str]
) -> int:
    """The person row of a group (found by key, created, or renamed to its printing most
    used)."""
    keys = sorted(n.key for p in group if (n := read_name(p)) is not None) or sorted(group)
    key = _slug(f"{prefix} {keys[0]}")
    name = max(sorted(group), key=lambda p: (counts.get(p, 0), len(p)))
    found = connection.execute(sa.select(_person.c.id, _person.c.name).where(_person.c.key == key))
    row = found.first()
    if row is None:
        values = {"key": key, "name": name, "jurisdiction_id": place}
        created = connection.execute(sa.insert(_person).values(values)).inserted_primary_key
        assert created is not None
        return int(created[0])
    if row.name != name:
        connection.execute(sa.update(_person).where(_person.c.id == row.id).values(name=name))
    return int(row.id)


def _place_prefix(connection: sa.Connection, place: int) -> str:
    row = connection.execute(
        sa.select(_places.c.state, _places.c.name).where(_places.c.id == place)
    ).one()
    return f"{row.state} {row.name}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _drop_nameless(connection: sa.Connection, places: Sequence[int]) -> None:
    named = sa.select(_names.c.person_id)
    connection.execute(
        sa.delete(_person).where(_person.c.jurisdiction_id.in_(places), _person.c.id.not_in(named))
    )


def _stakeholders_in(connection: sa.Connection, places: Sequence[int]) -> dict[int, str]:
    """Stakeholders who may be a person, with a position on a vote in one of `places`."""
    rows = connection.execute(
        sa.select(_holders.c.id, _holders.c.name)
        .where(_holders.c.kind.in_(PERSON_KINDS))
        .where(
            _holders.c.id.in_(
                sa.select(_positions.c.stakeholder_id)
                .join(_votes, _votes.c.id == _positions.c.vote_event_id)
                .where(_votes.c.jurisdiction_id.in_(places))
            )
        )
    )
    return {int(i): str(n) for i, n in rows}


def _link_stakeholders(
    connection: sa.Connection, holders: dict[int, str], readings: dict[int, Reading]
) -> None:
    """Link each stakeholder to the one person of the places read that it can be: the
    person in every place of its positions that fits it, if exactly one does anywhere."""
    if not holders:
        return
    ids = list(holders)
    connection.execute(
        sa.delete(_links).where(_links.c.stakeholder_id.in_(ids), _links.c.decided_by == AUTO)
    )
    decided = set(
        connection.execute(
            sa.select(_links.c.stakeholder_id).where(_links.c.stakeholder_id.in_(ids))
        ).scalars()
    )
    for holder, name in holders.items():
        if holder in decided:
            continue
        persons = _fitting_persons(connection, name, readings)
        if len(persons) == 1:
            values = {"stakeholder_id": holder, "person_id": persons.pop(), "decided_by": AUTO}
            connection.execute(sa.insert(_links).values(values))


def _fitting_persons(
    connection: sa.Connection, name: str, readings: dict[int, Reading]
) -> set[int]:
    found: set[int] = set()
    for place, reading in readings.items():
        group = link_stakeholder(name, reading)
        if group is None:
            continue
        person = connection.execute(
            sa.select(_names.c.person_id).where(
                _names.c.jurisdiction_id == place, _names.c.printed.in_(sorted(group))
            )
        ).scalar()
        if person is not None:
            found.add(int(person))
    return found


def touched_places(session: Session) -> set[int]:
    """Places whose people a flush may change: its votes', roll calls' and positions'."""
    vote_ids: set[int] = set()
    places: set[int] = set()
    holders: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, VoteEvent) and obj.jurisdiction_id is not None:
            places.add(obj.jurisdiction_id)
        elif isinstance(obj, MemberVote | Position) and obj.vote_event_id is not None:
            vote_ids.add(obj.vote_event_id)
        elif isinstance(obj, Stakeholder) and obj.id is not None:
            holders.add(obj.id)
    if vote_ids:
        places |= set(_places_of(session.connection(), _votes.c.id.in_(sorted(vote_ids))))
    if holders:
        voted = sa.select(_positions.c.vote_event_id).where(
            _positions.c.stakeholder_id.in_(sorted(holders))
        )
        places |= set(_places_of(session.connection(), _votes.c.id.in_(voted)))
    return places


def _places_of(connection: sa.Connection, which: Any) -> Iterable[int]:
    return connection.execute(sa.select(_votes.c.jurisdiction_id).where(which).distinct()).scalars()


def register() -> None:
    """Keep people current on every ORM write (every session: the listener is the Session
    class's). Calling it again changes nothing."""
    if not event.contains(Session, "after_flush", follow_writes):
        event.listen(Session, "after_flush", follow_writes)


def follow_writes(session: Session, _context: Any) -> None:
    """Read the people of the places a flush touched again (in the same transaction)."""
    places = touched_places(session)
    if places:
        identify(session.connection(), places)
