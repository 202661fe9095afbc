"""Which fields of the votes shown hold the search text ("matched in"): the same SELECTs as
the search filter (policytrack.vote_search), asked only about those votes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa
from sqlmodel import Session

from policytrack import vote_search

ID_BATCH = 10_000  # ids per IN list: SQLite refuses statements with too many parameters


def matched_in(session: Session, text: str, vote_ids: Iterable[int]) -> dict[int, list[str]]:
    """Vote id → the fields (in `vote_search.FIELDS` order) where `text` was found; votes
    where it is in no field are left out."""
    text, wanted = text.strip(), sorted({int(i) for i in vote_ids})
    found: dict[int, list[str]] = defaultdict(list)
    if not text or not wanted:
        return {}
    for field, selects in vote_search.field_votes(text).items():
        for vote_id in _among(session, selects, wanted):
            found[vote_id].append(field)
    return dict(found)


def _among(session: Session, selects: list[sa.Select[tuple[int]]], wanted: list[int]) -> set[int]:
    """The ids in `wanted` that one of `selects` (SELECTs of vote ids) returns."""
    hits: set[int] = set()
    for start in range(0, len(wanted), ID_BATCH):
        batch = wanted[start : start + ID_BATCH]
        for select in selects:
            column = select.selected_columns[0]
            statement = select.where(column.in_(batch)).distinct()
            hits.update(int(i) for i in session.execute(statement).scalars())
    return hits
