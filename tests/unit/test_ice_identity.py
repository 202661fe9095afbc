"""Matching rows of a new official list to known agreements (pure logic)."""

import datetime as dt
from dataclasses import replace
from typing import TypeVar

from policytrack.ingest.ice_identity import (
    Incoming,
    Known,
    canonical_agency,
    plan_matches,
)
from policytrack.vocab import Model287g

TFM, WSO, JEM = Model287g.TASK_FORCE, Model287g.WARRANT_SERVICE_OFFICER, Model287g.JAIL_ENFORCEMENT
D = dt.date(2025, 2, 26)


def known(id_: int, agency: str, model: Model287g = TFM, signed: dt.date | None = D,
          kind: str = "participating", state: str = "FL") -> Known:  # fmt: skip
    return Known(id_, state, canonical_agency(agency), model, signed, kind)


def row(number: int, agency: str, model: Model287g = TFM, signed: dt.date | None = D,
        state: str = "FL") -> Incoming:  # fmt: skip
    return Incoming(number, state, canonical_agency(agency), model, signed)


def test_canonical_names_absorb_ices_renamings() -> None:
    assert canonical_agency("City of Melbourne Police Department") == canonical_agency(
        "Melbourne Police Department"
    )
    assert canonical_agency("Texas County's Sheriff's Office ") == canonical_agency(
        "Texas County Sheriff's Office"
    )
    assert canonical_agency("Orange County Sheriff's Office") != canonical_agency(
        "Orange County Corrections Department"
    )


def test_exact_rows_match_and_unknown_rows_are_new() -> None:
    plan = plan_matches(
        [row(2, "Miami Dade Sheriff's Office"), row(3, "Brand New Police Department")],
        [known(10, "Miami Dade Sheriff's Office")],
        "participating",
    )
    assert plan.matches == {2: (10, "exact")}
    assert plan.how(3) == "new"


def test_a_typo_fixed_by_ice_is_the_same_agreement() -> None:
    plan = plan_matches(
        [row(2, "Berrien County Sheriff's Office", JEM)],
        [known(10, "Berrian County Sheriff's Offic", JEM)],
        "participating",
    )
    assert plan.matches == {2: (10, "renamed")}


def test_a_signing_date_corrected_by_days_is_the_same_agreement() -> None:
    plan = plan_matches(
        [row(2, "Monroe County Sheriff's Office", signed=dt.date(2025, 3, 3))],
        [known(10, "Monroe County Sheriff's Office")],
        "participating",
    )
    assert plan.matches == {2: (10, "redated")}


def test_a_relabelled_model_is_merged_only_when_it_is_the_only_reading() -> None:
    single = plan_matches(
        [row(2, "Keller Police Department", WSO)],
        [known(10, "Keller Police Department", JEM)],
        "participating",
    )
    assert single.matches == {2: (10, "relabelled")}
    # Two agreements signed the same day by one agency: which one was relabelled is unknown.
    two = plan_matches(
        [row(2, "Utah County Sheriff's Office", WSO), row(3, "Utah County Sheriff's Office", TFM)],
        [
            known(10, "Utah County Sheriff's Office", JEM),
            known(11, "Utah County Sheriff's Office", JEM),
        ],
        "participating",
    )
    assert two.matches == {}
    assert set(two.doubtful) == {2, 3}


def test_pending_agreements_become_active_when_they_reach_the_participating_list() -> None:
    plan = plan_matches(
        [row(2, "Largo Police Department", signed=dt.date(2025, 8, 1))],
        [known(10, "Largo Police Department", signed=None, kind="pending")],
        "participating",
    )
    assert plan.matches == {2: (10, "activated")}


def test_ambiguous_candidates_are_never_merged() -> None:
    plan = plan_matches(
        [row(2, "Washington County Sheriff's Office", signed=dt.date(2025, 3, 5))],
        [
            known(10, "Washington County Sheriff's Office", signed=dt.date(2025, 3, 1)),
            known(11, "Washington County Sheriff's Office", signed=dt.date(2025, 3, 9)),
        ],
        "participating",
    )
    assert plan.matches == {}
    assert plan.doubtful == {2: [10, 11]}


def test_states_are_never_crossed() -> None:
    plan = plan_matches(
        [row(2, "Washington County Sheriff's Office", state="UT")],
        [known(10, "Washington County Sheriff's Office", state="FL")],
        "participating",
    )
    assert plan.matches == {}


def test_similarity_looks_at_the_place_not_the_shared_agency_words() -> None:
    from policytrack.ingest.ice_identity import similar_agency

    def same(a: str, b: str) -> bool:
        return similar_agency(canonical_agency(a), canonical_agency(b))

    assert same("Berrian County Sheriff's Offic", "Berrien County Sheriff's Office")
    assert not same("Largo Police Department", "Margate Police Department")
    assert not same("Orange County Sheriff's Office", "Orange County Corrections Department")


ESCAMBIA = "ocd-division/country:us/state:fl/county:escambia"
FLORIDA = "ocd-division/country:us/state:fl"
LOUISIANA = "ocd-division/country:us/state:la"
Item = TypeVar("Item", Known, Incoming)


def placed(item: Item, place: str | None) -> Item:
    """The same row or agreement, its agency placed in `place`."""
    return replace(item, place=place)


def test_an_agreement_relisted_under_another_agency_of_its_place_is_one_agreement() -> None:
    # ICE moved the sheriff's WSO agreement to the county's commissioners: same county,
    # model and date, and both are left over once the sheriff's task force row matched.
    plan = plan_matches(
        [
            placed(row(2, "Escambia County Sheriff's Office"), ESCAMBIA),
            placed(row(3, "Escambia County Board of County Commissioners", WSO), ESCAMBIA),
        ],
        [
            placed(known(10, "Escambia County Sheriff's Office"), ESCAMBIA),
            placed(known(11, "Escambia County Sheriff's Office", WSO), ESCAMBIA),
        ],
        "participating",
    )
    assert plan.matches == {2: (10, "exact"), 3: (11, "relisted")}


def test_relisting_needs_the_same_place_model_and_date() -> None:
    board = placed(row(3, "Escambia County Board of County Commissioners", WSO), ESCAMBIA)
    sheriff = known(11, "Escambia County Sheriff's Office", WSO)
    others = {
        "another place": placed(sheriff, "ocd-division/country:us/state:fl/county:okaloosa"),
        "no place": placed(sheriff, None),
        "another model": placed(replace(sheriff, model=JEM), ESCAMBIA),
        "another date": placed(replace(sheriff, signed_on=dt.date(2025, 2, 27)), ESCAMBIA),
        "no date": placed(replace(sheriff, signed_on=None), ESCAMBIA),
    }
    for why, agreement in others.items():
        plan = plan_matches([board], [agreement], "participating")
        assert plan.matches == {}, why


def test_several_relisted_in_one_place_pair_only_by_their_only_close_name() -> None:
    # Three Florida universities' task-force agreements signed the same day, two of them
    # re-listed from the board of trustees to the police department.
    rows = [
        placed(row(2, "University of Florida Police Department"), FLORIDA),
        placed(row(3, "University of West Florida Police Department"), FLORIDA),
    ]
    agreements = [
        placed(known(10, "University of West Florida Board of Trustees"), FLORIDA),
        placed(known(11, "University of Florida Board of Trustees"), FLORIDA),
        placed(known(12, "New College of Florida Police Department"), FLORIDA),
    ]
    plan = plan_matches(rows, agreements, "participating")
    assert plan.matches == {2: (11, "relisted"), 3: (10, "relisted")}
    assert plan.doubtful == {}


def test_several_relisted_with_no_telling_name_are_doubtful_not_merged() -> None:
    # Two Louisiana state agencies' task-force agreements of one day, both listed anew under
    # names that say nothing of which was which.
    rows = [
        placed(row(2, "Louisiana Military Department"), LOUISIANA),
        placed(row(3, "Louisiana Office of the State Fire Marshal"), LOUISIANA),
    ]
    agreements = [
        placed(known(10, "Louisiana National Guard"), LOUISIANA),
        placed(known(11, "Louisiana Department of Public Safety"), LOUISIANA),
    ]
    plan = plan_matches(rows, agreements, "participating")
    assert plan.matches == {}
    assert plan.doubtful == {2: [10, 11], 3: [10, 11]}


def test_proper_names_drop_what_kind_of_agency_or_signatory_it_is() -> None:
    from policytrack.ingest.ice_identity import proper_name

    def proper(name: str) -> str:
        return proper_name(canonical_agency(name))

    assert proper("University of Florida Board of Trustees") == "university florida"
    assert proper("University of Florida Police Department") == "university florida"
    assert proper("Boca Raton Police Services Department") == "boca raton"
    assert proper("Escambia County Board of County Commissioners") == "escambia"
