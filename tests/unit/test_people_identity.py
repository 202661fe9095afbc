"""Reading printed names as people: merged only when it is the only reading (issue 14). The
names are the bundled records' own printings (data/seed/votes.csv, positions.csv)."""

import pytest

from policytrack.people.identity import link_stakeholder, read_people
from policytrack.people.names import may_be_one, read_name


@pytest.mark.parametrize(
    ("printed", "last", "firsts"),
    [
        ("Ralph “Rafael” Rosado", "rosado", {"ralph", "rafael"}),
        ("Commissioner Rosado", "rosado", set()),
        ("Michael D. Antonovich", "antonovich", {"michael"}),
        ("Frank Conaway Jr.", "conaway", {"frank"}),
        ("Kelly Martinez Semrad", "semrad", {"kelly"}),
        ("Diane Ellis-Marseglia", "ellis-marseglia", {"diane"}),
        ("J. Sandy Bartlett", "bartlett", {"j", "sandy"}),
        ("Elizabeth Guzmán", "guzman", {"elizabeth"}),
        ("Vice Mayor Dee Dee Henriquez", "henriquez", {"dee"}),
    ],
)
def test_a_printed_name_is_read_into_last_and_first_names(
    printed: str, last: str, firsts: set[str]
) -> None:
    name = read_name(printed)
    assert name is not None
    assert (name.last, set(name.firsts)) == (last, firsts)


def test_a_title_alone_is_no_name() -> None:
    assert read_name("Commissioner") is None
    assert read_name("") is None


@pytest.mark.parametrize(
    ("one", "other", "expected"),
    [
        ("Donald Lee", "Donie Lee", True),
        ("Bob Harvie", "Robert Harvie", True),
        ("M. Antonovich", "Michael Antonovich", True),
        ("Christine King", "Khrystian King", False),
        ("Donald Lee", "Barbara Lee", False),
        ("Kelly Semrad", "Nicole Semrad", False),
    ],
)
def test_first_names_that_fit(one: str, other: str, expected: bool) -> None:
    a, b = read_name(one), read_name(other)
    assert a is not None and b is not None
    assert may_be_one(a, b) is expected


def test_printings_of_one_member_in_one_place_are_one_person() -> None:
    """Key West's two roll calls print three members two ways each."""
    key_west = ["Monica Haskell", "Aaron Castillo", "Mary Lou Hoover", "Samuel Kaufman",
                "Donald Lee", "Lissette Cuervo Carey", "Lissette Carey", "Donie Lee",
                "Dee Dee Henriquez"]  # fmt: skip
    reading = read_people(key_west)
    assert reading.person_of("Donie Lee") == {"Donald Lee", "Donie Lee"}
    assert reading.person_of("Lissette Carey") == {"Lissette Carey", "Lissette Cuervo Carey"}
    assert len(reading.people) == 7
    assert reading.doubtful == {}


def test_a_name_that_fits_two_people_is_left_apart_and_listed() -> None:
    reading = read_people(["Donald Lee", "Barbara Lee", "Lee"])
    assert len(reading.people) == 3
    assert reading.doubtful["Lee"] == ("Barbara Lee", "Donald Lee")


def test_two_printings_that_fit_only_each_other_merge_in_turn() -> None:
    """A bare "Lee" fits Donald and Donie; once they are one, it is the only reading."""
    reading = read_people(["Donald Lee", "Donie Lee", "Lee"])
    assert reading.people == (frozenset({"Donald Lee", "Donie Lee", "Lee"}),)


def test_an_editors_decision_stays_and_takes_in_no_other_name() -> None:
    split = [frozenset({"Donie Lee"}), frozenset({"Donald Lee"})]
    reading = read_people(["Donald Lee", "Donie Lee", "Aaron Castillo"], fixed=split)
    assert reading.person_of("Donie Lee") == {"Donie Lee"}
    assert reading.person_of("Donald Lee") == {"Donald Lee"}


def test_a_stakeholder_is_linked_to_the_one_member_it_can_be() -> None:
    miami = read_people(["Christine King", "Damian Pardo", "Joe Carollo",
                         "Miguel Angel Gabela", "Ralph “Rafael” Rosado"])  # fmt: skip
    assert link_stakeholder("Commissioner Rosado", miami) == {"Ralph “Rafael” Rosado"}
    assert link_stakeholder("Christine King", miami) == {"Christine King"}
    assert link_stakeholder("Ron DeSantis", miami) is None
    two_kings = read_people(["Christine King", "Khrystian King"])
    assert link_stakeholder("King", two_kings) is None
