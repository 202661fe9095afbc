"""Roll-call and stakeholder rules on short texts."""

from __future__ import annotations

from policytrack.articles.names import clean_name

from tests.unit.articles.helpers import draft, stances, votes


def test_lists_on_both_sides_of_a_vote() -> None:
    d = draft(
        "The Boise City Council voted 3-2 on Monday to approve an agreement with ICE. "
        "Council members Ann Ortiz, Bo Lind and Cy Park voted in favor, while Dee Moss and "
        "Ed Vance opposed it."
    )
    assert votes(d) == {"Ortiz": "yes", "Lind": "yes", "Park": "yes", "Moss": "no", "Vance": "no"}


def test_voting_to_end_the_agreement_is_yes_on_a_rescission_and_oppose_toward_it() -> None:
    d = draft(
        "The Boise City Council voted 4-1 to end its 287(g) agreement with ICE. "
        "Councilwoman Ann Ortiz voted against ending it."
    )
    assert str(d.action.value) == "rescind"
    assert votes(d)["Ortiz"] == "no"
    assert stances(d)["Ortiz"] == "support"


def test_who_voted_no_and_absent_members() -> None:
    d = draft(
        "The Boise City Council voted 5-1 on Monday to approve an ICE agreement, with "
        "Councilman Bo Lind absent. “This is wrong for our neighbors,” said Councilwoman "
        "Dee Moss, who voted no."
    )
    assert votes(d) == {"Moss": "no", "Lind": "absent"}
    assert stances(d)["Moss"] == "oppose"


def test_members_named_at_the_vote_fill_the_unnamed_side_by_elimination() -> None:
    d = draft(
        "The Boise City Council voted 3-2 on Monday to end its 287(g) agreement with ICE. "
        "Councilman Bo Lind and Councilwoman Dee Moss voted against the motion. "
        "Councilwoman Ann Ortiz, Councilman Cy Park and Councilman Ed Vance spoke first."
    )
    assert votes(d) == {"Lind": "no", "Moss": "no", "Ortiz": "yes", "Park": "yes", "Vance": "yes"}


def test_one_named_member_is_not_enough_for_elimination() -> None:
    d = draft(
        "The Boise City Council voted 5-2 on Monday to approve an ICE agreement. "
        "Councilman Bo Lind and Councilwoman Dee Moss voted against it. "
        "Councilwoman Ann Ortiz asked for a review."
    )
    assert "Ortiz" not in votes(d)


def test_moving_a_motion_is_not_a_vote_but_is_a_stance() -> None:
    d = draft(
        "The Boise City Council voted 2-3 on Monday against ending its 287(g) agreement. "
        "Councilman Bo Lind made a motion to end the agreement."
    )
    assert "Lind" not in votes(d)
    assert stances(d)["Lind"] == "oppose"


def test_accepting_because_the_state_forces_it_is_mixed() -> None:
    d = draft(
        "The Boise City Council unanimously approved an ICE agreement on Monday. "
        "“We have no choice; it is an obligation we have to comply with,” said Mayor Ann Ortiz."
    )
    assert stances(d)["Ortiz"] == "mixed"


def test_a_crowd_is_one_stakeholder_per_side() -> None:
    d = draft(
        "The Boise City Council voted 4-1 to approve an ICE agreement. Dozens of residents "
        "spoke in opposition. Other residents urged commissioners to reject it. One resident "
        "spoke in favor."
    )
    crowds = sorted(str(s.stance) for s in d.stakeholders if s.person is None)
    assert crowds == ["oppose", "support"]


def test_a_name_cut_off_by_the_end_of_the_excerpt_is_left_out() -> None:
    d = draft(
        "The Boise City Council voted 3-2 to approve an ICE agreement. "
        "The members who voted in favor were Ann Ortiz, Bo Lind and Cy"
    )
    assert set(votes(d)) == {"Ortiz", "Lind"}


def test_abstentions_and_a_party_bloc_toward_the_agreement() -> None:
    d = draft(
        "The Idaho Senate voted 30-12 on Wednesday to ban 287(g) agreements statewide. "
        "Sen. Ann Ortiz abstained. The ban had support from Democrats and opposition "
        "from Republicans."
    )
    assert votes(d) == {"Ortiz": "abstain"}
    assert stances(d)["Democrats"] == "oppose"  # backing a ban is opposing the agreements
    assert stances(d)["Republicans"] == "support"
    assert (d.jurisdiction.value, d.jurisdiction_kind.value) == ("Idaho", "state")


def test_a_first_name_left_when_the_surname_is_no_name_word_is_nobody() -> None:
    # 'Trump' is a word the rules never take for a surname ('the Trump administration');
    # dropping it used to leave 'Donald' as a person of its own.
    assert clean_name("Donald Trump’s") is None
    assert clean_name("Ray Quinn’s") == "Ray Quinn"
