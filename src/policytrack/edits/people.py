"""Editors' decisions on who is one person: merge two people of one place, or split
printings of a name off into a person of their own. Each is audited (record type "person",
the printings of each person before and after) and undone by the opposite decision; the
automatic reading (`people.identity`) never undoes an editor's decision.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from policytrack.auth import Editor
from policytrack.edits import audit
from policytrack.edits.refusals import InvalidEdit, NotFound
from policytrack.models import Person, PersonName, StakeholderPerson
from policytrack.people.store import identify

RECORD = "person"


def _person(session: Session, key: str) -> Person:
    found = session.exec(select(Person).where(Person.key == key)).first()
    if found is None:
        raise NotFound(f"no person {key!r}")
    return found


def _printings(session: Session, person: Person) -> list[PersonName]:
    statement = select(PersonName).where(PersonName.person_id == person.id)
    return list(session.exec(statement.order_by(col(PersonName.printed))))


def _snapshot(session: Session, *people: Person) -> dict[str, Any]:
    return {p.key: [n.printed for n in _printings(session, p)] for p in people}


def merge_people(
    session: Session, editor: Editor, keep: str, other: str, note: str | None = None
) -> Person:
    """Make `other` one person with `keep` (same place only): every printing of both, and
    the stakeholders either is, become `keep`'s, decided by this editor."""
    kept, merged = _person(session, keep), _person(session, other)
    if kept.id == merged.id:
        raise InvalidEdit({"other": f"{keep!r} and {other!r} are already one person"})
    if kept.jurisdiction_id != merged.jurisdiction_id:
        rule = (f"{kept.name!r} and {merged.name!r} sit in different places: a person is "
                "one place's (merge only people of one place)")  # fmt: skip
        raise InvalidEdit({"other": rule})
    before = _snapshot(session, kept, merged)
    for name in (*_printings(session, kept), *_printings(session, merged)):
        name.person_id, name.decided_by = kept.id, editor.name  # type: ignore[assignment]
        session.add(name)
    session.flush()
    session.execute(
        sa.update(StakeholderPerson)
        .where(col(StakeholderPerson.person_id) == merged.id)
        .values(person_id=kept.id, decided_by=editor.name)
    )
    _read_again(session, kept)
    audit.record(session, editor, "merge", RECORD, kept.key, 1, before,
                 _snapshot(session, kept), note)  # fmt: skip
    return kept


def split_person(
    session: Session, editor: Editor, key: str, printed: Collection[str], note: str | None = None
) -> Person:
    """Take `printed` (some of a person's printings) off into a person of their own; the
    printings left stay one person. Both are decided by this editor. Returns the new one."""
    person = _person(session, key)
    names = {n.printed: n for n in _printings(session, person)}
    moving = sorted(set(printed))
    unknown = [p for p in moving if p not in names]
    if unknown:
        named = ", ".join(map(repr, unknown))
        raise InvalidEdit({"printed": f"{named} is not a printing of {person.name!r}"})
    if not moving or len(moving) == len(names):
        rule = "choose some, but not all, of the person's printings to split off"
        raise InvalidEdit({"printed": rule})
    before = _snapshot(session, person)
    new = Person(key=_free_key(session, person.key), name=moving[0],
                 jurisdiction_id=person.jurisdiction_id)  # fmt: skip
    session.add(new)
    session.flush()
    for printing, name in names.items():
        name.decided_by = editor.name
        if printing in moving:
            name.person_id = new.id  # type: ignore[assignment]
        session.add(name)
    session.flush()
    _read_again(session, person)
    after = _snapshot(session, person, new)
    audit.record(session, editor, "split", RECORD, person.key, 1, before, after, note)
    return new


def _free_key(session: Session, key: str) -> str:
    taken = set(session.exec(select(Person.key).where(col(Person.key).startswith(key))))
    number = 2
    while f"{key}-{number}" in taken:
        number += 1
    return f"{key}-{number}"


def _read_again(session: Session, person: Person) -> None:
    """Read the place's people again around the decision (stakeholder links follow)."""
    identify(session.connection(), [person.jurisdiction_id])
    session.expire_all()


def person_history(session: Session, key: str) -> list[audit.Change]:
    """Every merge and split of this person, newest first."""
    return audit.history(session, RECORD, [key])
