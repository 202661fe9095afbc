"""What the measure does and whether it passed, and its tally, in shapes beyond the first
labelled articles: failed motions, tie-breaks, postponements, resolutions of refusal, meeting
recaps. Every text here is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.articles.helpers import draft


def decision(text: str, published: str | None = None) -> tuple[str, str]:
    """(action, outcome) of a text's draft."""
    d = draft(text, published)
    return str(d.action.value), str(d.outcome.value)


def test_a_headline_saying_vote_down_does_not_hide_a_failed_motion_to_approve() -> None:
    text = (
        "Boise council votes down police ICE partnership\n"
        "A motion for the Boise Police Department to join the 287(g) program failed Monday "
        "when the City Council split 3-4."
    )
    d = draft(text)
    assert (str(d.action.value), str(d.outcome.value)) == ("approve", "failed")
    assert (d.tally.yes.value, d.tally.no.value) == (3, 4)


def test_a_failed_push_to_end_an_agreement_is_a_failed_rescission() -> None:
    text = (
        "Boise council rejects bid to end police ICE deal\n"
        "A push to end the Boise Police Department's 287(g) agreement with ICE failed "
        "Tuesday on a 2-5 vote of the City Council."
    )
    assert decision(text) == ("rescind", "failed")


def test_a_proposed_agreement_that_would_have_done_something_and_failed() -> None:
    text = (
        "Boise council turns down ICE jail deal\n"
        "A proposed agreement that would have let Boise police hold people for ICE failed "
        "on a 2-3 vote of the City Council on Monday."
    )
    assert decision(text) == ("approve", "failed")


def test_a_split_vote_is_not_a_failure() -> None:
    text = (
        "Ada County joins ICE program on split vote\n"
        "The Ada County Commission voted 2-1 on Monday to approve a 287(g) agreement."
    )
    d = draft(text)
    assert (str(d.outcome.value), d.tally.yes.value, d.tally.no.value) == ("passed", 2, 1)


def test_members_voting_against_rescinding_do_not_make_a_passed_rescission_fail() -> None:
    text = (
        "The Boise City Council voted 5-2 on Monday to rescind the police department's "
        "287(g) agreement with ICE. Members Ann Lee and Bo Park voted against rescinding."
    )
    d = draft(text)
    assert (str(d.action.value), str(d.outcome.value)) == ("rescind", "passed")
    assert (d.tally.yes.value, d.tally.no.value) == (5, 2)


def test_a_tie_broken_by_the_mayor_to_approve_passes_with_the_mayor_counted() -> None:
    text = (
        "Mayor Ann Lee cast the deciding vote Tuesday night to approve a 287(g) agreement "
        "for the Boise Police Department, after the City Council deadlocked 2-2."
    )
    d = draft(text)
    assert (str(d.action.value), str(d.outcome.value)) == ("approve", "passed")
    assert (d.tally.yes.value, d.tally.no.value) == (3, 2)


def test_a_tie_broken_against_the_measure_fails() -> None:
    text = (
        "The Boise City Council deadlocked 2-2 on Tuesday on a resolution to join the "
        "287(g) program with ICE. Mayor Ann Lee cast the deciding vote against it."
    )
    d = draft(text)
    assert (str(d.action.value), str(d.outcome.value)) == ("approve", "failed")
    assert (d.tally.yes.value, d.tally.no.value) == (2, 3)


@pytest.mark.parametrize(
    "what",
    [
        "stating that the city will not enter a 287(g) agreement with ICE",
        "which opposes any 287(g) agreement or jail contract with ICE",
        "directing the police chief not to apply for a 287(g) agreement with ICE",
    ],
)
def test_a_resolution_of_refusal_is_a_rejection(what: str) -> None:
    text = f"The Boise City Council on Monday passed a resolution {what}, by a vote of 5-2."
    assert decision(text) == ("reject", "passed")


def test_a_postponement_with_words_between_the_verb_and_its_object() -> None:
    text = (
        "The Ada County Commission voted 3-2 on Thursday night to postpone for 30 days a "
        "resolution that would expand the jail's contract with ICE."
    )
    d = draft(text)
    assert (str(d.action.value), str(d.outcome.value)) == ("defer", "deferred")
    assert (d.tally.yes.value, d.tally.no.value) == (3, 2)


def test_asking_in_vain_to_delay_is_not_a_postponement() -> None:
    text = (
        "The Ada County Commission approved a 287(g) agreement on Monday, voting 4-1 after "
        "Commissioner Bo Park asked unsuccessfully to delay the vote for a month."
    )
    assert decision(text) == ("approve", "passed")


def test_a_press_release_applauding_a_board_for_passing_a_resolution() -> None:
    text = (
        "PRESS RELEASE\nMay 2, 2025\n"
        "BOISE, Idaho — The Idaho Welcome Project applauds the Boise City Council for "
        "passing a resolution on Thursday that opposes any 287(g) agreement with ICE.\n"
        "The resolution passed 6 to 1."
    )
    d = draft(text, "2025-05-02")
    assert (str(d.action.value), str(d.outcome.value)) == ("reject", "passed")
    assert d.vote_date.value == dt.date(2025, 5, 1)


def test_a_recap_s_tally_on_another_item_is_not_the_vote() -> None:
    text = (
        "Boise council recap: parks fees and an ICE agreement\n"
        "Parks fees: Council approved, 6-0, a $5 increase in shelter rental fees.\n"
        "Police agreement: Council voted 4-2 to authorize the police chief to sign a 287(g) "
        "agreement with ICE."
    )
    d = draft(text)
    assert (d.tally.yes.value, d.tally.no.value) == (4, 2)


def test_every_member_voting_for_it_gives_the_count() -> None:
    text = (
        "All five Ada County commissioners voted Monday to renew the sheriff's 287(g) "
        "agreement with ICE."
    )
    d = draft(text)
    assert (d.tally.yes.value, d.tally.no.value) == (5, 0)


def test_every_member_present_gives_no_absences() -> None:
    text = (
        "All seven supervisors were present. The Ada County Board of Supervisors voted 6-1 "
        "to approve a jail contract with ICE."
    )
    assert draft(text).tally.absent.value == 0


def test_a_stated_abstention_count() -> None:
    text = (
        "The Dodge City Commission passed a resolution declining a 287(g) agreement 3-1, "
        "with one commissioner abstaining."
    )
    d = draft(text)
    assert (d.tally.yes.value, d.tally.no.value, d.tally.abstain.value) == (3, 1, 1)


def test_a_body_voting_down_a_measure_that_would_have_approved_it() -> None:
    text = (
        "Lake County Board rejects bid to join 287(g)\n"
        "The Lake County Board voted 14-7 on Tuesday against a resolution that would have "
        "asked the sheriff to apply for a 287(g) agreement. Board Chair Ann Lee voted "
        "against it."
    )
    d = draft(text)
    assert (str(d.action.value), str(d.outcome.value)) == ("approve", "failed")
    assert (d.tally.yes.value, d.tally.no.value) == (7, 14)
    assert {s.person: str(s.stance) for s in d.stakeholders}["Ann Lee"] == "oppose"


def test_prohibiting_police_from_entering_any_agreement_is_a_rejection() -> None:
    text = (
        "The Ithaca Common Council voted 8-1 Wednesday to pass a resolution prohibiting city "
        "police from entering any agreement with Immigration and Customs Enforcement."
    )
    assert decision(text) == ("reject", "passed")


def test_voting_to_reject_a_resolution_of_refusal() -> None:
    text = (
        "The Lewiston City Council on Tuesday voted 4-3 to reject a resolution that would have "
        "declared the city opposed to any 287(g) agreement. Councilors Ann Lee, Bo Park, Cy "
        "Dunn and Di Moss voted to reject it. Councilors Ed Hale, Flo Reyes and Gus Ives voted "
        "in favor of the resolution."
    )
    d = draft(text)
    assert (str(d.action.value), str(d.outcome.value)) == ("reject", "failed")
    assert (d.tally.yes.value, d.tally.no.value) == (3, 4)
    assert {m.member.split()[-1]: m.vote for m in d.roll_call}["Lee"] == "no"
    assert {s.person: str(s.stance) for s in d.stakeholders}["Ann Lee"] == "support"


def test_a_place_printed_with_an_abbreviation_keeps_its_vote_sentences() -> None:
    text = (
        "FORT PIERCE — St. Lucie County commissioners voted 4-1 on Tuesday to approve the "
        "sheriff's request to expand his 287(g) agreement."
    )
    d = draft(text, "2026-04-22")
    assert (str(d.action.value), d.tally.yes.value, d.tally.no.value) == ("approve", 4, 1)


def test_barring_a_body_from_entering_an_agreement_is_a_refusal() -> None:
    # 'bar X … from entering' with a long object between: the measure keeps the place out.
    text = (
        "The Greenville County library board voted 5-2 on Monday to bar the library system "
        "and its hired security guards from entering any agreement with ICE."
    )
    assert decision(text) == ("reject", "passed")


def test_unanimous_with_every_member_stated_present_gives_the_yes_count() -> None:
    text = (
        "The Hood County Commissioners Court on Tuesday unanimously approved the sheriff's "
        "287(g) agreement with ICE. All five members of the court were present for the vote."
    )
    d = draft(text, "2026-03-05")
    assert (d.tally.yes.value, d.tally.no.value, d.tally.absent.value) == (5, 0, 0)


def test_a_tally_in_words_with_votes_and_none() -> None:
    text = (
        "The Avon village board voted Monday to join the 287(g) program, four votes to none, "
        "with one trustee absent."
    )
    d = draft(text, "2026-03-05")
    assert (d.tally.yes.value, d.tally.no.value) == (4, 0)


def test_a_tally_in_words_with_votes_on_both_sides() -> None:
    text = "Supervisors rejected the motion to end the ICE agreement three votes to two."
    d = draft(text, "2026-03-05")
    assert (d.tally.yes.value, d.tally.no.value) == (2, 3)
