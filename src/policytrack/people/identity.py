"""Who is one person: the printings of names in one place's roll calls and positions that
can only be one person are read as one (pure functions; `people.store` keeps the result).

Two printings are one person automatically only when it is the only reading: same place,
same last name, first names that fit (`names.may_be_one`), and neither fits anyone else
there. "Lissette Cuervo Carey" and "Lissette Carey" are one; "Donald Lee" and "Donie Lee"
are one when no other Lee sat there; a bare "Lee" beside a Donald Lee and a Barbara Lee is
doubtful — listed for an editor, never merged. Editors' decisions (`people.store`) are
applied before this reading and are never undone by it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from policytrack.people.names import PersonName, may_be_one, read_name


@dataclass(frozen=True, slots=True)
class Reading:
    """One place's people: each a set of printed names; `doubtful` maps a printed name to
    the other printings it might also be (left apart, for an editor to decide)."""

    people: tuple[frozenset[str], ...]
    doubtful: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def person_of(self, printed: str) -> frozenset[str] | None:
        return next((p for p in self.people if printed in p), None)


def read_people(printed: Iterable[str], fixed: Iterable[frozenset[str]] = ()) -> Reading:
    """Group a place's printed names into people. `fixed` groups (an editor's decisions)
    stay as they are and take in no other name."""
    fixed_groups = [frozenset(g) for g in fixed]
    decided = set().union(*fixed_groups) if fixed_groups else set()
    names = {p: read_name(p) for p in dict.fromkeys(printed) if p not in decided}
    groups = _by_key(names)
    groups = _merge_only_readings(groups, names)
    doubtful = _doubtful(groups, names)
    people = tuple(sorted([*fixed_groups, *groups], key=lambda g: sorted(g)))
    return Reading(people, doubtful)


def _by_key(names: Mapping[str, PersonName | None]) -> list[frozenset[str]]:
    by_key: dict[str, set[str]] = {}
    for printed, name in names.items():
        by_key.setdefault(name.key if name else f"?{printed}", set()).add(printed)
    return [frozenset(g) for g in by_key.values()]


def _fit(
    one: frozenset[str], other: frozenset[str], names: Mapping[str, PersonName | None]
) -> bool:
    """Every printing of one group can be every printing of the other."""
    for a in one:
        for b in other:
            name_a, name_b = names[a], names[b]
            if name_a is None or name_b is None or not may_be_one(name_a, name_b):
                return False
    return True


def _partners(
    groups: list[frozenset[str]], names: Mapping[str, PersonName | None]
) -> dict[frozenset[str], list[frozenset[str]]]:
    return {g: [o for o in groups if o is not g and _fit(g, o, names)] for g in groups}


def _merge_only_readings(
    groups: list[frozenset[str]], names: Mapping[str, PersonName | None]
) -> list[frozenset[str]]:
    """Merge groups that fit one another and nobody else (a closed circle: "Donald Lee",
    "Donie Lee" and a bare "Lee"); repeat until stable."""
    while True:
        partners = _partners(groups, names)
        circle = next((c for g in groups if (c := _closed_circle(g, partners))), None)
        if circle is None:
            return groups
        merged = frozenset().union(*circle)
        groups = [g for g in groups if g not in circle] + [merged]


def _closed_circle(
    group: frozenset[str], partners: Mapping[frozenset[str], list[frozenset[str]]]
) -> set[frozenset[str]] | None:
    """The group with its partners, when each of them fits exactly the others."""
    if not partners[group]:
        return None
    circle = {group, *partners[group]}
    if all({member, *partners[member]} == circle for member in circle):
        return circle
    return None


def _doubtful(
    groups: list[frozenset[str]], names: Mapping[str, PersonName | None]
) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for group, partners in _partners(groups, names).items():
        if partners:
            others = tuple(sorted(n for p in partners for n in p))
            for printed in sorted(group):
                found[printed] = others
    return found


def link_stakeholder(printed: str, reading: Reading) -> frozenset[str] | None:
    """The one person of a place a stakeholder's name can be ("Commissioner Rosado" and
    "Ralph “Rafael” Rosado"), or None when it fits nobody or more than one."""
    name = read_name(printed)
    if name is None:
        return None
    fitting = [
        person
        for person in reading.people
        if all((other := read_name(p)) is not None and may_be_one(name, other) for p in person)
    ]
    return fitting[0] if len(fitting) == 1 else None
