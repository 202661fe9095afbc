"""The Compare page's "at a glance" table: the comparable facts of each chosen jurisdiction
(votes, outcomes, agreements, models, stakeholders' sides), counted in SQL under the
filters, and which of them differ from what most of the others share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col

from policytrack.filters import Filters, agreement_conditions, vote_conditions
from policytrack.models import Agency, Agreement, Position, VoteEvent
from policytrack.queries.compare_places import ChosenPlace
from policytrack.vocab import MODEL_LABELS, AgreementStatus, Model287g, Outcome, Stance

# Facts of the summary table that are compared across jurisdictions, in display order.
FACTS = (
    "votes", "passed", "failed", "latest_vote", "agreements_active", "models_active",
    "stakeholders", "supporting", "opposing",
)  # fmt: skip


def agreement_conditions_of(filters: Filters) -> list[Any]:
    """The filters' conditions on agreements: outcome, action, topic and stakeholder filters
    say nothing about an agreement."""
    return agreement_conditions(filters.for_agreements())


def summary(session: Session, filters: Filters, places: Sequence[ChosenPlace]) -> pd.DataFrame:
    """The comparable facts, one row per place (`id`, `label`, `ocd_id`) in their order, with
    a `differs` column naming the facts where a place differs from most others."""
    ids = [place.id for place in places]
    votes = _vote_facts(session, filters, ids)
    agreements = _agreement_facts(session, filters, ids)
    sides = _stakeholder_facts(session, filters, ids)
    rows = []
    for place in places:
        row: dict[str, Any] = {"jurisdiction": place.label, "ocd_id": place.ocd_id}
        row.update(votes.get(place.id, {"votes": 0, "passed": 0, "failed": 0, "latest_vote": None}))
        row.update(agreements.get(place.id, _NO_AGREEMENTS))
        row.update(_shares(sides.get(place.id, (0, 0, 0, 0))))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["jurisdiction", "ocd_id", *FACTS, "agreements_total",
                                        "mixed_or_disputed"])  # fmt: skip
    frame["differs"] = differences(frame, FACTS)
    return frame


_NO_AGREEMENTS = {"agreements_active": 0, "models_active": "none", "agreements_total": 0}


def _vote_facts(session: Session, filters: Filters, ids: list[int]) -> dict[int, dict[str, Any]]:
    def outcome(value: Outcome) -> Any:
        return func.sum(sa.case((col(VoteEvent.outcome) == value.value, 1), else_=0))

    statement = (
        sa.select(
            col(VoteEvent.jurisdiction_id), func.count().label("votes"),
            outcome(Outcome.PASSED).label("passed"), outcome(Outcome.FAILED).label("failed"),
            func.max(VoteEvent.vote_date).label("latest_vote"),
        )
        .where(col(VoteEvent.jurisdiction_id).in_(ids), *vote_conditions(filters))
        .group_by(col(VoteEvent.jurisdiction_id))
    )  # fmt: skip
    found = {}
    for row in session.execute(statement):
        facts = dict(row._asdict())
        jurisdiction_id = facts.pop("jurisdiction_id")
        facts.update(passed=int(facts["passed"] or 0), failed=int(facts["failed"] or 0))
        found[jurisdiction_id] = facts
    return found


def _agreement_facts(
    session: Session, filters: Filters, ids: list[int]
) -> dict[int, dict[str, Any]]:
    statement = (
        sa.select(
            col(Agency.jurisdiction_id), col(Agreement.status), col(Agreement.model), func.count()
        )
        .join(Agency, col(Agency.id) == col(Agreement.agency_id))
        .where(col(Agency.jurisdiction_id).in_(ids), *agreement_conditions_of(filters))
        .group_by(col(Agency.jurisdiction_id), col(Agreement.status), col(Agreement.model))
    )  # fmt: skip
    found: dict[int, dict[str, Any]] = {}
    for jurisdiction_id, status, model, count in session.execute(statement):
        facts = found.setdefault(jurisdiction_id, {**_NO_AGREEMENTS, "models": set()})
        facts["agreements_total"] += int(count)
        if str(status) == AgreementStatus.ACTIVE.value:
            facts["agreements_active"] += int(count)
            facts["models"].add(MODEL_LABELS[Model287g(str(model))])
    for facts in found.values():
        facts["models_active"] = ", ".join(sorted(facts.pop("models"))) or "none"
    return found


def _stakeholder_facts(
    session: Session, filters: Filters, ids: list[int]
) -> dict[int, tuple[int, int, int, int]]:
    """(stakeholders, supporting, opposing, mixed or disputed) per jurisdiction: a stakeholder
    counts once per jurisdiction, by its stance there (several stances → disputed)."""
    per_stakeholder = (
        sa.select(
            col(VoteEvent.jurisdiction_id).label("jurisdiction_id"),
            func.count(sa.distinct(col(Position.stance))).label("stances"),
            func.max(Position.stance).label("stance"),
        )
        .join(VoteEvent, col(VoteEvent.id) == col(Position.vote_event_id))
        .where(
            col(VoteEvent.jurisdiction_id).in_(ids),
            col(Position.retired).is_(False),
            *vote_conditions(filters),
        )
        .group_by(col(VoteEvent.jurisdiction_id), col(Position.stakeholder_id))
        .subquery()
    )
    single = per_stakeholder.c.stances == 1

    def count_where(condition: Any) -> Any:
        return func.sum(sa.case((condition, 1), else_=0))

    statement = sa.select(
        per_stakeholder.c.jurisdiction_id, func.count(),
        count_where(single & (per_stakeholder.c.stance == Stance.SUPPORT.value)),
        count_where(single & (per_stakeholder.c.stance == Stance.OPPOSE.value)),
        count_where(~single | (per_stakeholder.c.stance == Stance.MIXED.value)),
    ).group_by(per_stakeholder.c.jurisdiction_id)  # fmt: skip
    return {
        row[0]: (int(row[1]), int(row[2] or 0), int(row[3] or 0), int(row[4] or 0))
        for row in session.execute(statement)
    }


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({round(100 * part / whole)}%)" if whole else "none recorded"


def _shares(counts: tuple[int, int, int, int]) -> dict[str, Any]:
    total, support, oppose, disputed = counts
    return {
        "stakeholders": total,
        "supporting": _share(support, total),
        "opposing": _share(oppose, total),
        "mixed_or_disputed": disputed,
    }


def differences(frame: pd.DataFrame, facts: Sequence[str]) -> list[str]:
    """For each row, the facts whose value differs from the others (from the value most
    jurisdictions share; when no value is shared by most, every row differs)."""
    marks: list[list[str]] = [[] for _ in range(len(frame))]
    for fact in facts:
        values = [_comparable(v) for v in frame[fact]]
        common = Counter(values).most_common(2)
        if len(common) < 2:
            continue  # all equal
        majority = common[0][0] if common[0][1] > common[1][1] else None
        for index, value in enumerate(values):
            if majority is None or value != majority:
                marks[index].append(fact.replace("_", " "))
    return [", ".join(mark) for mark in marks]


def _comparable(value: Any) -> Any:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value
