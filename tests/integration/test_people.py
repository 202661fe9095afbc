"""People kept current on both databases: the bundled roll calls and positions read into
one identity per person and place (issue 14 part 1)."""

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack.models import Jurisdiction, Person, PersonName, Stakeholder, StakeholderPerson


def people(engine: Engine) -> dict[str, set[str]]:
    """Each person's key → their printed names."""
    with Session(engine) as session:
        rows = session.exec(
            select(Person.key, PersonName.printed).join(
                PersonName, PersonName.person_id == Person.id
            )
        ).all()
    found: dict[str, set[str]] = {}
    for key, printed in rows:
        found.setdefault(key, set()).add(printed)
    return found


def linked(engine: Engine) -> dict[str, str]:
    """Stakeholder name → the person key it is."""
    with Session(engine) as session:
        rows = session.exec(
            select(Stakeholder.name, Person.key)
            .join(StakeholderPerson, StakeholderPerson.stakeholder_id == Stakeholder.id)
            .join(Person, Person.id == StakeholderPerson.person_id)
        ).all()
    return dict(rows)


def test_the_bundled_roll_calls_read_as_people(votes_engine: Engine) -> None:
    found = people(votes_engine)
    assert found["fl-key-west-donald-lee"] == {"Donald Lee", "Donie Lee"}
    assert found["fl-key-west-lissette-carey"] == {"Lissette Carey", "Lissette Cuervo Carey"}
    assert found["fl-orange-county-kelly-semrad"] == {"Kelly Semrad", "Kelly Martinez Semrad"}
    assert found["fl-miami-rafael-rosado"] == {"Ralph “Rafael” Rosado"}
    assert "ma-worcester-khrystian-king" in found
    with Session(votes_engine) as session:
        printed = session.exec(sa.select(sa.func.count(sa.distinct(PersonName.printed)))).one()
    assert sum(len(n) for n in found.values()) == printed[0], "every printing has one person"


def test_stakeholders_are_linked_to_the_one_member_they_can_be(votes_engine: Engine) -> None:
    links = linked(votes_engine)
    assert links["Christine King"] == "fl-miami-christine-king"
    assert links["Michael Antonovich"] == "ca-los-angeles-county-michael-antonovich"
    assert links["Lissette Cuervo Carey"] == "fl-key-west-lissette-carey"
    assert "Ron DeSantis" not in links  # in no roll call
    assert "James Uthmeier" not in links


def test_a_new_roll_call_is_read_in_the_same_write(votes_engine: Engine) -> None:
    from policytrack.models import MemberVote, VoteEvent
    from policytrack.vocab import VoteOption

    with Session(votes_engine) as session:
        miami = session.exec(select(VoteEvent).where(VoteEvent.key == "fl-miami-2025-06-17")).one()
        # two roll-call rows added for this test only (synthetic): one more printing, one newcomer
        session.add(MemberVote(vote_event_id=miami.id, voter_name="Commissioner Rosado",
                               option=VoteOption.YES))  # fmt: skip
        session.add(MemberVote(vote_event_id=miami.id, voter_name="Manolo Reyes",
                               option=VoteOption.ABSENT))  # fmt: skip
        session.commit()
    found = people(votes_engine)
    assert found["fl-miami-rafael-rosado"] == {"Ralph “Rafael” Rosado", "Commissioner Rosado"}
    assert found["fl-miami-manolo-reyes"] == {"Manolo Reyes"}
    with Session(votes_engine) as session:
        miami_place = session.exec(
            select(Jurisdiction.id).where(Jurisdiction.name == "Miami", Jurisdiction.state == "FL")
        ).one()
        assert (
            session.exec(
                select(sa.func.count())
                .select_from(Person)
                .where(Person.jurisdiction_id == miami_place)
            ).one()
            == 6
        )


def test_an_editor_splits_and_merges_people_audited_and_never_undone_by_the_reading(
    votes_engine: Engine,
) -> None:
    from policytrack.auth import Editor
    from policytrack.edits.people import merge_people, person_history, split_person
    from policytrack.edits.refusals import InvalidEdit
    from policytrack.people.store import identify

    alice = Editor("alice", "editor")
    with Session(votes_engine) as session:
        new = split_person(session, alice, "fl-key-west-donald-lee", ["Donie Lee"], "two men")
        session.commit()
        assert new.key == "fl-key-west-donald-lee-2"
    with Session(votes_engine) as session:
        identify(session.connection())  # the automatic reading, again, everywhere
        session.commit()
    found = people(votes_engine)
    assert found["fl-key-west-donald-lee"] == {"Donald Lee"}
    assert found["fl-key-west-donald-lee-2"] == {"Donie Lee"}
    with Session(votes_engine) as session:
        try:
            merge_people(session, alice, "fl-key-west-donald-lee", "fl-miami-christine-king")
        except InvalidEdit as refused:
            assert "different places" in str(refused)
        else:
            raise AssertionError("a merge across places was accepted")
        merge_people(session, alice, "fl-key-west-donald-lee", "fl-key-west-donald-lee-2")
        session.commit()
    assert people(votes_engine)["fl-key-west-donald-lee"] == {"Donald Lee", "Donie Lee"}
    assert "fl-key-west-donald-lee-2" not in people(votes_engine)
    with Session(votes_engine) as session:
        merge, split = person_history(session, "fl-key-west-donald-lee")
    assert (split.action, split.user_name, split.note) == ("split", "alice", "two men")
    assert split.after == {"fl-key-west-donald-lee": ["Donald Lee"],
                           "fl-key-west-donald-lee-2": ["Donie Lee"]}  # fmt: skip
    assert merge.action == "merge"
    assert merge.after == {"fl-key-west-donald-lee": ["Donald Lee", "Donie Lee"]}


def test_a_person_record_and_a_body_s_members(votes_engine: Engine) -> None:
    from policytrack.queries.people import members_votes, person_record, stakeholder_record

    with Session(votes_engine) as session:
        lee = person_record(session, "fl-key-west-donald-lee")
        king = person_record(session, "fl-miami-christine-king")
        holder = stakeholder_record(session, linked_key(session, "Christine King"))
        members = members_votes(session, "ocd-division/country:us/state:fl/place:key_west")
        assert person_record(session, "nobody") is None
    assert lee is not None and king is not None and holder is not None
    assert lee.votes[["vote_key", "option", "printed"]].values.tolist() == [
        ["fl-key-west-2025-07-08", "yes", "Donie Lee"],
        ["fl-key-west-2025-06-30", "yes", "Donald Lee"],
    ]
    assert king.votes["option"].tolist() == ["no"]
    assert king.stakeholders and not king.positions.empty
    assert set(king.positions["stance"]) <= {"support", "oppose", "neutral", "mixed", "unclear"}
    assert all(s.startswith("http") for s in king.positions["sources"])
    assert holder.person == ("fl-miami-christine-king", "Christine King")
    lee_row = members[members.person_key == "fl-key-west-donald-lee"].iloc[0]
    assert (lee_row["fl-key-west-2025-07-08"], lee_row["fl-key-west-2025-06-30"]) == ("yes", "yes")
    assert list(members.columns[2:]) == ["fl-key-west-2025-07-08", "fl-key-west-2025-06-30"]
    kaufman = members[members.member == "Samuel Kaufman"].iloc[0]
    assert kaufman["fl-key-west-2025-07-08"] == "absent"


def linked_key(session: Session, name: str) -> str:
    return session.exec(select(Stakeholder.key).where(Stakeholder.name == name)).one()


def test_people_and_stakeholders_found_by_a_piece_of_their_name(votes_engine: Engine) -> None:
    from policytrack.queries.people import people_matching

    with Session(votes_engine) as session:
        found = people_matching(session, "rosado")
        kings = people_matching(session, "KING")
        none = people_matching(session, "100%_")
    assert found[["kind", "key", "where"]].values.tolist() == [
        ["person", "fl-miami-rafael-rosado", "Miami, FL"]
    ]
    assert set(kings["key"]) >= {"fl-miami-christine-king", "ma-worcester-khrystian-king"}
    assert {"person", "stakeholder"} == set(kings["kind"])
    assert none.empty
