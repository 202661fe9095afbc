"""Stakeholders and their stance toward the agreement itself, from what they did: officers who
requested or signed it, people who urged a vote or would have voted, organisations named by
kind or by apposition, offices with no person named, crowds on both sides, and votes on
bills and on tabling. Every text here is written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.articles.helpers import draft, stances


def by_name(text: str, published: str | None = None) -> dict[str, tuple[str, str]]:
    """Stakeholders as surname (or name) → (stance, kind)."""
    d = draft(text, published)
    return {(s.person or s.name).split()[-1]: (str(s.stance), str(s.kind)) for s in d.stakeholders}


def test_a_sheriff_who_requested_the_agreement_supports_it() -> None:
    found = by_name(
        "The Ada County Commission voted 3-0 on Monday to approve a 287(g) agreement. "
        "Sheriff Ray Quinn, who requested the agreement in May, said six deputies would be "
        "trained by the fall."
    )
    assert found["Quinn"] == ("support", "law_enforcement")


def test_the_agreement_a_sheriff_sought_in_a_relative_clause() -> None:
    s = stances(
        draft(
            "The Ada County Commission approved the jail agreement with ICE 2-1 on Monday. "
            "Commissioner Ann Lee voted against the agreement, which Sheriff Ray Quinn had "
            "sought since spring."
        )
    )
    assert (s["Lee"], s["Quinn"]) == ("oppose", "support")


def test_a_chief_who_signed_it_supports_it_even_when_it_is_ended() -> None:
    s = stances(
        draft(
            "The Ames City Council voted 5-2 to rescind the police department's 287(g) "
            "agreement. Police Chief Dana Ruiz signed the agreement in March without a vote."
        )
    )
    assert s["Ruiz"] == "support"


def test_a_chief_who_only_explains_its_scope_is_neutral() -> None:
    s = stances(
        draft(
            "The Ames City Council voted 4-1 to approve a 287(g) agreement with ICE. Police "
            "Chief Dana Ruiz said officers will not ask about immigration status at traffic "
            "stops."
        )
    )
    assert s["Ruiz"] == "neutral"


@pytest.mark.parametrize(
    ("urged", "stance"),
    [
        ("urged the board to keep it", "support"),
        ("asked the board to let the contract lapse", "oppose"),
        ("asked supervisors to vote no", "oppose"),
        ("urged approval", "support"),
    ],
)
def test_what_someone_urged_the_voters_to_do(urged: str, stance: str) -> None:
    s = stances(
        draft(
            "The Ada County Board of Supervisors voted 3-2 on Monday to renew the jail "
            f"contract with ICE. Before the vote, Pastor Ann Lee {urged}."
        )
    )
    assert s["Lee"] == stance


def test_organisations_named_by_what_the_text_calls_them() -> None:
    found = by_name(
        "The Pima County Board of Supervisors voted 3-2 to approve a 287(g) agreement. A "
        "Tucson immigrant rights group, Casa Abierta, urged supervisors to reject it. "
        "Vecinos del Valle, a coalition of farmworker families, delivered a petition asking "
        "the board to vote no."
    )
    assert found["Abierta"] == ("oppose", "advocacy_org")
    assert found["Valle"] == ("oppose", "advocacy_org")


def test_a_union_endorsing_the_agreement() -> None:
    found = by_name(
        "The Ames City Council voted 4-1 to approve a 287(g) agreement. The Fraternal Order "
        "of Police lodge endorsed the agreement in a letter to the council."
    )
    assert found["lodge"] == ("support", "union")


def test_a_faith_leader_speaks_for_a_congregation() -> None:
    d = draft(
        "The Story County Board of Supervisors voted 3-2 to renew the jail contract with ICE. "
        "The Rev. Ann Lee, pastor of a Lutheran church in Ames, asked the board to end the "
        "contract."
    )
    lee = next(s for s in d.stakeholders if s.person and s.person.endswith("Lee"))
    assert (str(lee.stance), str(lee.kind)) == ("oppose", "other")
    assert "Lutheran church" in lee.name


@pytest.mark.parametrize(
    ("bill", "governor"),
    [
        ("to require every sheriff to seek a 287(g) agreement", "support"),
        ("to ban 287(g) agreements statewide", "oppose"),
    ],
)
def test_a_governor_who_intends_to_sign_the_bill(bill: str, governor: str) -> None:
    d = draft(
        f"The Idaho Senate voted 25-10 on Tuesday {bill}. The governor's office said "
        "Wednesday that she intends to sign the bill."
    )
    assert {s.name: str(s.stance) for s in d.stakeholders}["Idaho Governor"] == governor


def test_a_governor_who_has_not_said_is_no_stakeholder() -> None:
    d = draft(
        "The Idaho Senate voted 25-10 on Tuesday to ban 287(g) agreements statewide. The "
        "governor has not said whether he would sign the bill."
    )
    assert not any("Governor" in s.name for s in d.stakeholders)


def test_government_lawyers_advising_the_board_are_neutral() -> None:
    d = draft(
        "The Ada County Commission voted 2-1 to approve a jail agreement with ICE. Staff from "
        "the County Attorney's office told the commission that the county would not be liable "
        "for federal detention decisions."
    )
    lawyers = [s for s in d.stakeholders if "Attorney" in s.name]
    assert [(str(s.stance), str(s.kind)) for s in lawyers] == [("neutral", "government_agency")]


def test_positions_on_a_ban_are_positions_on_the_agreements() -> None:
    found = by_name(
        "The Idaho House voted 40-30 on Friday to ban 287(g) agreements statewide. The Idaho "
        "Sheriffs' Association opposes the bill. Immigrant advocacy groups, including the "
        "Idaho Welcome Coalition, have pushed for the ban for years."
    )
    assert found["Association"] == ("support", "law_enforcement")
    assert found["Coalition"] == ("oppose", "advocacy_org")


def test_an_absent_member_who_would_have_voted() -> None:
    s = stances(
        draft(
            "The Ames City Council deadlocked 3-3 on a 287(g) agreement, so it failed. "
            "Councilor Bo Park was absent. He said later that he would have voted against it. "
            "Councilor Cy Dunn was absent as well."
        )
    )
    assert s["Park"] == "oppose"
    assert "Dunn" not in s


def test_a_yes_with_reservations_and_a_no_that_grants_the_idea_are_mixed() -> None:
    s = stances(
        draft(
            "The Ames City Council voted 4-3 to approve a 287(g) agreement. Councilor Ann Lee "
            "voted yes but said she had reservations about the training. Councilor Bo Park "
            "voted no. \u201cI\u2019m not against the concept, but not this contract,\u201d "
            "Park said."
        )
    )
    assert (s["Lee"], s["Park"]) == ("mixed", "mixed")


def test_stances_on_tabling_a_measure_to_end_the_agreement() -> None:
    s = stances(
        draft(
            "The Story County Board of Supervisors voted 3-2 on Tuesday to table a resolution "
            "calling for an end to the sheriff's 287(g) agreement. Supervisors Ann Lee and Bo "
            "Park voted against tabling it. Chairman Cy Dunn, who made the motion to table, "
            "said the agreement has worked."
        )
    )
    assert (s["Lee"], s["Park"], s["Dunn"]) == ("oppose", "oppose", "support")


def test_a_mover_who_says_they_take_no_side_is_neutral() -> None:
    s = stances(
        draft(
            "The Story County Board of Supervisors voted 3-2 to postpone a vote on renewing the "
            "jail contract with ICE. Supervisor Cy Dunn, who made the motion to postpone, said "
            "\u201cI'm not for it and I'm not against it yet.\u201d"
        )
    )
    assert s["Dunn"] == "neutral"


def test_a_crowd_split_evenly_is_two_crowds() -> None:
    d = draft(
        "The Ames City Council voted 4-1 to approve a 287(g) agreement. About 20 people spoke, "
        "split roughly evenly for and against."
    )
    assert sorted(str(s.stance) for s in d.stakeholders if s.person is None) == [
        "oppose",
        "support",
    ]


def test_most_speakers_on_one_side_and_a_few_on_the_other() -> None:
    d = draft(
        "The Ames City Council voted 5-2 to rescind its 287(g) agreement. A dozen people spoke "
        "during public comment. Most urged the council to end the agreement. Two residents "
        "thanked the police chief and asked the council to keep it."
    )
    assert sorted(str(s.stance) for s in d.stakeholders if s.person is None) == [
        "oppose",
        "support",
    ]


def test_a_group_disappointed_by_an_approval_opposes_the_agreement() -> None:
    found = by_name(
        "The Ames City Council voted 4-1 to approve a 287(g) agreement. The Story County "
        "Immigrant Alliance said it was disappointed by the vote."
    )
    assert found["Alliance"] == ("oppose", "advocacy_org")


def test_a_party_bloc_voting_for_a_bill() -> None:
    d = draft(
        "The Idaho Senate voted 25-10 on Tuesday to require sheriffs to seek 287(g) "
        "agreements. Every Republican present voted for the bill."
    )
    assert {s.name: str(s.stance) for s in d.stakeholders}["Republicans"] == "support"


def test_someone_s_plan_to_join_the_program() -> None:
    s = stances(
        draft(
            "The Pinal County Board of Supervisors voted 3-2 to void the county attorney's "
            "287(g) agreement, blocking County Attorney Ray Quinn's plan to join the task "
            "force program."
        )
    )
    assert s["Quinn"] == "support"


def test_backing_it_and_party_blocs_by_count() -> None:
    d = draft(
        "The Nassau County Legislature voted 12-6 on Monday to approve a jail agreement with "
        "ICE. All 12 Republicans voted yes; the six Democrats voted no. The Nassau County "
        "Sheriffs' Association backed it."
    )
    found = {s.name: str(s.stance) for s in d.stakeholders}
    assert (found["Republicans"], found["Democrats"]) == ("support", "oppose")
    assert found["Nassau County Sheriffs' Association"] == "support"


def test_the_mover_of_a_motion_to_table_an_approval_opposes_it() -> None:
    s = stances(
        draft(
            "The Lexington County Council voted 5-4 to table a proposed jail contract with ICE. "
            "Councilman Glen Conwell, who made the motion, said he wanted more numbers."
        )
    )
    assert s["Conwell"] == "oppose"


def test_an_officer_of_another_place_testifying_against_a_ban() -> None:
    d = draft(
        "The Idaho Senate voted 20-15 on Thursday to ban 287(g) agreements. Canyon County "
        "Sheriff Ray Quinn testified against the bill. IRN, an immigrant advocacy group, has "
        "pushed for the ban."
    )
    found = {(s.person or s.name): (s.name, str(s.stance)) for s in d.stakeholders}
    assert found["Ray Quinn"] == ("Canyon County Sheriff's Office", "support")
    assert found["IRN"] == ("IRN", "oppose")


def test_its_president_speaks_for_the_association() -> None:
    d = draft(
        "The Idaho House voted 40-30 to ban 287(g) agreements. The Idaho Sheriffs' Association "
        "opposes the bill. Its president, Bonner County Sheriff Ann Lee, told a committee that "
        "her office's agreement had identified 40 inmates."
    )
    assert stances(d)["Lee"] == "support"


def test_groups_by_petition_by_quoted_reaction_and_by_a_threat_to_sue() -> None:
    found = by_name(
        "The Pima County Board of Supervisors voted 3-2 to approve a 287(g) agreement. The "
        "Tucson Interfaith Network delivered a petition with about 500 signatures asking the "
        "board to vote no. A coalition of Latino business owners, Pima Unidos, said in a "
        'statement that it was "disappointed but not surprised" by the vote. The ACLU of '
        "Arizona had threatened to sue if the county approved the agreement."
    )
    assert found["Network"] == ("oppose", "advocacy_org")
    assert found["Unidos"] == ("oppose", "advocacy_org")
    assert found["Arizona"][0] == "oppose"


def test_a_group_whose_name_is_a_verb_applauding_a_delay() -> None:
    found = by_name(
        "The Story County Board of Supervisors voted 4-3 to postpone a resolution expanding the "
        "jail contract with ICE. Members of an immigrant rights group, Story Welcomes, wore "
        "yellow shirts and applauded the delay."
    )
    assert found["Welcomes"] == ("oppose", "advocacy_org")


def test_a_sheriff_whose_detainees_would_be_moved_is_not_a_mover() -> None:
    s = stances(
        draft(
            "The Story County Board of Supervisors voted 3-2 to end the jail contract with ICE. "
            "Sheriff Ray Quinn urged the board to keep it. He said detainees would simply be "
            "moved to jails farther from their families."
        )
    )
    assert s["Quinn"] == "support"


def test_a_group_urging_a_titled_governor_to_veto_the_bill() -> None:
    d = draft(
        "The Idaho Senate voted 26-6 on Wednesday to require every county with a jail to seek "
        "a 287(g) agreement. The Idaho Immigrant Rights Coalition urged Gov. Ann Lee to veto it."
    )
    found = {(s.person or s.name): str(s.stance) for s in d.stakeholders}
    assert found["Idaho Immigrant Rights Coalition"] == "oppose"
    assert "Ann Lee" not in found  # asked to act; her own position is not given


def test_proposing_the_contract_and_signing_a_ban() -> None:
    contract = stances(
        draft(
            "The Lubbock County Commissioners Court unanimously approved a jail contract with "
            "ICE on Monday. Commissioner Ray Quinn, who proposed the contract, called it a "
            "partnership."
        )
    )
    ban = stances(
        draft(
            "The Idaho House voted 50-20 to ban 287(g) agreements. Gov. Ann Lee said she was "
            '"looking forward to signing the bill."'
        )
    )
    assert (contract["Quinn"], ban["Lee"]) == ("support", "oppose")


def test_a_crowd_urging_a_delay_on_signing_is_against_it() -> None:
    d = draft(
        "The Ames City Council voted 4-2 to enter a 287(g) agreement. Residents packed city "
        "hall, urging officials to postpone a vote on signing the agreement."
    )
    assert [str(s.stance) for s in d.stakeholders if s.person is None] == ["oppose"]


def test_a_sponsor_named_with_party_and_district() -> None:
    s = stances(
        draft(
            "The Idaho House voted 50-20 for a bill that would withhold grants from police that "
            "refuse to seek 287(g) agreements. Rep. Ann Lee, R-Nampa, who wrote the bill, said "
            "cities should not pick which laws to enforce."
        )
    )
    assert s["Lee"] == "support"


def test_a_member_who_keeps_the_agreement_while_sharing_the_concerns_is_mixed() -> None:
    text = (
        "A motion to end the sheriff's 287(g) agreement failed 2-3 on Tuesday. Supervisor "
        'Ann Boyd voted no. "I share some of the concerns I heard tonight, but I will not end '
        'this before the audit is done," Boyd said.'
    )
    assert stances(draft(text, "2026-03-05"))["Boyd"] == "mixed"


def test_parents_urging_passage_of_a_refusal_oppose_the_agreement() -> None:
    # 'pass the resolution' backs the measure; the measure keeps the district out of ICE
    # agreements, so backing it is oppose (rule 4).
    text = (
        "The Tulsa school board voted 6-1 on Monday to bar the district from entering any "
        "agreement with ICE. About 30 parents signed up to speak, and nearly all of them "
        "urged the board to pass the resolution."
    )
    assert stances(draft(text, "2026-03-05"))["Parents"] == "oppose"


def test_a_crowds_side_in_the_clause_after_a_semicolon() -> None:
    text = (
        "The Pima County supervisors voted 3-2 on Tuesday to keep the sheriff's ICE "
        "agreement. Dozens of speakers addressed the board; most of them urged supervisors "
        "to end the agreement."
    )
    assert stances(draft(text, "2026-03-05"))["speakers"] == "oppose"


def test_a_body_printed_with_its_place_is_not_prefixed_twice() -> None:
    d = draft(
        "DURHAM, N.C. — The Durham Public Schools Board of Education voted 6-1 on Thursday "
        "to bar the district from entering any agreement with ICE. Board member Roger "
        "Pruitt voted against it.",
        "2025-11-07",
    )
    names = {s.person: s.name for s in d.stakeholders}
    assert names["Roger Pruitt"] == "Durham Public Schools Board of Education member"


def test_a_named_member_of_a_unanimous_body_takes_the_votes_side() -> None:
    text = (
        "The Blount County Commission voted unanimously on Tuesday to renew the sheriff's "
        '287(g) agreement with ICE. Commissioner Ray Tipton said the vote "speaks for '
        'itself."'
    )
    assert stances(draft(text, "2026-03-05"))["Tipton"] == "support"


def test_a_unanimous_postponement_gives_no_member_a_side() -> None:
    text = (
        "The Blount County Commission voted unanimously on Tuesday to postpone the sheriff's "
        '287(g) agreement. Commissioner Ray Tipton said the vote "speaks for itself."'
    )
    assert "Tipton" not in stances(draft(text, "2026-03-05"))


def test_a_speaker_who_is_a_member_of_the_group_named_before_takes_its_side() -> None:
    text = (
        "The Lycoming County commissioners voted 2-1 on Tuesday to approve an ICE detention "
        "contract. The Ridge Valley Welcoming Network urged commissioners to reject the "
        'contract. "This is a sad day," said Ana Ortiz, a resident and member of the network.'
    )
    assert stances(draft(text, "2026-03-12"))["Ortiz"] == "oppose"


def test_advocates_with_a_named_group_are_that_group() -> None:
    text = (
        "The Nevada Senate voted 12-9 on Tuesday to ban 287(g) agreements. Advocates with "
        "Casa Unida de Reno filled the gallery and cheered after the vote."
    )
    d = draft(text, "2026-03-05")
    assert {s.name: str(s.stance) for s in d.stakeholders if s.person is None} == {
        "Casa Unida de Reno": "oppose"
    }


def test_an_attorney_describing_the_termination_clause_is_neutral() -> None:
    text = (
        "The Mohave County supervisors voted 3-2 on Wednesday to end the jail's ICE detention "
        "agreement. County Attorney Lee Dorn said either party may end the agreement with 60 "
        "days' notice."
    )
    assert stances(draft(text, "2025-09-18"))["Dorn"] == "neutral"


def test_nothing_to_worry_about_is_not_a_worry() -> None:
    text = (
        "The Hood City Council voted 6-1 on Tuesday to approve a 287(g) agreement with ICE. "
        'Two residents spoke in favor. "If you follow the law, you have nothing to worry '
        'about," said Glen Ames, a resident who spoke in favor.'
    )
    assert stances(draft(text, "2026-03-05"))["Ames"] == "support"


def test_an_official_after_a_crowd_is_not_one_of_the_crowd() -> None:
    text = (
        "The Hood City Council voted 6-1 on Tuesday to approve a 287(g) agreement with ICE. "
        "Two residents spoke in favor. The city's general counsel, Dana Vale, told the "
        "council that the city must file quarterly reports."
    )
    assert "Vale" not in stances(draft(text, "2026-03-05"))


def test_a_party_bloc_of_senators_is_named_with_its_chamber() -> None:
    text = (
        "The Nevada Senate voted 12-9 on Tuesday to ban 287(g) agreements. Every Republican "
        "senator voted against the bill."
    )
    d = draft(text, "2026-03-05")
    assert {s.name: str(s.stance) for s in d.stakeholders if s.person is None} == {
        "Senate Republicans": "support"
    }
