"""Place, body, date, action, outcome and tally rules, each on a short text."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.articles.helpers import draft


def test_a_town_the_text_never_places_is_found_in_its_only_state() -> None:
    d = draft("The Boise City Council voted 4-2 on Monday to approve an agreement with ICE.")
    assert (d.state.value, d.jurisdiction.value, d.body.value) == ("ID", "Boise", "City Council")
    assert d.state.why == "gazetteer: where the places named lie"


def test_a_state_named_in_a_dateline_decides_between_same_named_counties() -> None:
    d = draft(
        "PAOLI, Ind. — Orange County commissioners voted 5-0 on Tuesday to ratify "
        "an agreement with ICE."
    )
    assert (d.state.value, d.jurisdiction.value) == ("IN", "Orange County")
    assert d.jurisdiction_kind.value == "county"


def test_county_board_names_are_their_kind_of_body() -> None:
    d = draft("The Pima County Board of Supervisors voted 3-2 to end its 287(g) agreement.")
    assert (d.state.value, d.jurisdiction.value, d.body.value) == (
        "AZ",
        "Pima County",
        "Board of Supervisors",
    )


def test_a_weekday_is_counted_back_from_the_publication_date() -> None:
    d = draft("The Boise City Council voted 4-2 Tuesday to approve an ICE agreement.", "2025-09-04")
    assert d.vote_date.value == dt.date(2025, 9, 2)


def test_a_weekday_without_a_publication_date_gives_no_date() -> None:
    d = draft("The Boise City Council voted 4-2 Tuesday to approve an ICE agreement.")
    assert d.vote_date.value is None


def test_month_and_day_with_a_weekday_pin_the_only_fitting_year() -> None:
    d = draft("The Boise City Council voted 4-2 on Thursday, Sept. 4, to approve an ICE agreement.")
    assert d.vote_date.value == dt.date(2025, 9, 4)


def test_month_and_day_that_fit_two_years_give_no_date() -> None:
    # Feb. 12 was a Thursday in 2015 and in 2026.
    d = draft("On Thursday, Feb. 12, the Boise City Council voted 4-2 to approve an ICE deal.")
    assert d.vote_date.value is None


def test_a_signing_date_is_not_the_vote_date() -> None:
    text = (
        "On Monday night the Boise City Council voted 5-1 to void its ICE agreement. "
        "The agreement was signed on March 4, 2025 by the police chief."
    )
    assert draft(text).vote_date.value is None


@pytest.mark.parametrize(
    ("sentence", "action", "outcome"),
    [
        ("voted 5-1 on Monday to void its 287(g) agreement with ICE.", "rescind", "passed"),
        ("declined to end the police department's 287(g) agreement with ICE.", "rescind", "failed"),
        ("voted 9-0 to table a proposal to join the 287(g) program.", "defer", "deferred"),
        ("voted 3-3 on an agreement with ICE, so it failed.", "approve", "failed"),
        (
            "passed a resolution barring police from entering a 287(g) agreement.",
            "reject",
            "passed",
        ),
        ("voted to renew its 287(g) agreement with ICE.", "approve", "passed"),
    ],
)
def test_action_and_outcome(sentence: str, action: str, outcome: str) -> None:
    d = draft(f"The Boise City Council {sentence}")
    assert (str(d.action.value), str(d.outcome.value)) == (action, outcome)


def test_a_tally_in_words() -> None:
    d = draft(
        "The Boise City Council voted eight to two on a resolution opposing any ICE agreement."
    )
    assert (d.tally.yes.value, d.tally.no.value) == (8, 2)


def test_unanimously_gives_no_votes_against_but_no_count_for() -> None:
    d = draft("The Boise City Council unanimously approved an agreement with ICE on Monday.")
    assert (d.tally.yes.value, d.tally.no.value) == (None, 0)


def test_unanimously_with_a_member_count_gives_both_counts() -> None:
    d = draft(
        "The Boise City Council unanimously approved an ICE agreement, with six members "
        "voting in favor and one absent."
    )
    assert (d.tally.yes.value, d.tally.no.value, d.tally.absent.value) == (6, 0, 1)


def test_a_failed_motion_counts_its_own_side_first() -> None:
    d = draft("A motion to end the Boise 287(g) agreement with ICE failed on a 3-2 vote.")
    assert (d.tally.yes.value, d.tally.no.value) == (2, 3)


def test_house_and_senate_tallies_keep_the_chamber_the_story_is_about() -> None:
    text = (
        "The Idaho House and Senate approved bills banning 287(g) agreements on Tuesday. "
        "The votes were 20-15 in the Senate and 50-20 in the House. "
        "Rep. Ann Lee said the House acted for the families it represents."
    )
    d = draft(text)
    assert (d.body.value, d.tally.yes.value, d.tally.no.value) == ("House", 50, 20)
    assert d.jurisdiction.value == "Idaho"


def test_a_tally_about_another_item_is_not_the_vote() -> None:
    text = (
        "Boise City Council recap: ICE pact approved.\n"
        "The council also debated backyard chickens for an hour.\n"
        "The motion to remove the chicken item carried 3-2."
    )
    d = draft(text)
    assert (d.tally.yes.value, d.tally.no.value) == (None, None)


def test_every_field_points_at_its_sentence_in_the_text() -> None:
    text = "Preamble line here.\nThe Boise City Council voted 4-2 on Monday to approve an ICE deal."
    d = draft(text)
    for fact in (d.state, d.jurisdiction, d.body, d.action, d.outcome, d.tally.yes):
        assert fact.evidence is not None
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.sentence
