"""Roll calls in phrasings beyond the first labelled articles: by elimination with plural
titles, 'cast the only no vote', 'Among those who voted no', blocs 'joined by' a member,
non-renewals, procedural votes, and words that are not names. Every text here is written for
these tests."""

from __future__ import annotations

from tests.unit.articles.helpers import draft, votes


def test_elimination_with_a_presiding_county_judge_and_a_plural_title() -> None:
    d = draft(
        "The Harris County Commissioners Court voted 4-1 on Tuesday to rent jail beds to ICE. "
        "Commissioner Ray Quinn cast the only vote against the contract. County Judge Ann "
        "Lee, who presided, and Commissioners Bo Park, Cy Dunn and Di Moss each spoke "
        "before the vote."
    )
    assert votes(d) == {"Quinn": "no", "Lee": "yes", "Park": "yes", "Dunn": "yes", "Moss": "yes"}


def test_every_name_under_a_plural_title_is_a_member() -> None:
    d = draft(
        "The Ada County Board of Supervisors voted 3-2 on Tuesday to approve a 287(g) "
        "agreement. Supervisors Ann Lee and Bo Park voted against it. Chairman Cy Dunn made "
        "the motion, and Supervisors Di Moss and Ed Hale spoke in favor before the roll call."
    )
    assert votes(d) == {"Lee": "no", "Park": "no", "Dunn": "yes", "Moss": "yes", "Hale": "yes"}


def test_the_only_no_vote_and_the_two_no_votes() -> None:
    one = draft(
        "The Ada County Board of Supervisors voted six to one to approve a jail contract with "
        "ICE. Supervisor Ann Lee cast the only no vote."
    )
    two = draft(
        "The Ada County Council voted 10-2 to join the 287(g) program. Council members Ann "
        "Lee and Bo Park cast the two no votes."
    )
    assert votes(one) == {"Lee": "no"}
    assert votes(two) == {"Lee": "no", "Park": "no"}


def test_among_those_who_voted_no() -> None:
    d = draft(
        "The Ada County Board of Supervisors passed a resolution opposing any 287(g) agreement, "
        "30 to 4. Among the four supervisors who voted no, Supervisor Ann Lee said it tied "
        "the sheriff's hands."
    )
    assert votes(d) == {"Lee": "no"}


def test_a_member_joined_by_name_to_a_bloc_vote() -> None:
    d = draft(
        "The Idaho Senate voted 30-14 on Wednesday to require sheriffs to seek 287(g) "
        "agreements. Every Democrat present voted against the bill. They were joined by "
        "Sen. Ann Lee, R-Nampa, who said the state should not dictate to sheriffs."
    )
    assert votes(d) == {"Lee": "no"}


def test_party_tags_datelines_and_party_nouns_are_not_members() -> None:
    d = draft(
        "BOISE CITY — The Idaho House voted 52-46 to ban 287(g) agreements. Rep. Ann Lee, "
        "a Democrat from Nampa, voted against the bill. Rep. Bo Park, D-Eagle, who voted "
        "against the bill, said it went too far."
    )
    assert votes(d) == {"Lee": "no", "Park": "no"}


def test_names_with_accents_are_whole() -> None:
    d = draft(
        "The Hanover Borough Council voted 5-2 to rescind the police department's 287(g) "
        "agreement. Members Jorge Albarrán and Irma Castañeda voted against rescinding."
    )
    assert {m.member for m in d.roll_call} == {"Jorge Albarrán", "Irma Castañeda"}


def test_plural_absences() -> None:
    d = draft(
        "The Union Grove Village Board voted 4-1 to join the 287(g) program. Trustee Ann Lee "
        "cast the lone vote against it. Trustees Bo Park and Cy Dunn were absent."
    )
    assert votes(d) == {"Lee": "no", "Park": "absent", "Dunn": "absent"}


def test_letting_an_agreement_lapse_is_the_yes_side_of_a_non_renewal() -> None:
    d = draft(
        "The Hays County Commissioners Court voted 3-2 on Tuesday not to renew its jail "
        "contract with ICE. Commissioners Ann Lee, Bo Park and Cy Dunn voted to let the "
        "contract lapse. Commissioners Di Moss and Ed Hale voted to renew it."
    )
    assert str(d.action.value) == "reject"
    assert votes(d) == {"Lee": "yes", "Park": "yes", "Dunn": "yes", "Moss": "no", "Hale": "no"}


def test_votes_on_a_postponement_follow_the_postponement() -> None:
    d = draft(
        "The Ada County Commission voted 5-2 on Thursday night to postpone for 60 days a "
        "resolution expanding the jail contract with ICE. Commissioner Ann Lee, who voted "
        "against postponing, said the county had waited long enough. Commissioner Bo Park, "
        "who voted for the delay, said she wanted more numbers."
    )
    assert votes(d) == {"Lee": "no", "Park": "yes"}


def test_the_noun_vote_is_not_a_member_voting() -> None:
    d = draft(
        "BAY MINETTE — The Baldwin County Commission approved a 287(g) agreement on Monday, "
        "voting 3-1 after Commissioner Ann Lee asked to delay the vote for two weeks. "
        "Commissioners Bo Park, Cy Dunn and Di Moss voted in favor."
    )
    assert votes(d) == {"Park": "yes", "Dunn": "yes", "Moss": "yes", "Lee": "no"}


def test_sides_listed_after_with() -> None:
    d = draft(
        "The Ames City Council approved the 287(g) agreement 3-2, with council members Ann "
        "Lee, Bo Park and Cy Dunn in favor and Di Moss and Ed Hale opposed."
    )
    assert votes(d) == {"Lee": "yes", "Park": "yes", "Dunn": "yes", "Moss": "no", "Hale": "no"}


def test_with_a_member_voting_no_names_no_one_else() -> None:
    d = draft(
        "The Ames City Council voted 6-1 to approve a 287(g) agreement, with Councilor Ann Lee "
        "voting no."
    )
    assert votes(d) == {"Lee": "no"}


def test_the_lone_dissenter_and_a_fronted_opposing_list() -> None:
    lone = draft(
        "The Story County Board of Supervisors voted 4-1 to renew the jail contract with ICE. "
        "Supervisor Ann Lee was the lone dissenter."
    )
    fronted = draft(
        "The Ames City Council voted 5-2 to end the police agreement with ICE. Opposing the "
        "measure were Councilors Bo Park and Cy Dunn."
    )
    assert votes(lone) == {"Lee": "no"}
    assert votes(fronted) == {"Park": "no", "Dunn": "no"}


def test_members_who_joined_a_voting_bloc_before_joined() -> None:
    text = (
        "The Ohio Senate voted 20-13 on Tuesday to approve a bill requiring sheriffs to seek "
        "287(g) agreements. Every Democrat voted against the bill. Two Republicans, Sens. "
        "Carl Dwyer of Lima and Joan Pike of Athens, joined them."
    )
    assert votes(draft(text, "2026-03-05")) == {"Dwyer": "no", "Pike": "no"}


def test_members_who_joined_a_bloc_listed_after_among_them() -> None:
    text = (
        "The Iowa House voted 60-38 on Tuesday to approve a bill requiring jails to honor ICE "
        "detainers. House Democrats voted against the bill as a bloc. Three Republicans "
        "joined them, among them Rep. Nora Vick, R-Ames, who said the bill costs too much."
    )
    assert votes(draft(text, "2026-03-05")) == {"Vick": "no"}


def test_voting_to_wait_is_a_vote_to_postpone() -> None:
    text = (
        "The Ocala City Council voted 4-3 on Monday to postpone the police 287(g) agreement. "
        "Council members Lee Marsh and Tia Gold were among the four who voted to wait. "
        "Council member Rob Finch voted against the delay."
    )
    d = draft(text, "2026-03-05")
    assert str(d.action.value) == "defer"
    assert votes(d) == {"Marsh": "yes", "Gold": "yes", "Finch": "no"}


def test_the_lone_vote_against_came_from_a_named_member() -> None:
    text = (
        "The Tulsa school board voted 6-1 on Monday to bar the district from entering any "
        "agreement with ICE. The lone vote against came from board member Jo Ames, who said "
        "Principal Dan Reyes had not been consulted."
    )
    assert votes(draft(text, "2026-03-05")) == {"Ames": "no"}
