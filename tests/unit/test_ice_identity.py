"""Matching rows of a new official list to known agreements (pure logic)."""

import datetime as dt

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
