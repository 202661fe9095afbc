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
