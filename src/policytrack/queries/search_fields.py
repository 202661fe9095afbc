"""Which fields of the votes shown hold the search text ("matched in"): the same fields and
conditions as the search filter (policytrack.vote_search), asked only about those votes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

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
    for start in range(0, len(wanted), ID_BATCH):
        among = tuple(wanted[start : start + ID_BATCH])
        for field, selects in vote_search.field_votes(text, among).items():
            for select in selects:
                for vote_id in session.execute(select.distinct()).scalars():
                    if field not in found[int(vote_id)]:
                        found[int(vote_id)].append(field)
    return dict(found)
