"""Bodies under their own names (police juries, quorum courts, fiscal courts, town and
village boards) and the place that voted when side sentences name others. Every text here
is written for these tests."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.unit.articles.helpers import draft


@pytest.mark.parametrize(
    ("text", "place", "state", "body"),
    [
        (
            "HAMMOND — The Tangipahoa Parish Police Jury voted 8-2 on Monday to approve a jail "
            "contract with ICE.",
            "Tangipahoa Parish",
            "LA",
            "Police Jury",
        ),
        (
            "The Pulaski County Quorum Court approved an ordinance on Tuesday letting ICE rent "
            "beds at the county jail.",
            "Pulaski County",
            "AR",
            "Quorum Court",
        ),
        (
            "The Kenton County Fiscal Court voted 3-1 to approve a 287(g) agreement for the jail.",
            "Kenton County",
            "KY",
            "Fiscal Court",
        ),
    ],
)
def test_county_bodies_under_their_own_names(text: str, place: str, state: str, body: str) -> None:
    d = draft(text)
    assert (d.jurisdiction.value, d.state.value, d.body.value) == (place, state, body)
    assert d.jurisdiction_kind.value == "county"


def test_the_formal_name_outranks_a_loose_plural() -> None:
    text = (
        "Harris County commissioners agreed on Tuesday to rent jail beds to ICE, approving a "
        "contract that could bring in $2 million. The Commissioners Court voted 4-1 after an "
        "hour of public comment."
    )
    assert draft(text).body.value == "Commissioners Court"


def test_a_town_the_gazetteer_lacks_is_still_the_town_that_voted() -> None:
    text = (
        "NEW CITY, N.Y. — The Harrowfield Town Board voted 5-0 on Tuesday to authorize the "
        "town police to enter a 287(g) agreement, the first town in Rockland County to do so."
    )
    d = draft(text)
    assert (d.jurisdiction.value, d.state.value, d.body.value) == (
        "Harrowfield",
        "NY",
        "Town Board",
    )
    assert d.jurisdiction_kind.value == "town"


def test_a_county_named_in_a_side_sentence_does_not_replace_the_village() -> None:
    text = (
        "Freeport trustees reject police ICE deal\n"
        "FREEPORT, N.Y. — A proposal for the village police to join the 287(g) program failed "
        "Monday when the village Board of Trustees split 2-3. The Nassau County executive, "
        "who has urged every police agency in Nassau County to sign an agreement, said the "
        "trustees chose politics. The Nassau County Police Department already takes part in "
        "the program."
    )
    d = draft(text)
    assert (d.jurisdiction.value, d.state.value, d.body.value) == (
        "Freeport",
        "NY",
        "Board of Trustees",
    )


def test_a_city_whose_name_ends_in_city_keeps_it() -> None:
    text = (
        "GARDEN CITY, Kan. — The Garden City Commission voted 3-2 on Monday to decline a "
        "287(g) agreement. The Finney County Sheriff's Office runs the jail."
    )
    d = draft(text)
    assert (d.jurisdiction.value, d.state.value, d.body.value) == (
        "Garden City",
        "KS",
        "City Commission",
    )


def test_a_village_board_keeps_its_printed_name() -> None:
    d = draft("The Union Grove Village Board voted 4-1 on Monday to join the 287(g) program.")
    assert d.body.value == "Village Board"


def test_a_borough_council_keeps_its_printed_name() -> None:
    d = draft("HANOVER, Pa. — Hanover Borough Council voted 5-2 to rescind the 287(g) agreement.")
    assert d.body.value == "Borough Council"


def test_a_tie_between_states_goes_to_the_larger_town_of_that_name() -> None:
    # Freeport and Nassau County are both in Florida and in New York; New York's Freeport is
    # the larger town.
    d = draft(
        "FREEPORT — A proposal for the Freeport Police Department to join the 287(g) program "
        "failed Monday when the village Board of Trustees split 2-3. The Nassau County "
        "executive said the trustees chose politics."
    )
    assert (d.jurisdiction.value, d.state.value) == ("Freeport", "NY")


def test_the_same_text_gets_the_same_state_in_every_process() -> None:
    # Python salts string hashes per process: set order must never decide a field.
    script = (
        "from policytrack.articles import Article, draft_article\n"
        "t = 'FREEPORT — A proposal for the Freeport Police Department to join the 287(g) '"
        "'program failed Monday when the village Board of Trustees split 2-3. The Nassau '"
        "'County executive said the trustees chose politics.'\n"
        "print(draft_article(Article(text=t)).state.value)"
    )
    answers = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout.strip()
        for seed in (1, 2, 4)
    }
    assert answers == {"NY"}


def test_a_loose_headline_plural_yields_to_the_body_that_gave_the_tally() -> None:
    text = (
        "Commissioners table ICE jail contract again\n"
        "The Lexington County Council on Tuesday voted 5-4 to table a proposed contract that "
        "would let ICE hold detainees at the county jail."
    )
    assert draft(text).body.value == "County Council"


def test_a_state_chamber_s_committee_votes_for_the_state() -> None:
    d = draft(
        "ANNAPOLIS, Md. — The Senate Judicial Proceedings Committee voted 8-3 on Thursday to "
        "advance a bill that would prohibit counties from entering 287(g) agreements."
    )
    assert (d.jurisdiction.value, d.jurisdiction_kind.value, d.body.value) == (
        "Maryland",
        "state",
        "Senate Judicial Proceedings Committee",
    )


def test_village_alone_is_no_place() -> None:
    d = draft(
        "BROOKFIELD — A proposal for the Brookfield police to join the 287(g) program failed "
        "Tuesday night on a 2-4 vote of the Village Board."
    )
    assert d.jurisdiction.value == "Brookfield"


def test_a_county_name_before_sheriff_or_commission_is_not_a_town_elsewhere() -> None:
    # 'Sevier County Commission' / 'Sevier County Sheriff' name the county (TN, AR or UT);
    # read as a town called Sevier they used to tip the state to Utah's town of that name.
    d = draft(
        "The Sevier County Commission voted 6-1 to approve the Sevier County Sheriff's "
        "agreement with ICE. Sevier County Sheriff's deputies will be trained. "
        "SEVIERVILLE, TN is the county seat."
    )
    assert d.state.value == "TN"
    assert d.jurisdiction.value == "Sevier County"


def test_a_school_board_is_named_as_printed_and_governs_its_district() -> None:
    d = draft(
        "SANDY, Utah — The Canyons School District Board of Education voted 4-3 on Monday to "
        "bar district police from entering any agreement with ICE.",
        "2026-03-05",
    )
    assert d.body.value == "Canyons School District Board of Education"
    assert (d.jurisdiction.value, d.jurisdiction_kind.value) == (
        "Canyons School District",
        "school_district",
    )
    assert d.state.value == "UT"


def test_school_board_alone_is_its_kind_of_body() -> None:
    d = draft("The Tulsa school board voted 6-1 on Monday to bar the district from joining ICE.")
    assert d.body.value == "School Board"


def test_a_county_whose_commissioners_vote_is_not_in_a_supervisors_state() -> None:
    # Humboldt County is in California and Nevada; California counties are governed by
    # boards of supervisors, so commissioners voting place it in Nevada.
    text = (
        "Humboldt County commissioners voted 4-1 on Tuesday to approve a jail agreement with "
        "ICE. The Humboldt County Commission meets monthly."
    )
    assert draft(text, "2026-03-05").state.value == "NV"
    # A county only California has stays there whatever its body is called.
    text = text.replace("Humboldt", "Fresno")
    assert draft(text, "2026-03-05").state.value == "CA"
