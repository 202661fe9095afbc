"""The sources each record cites, as the pages list them: a URL, or the citation (then the
key) of a source without one. Shared by Compare and Stakeholders."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from policytrack.models import Source


def source_lists(
    session: Session, link: Any, link_column: Any, ids: Iterable[int]
) -> dict[int, list[str]]:
    """The sources each record cites (URL, or the citation of a source without one)."""
    wanted = [int(i) for i in ids]
    if not wanted:
        return {}
    statement = (
        sa.select(link_column, col(Source.url), col(Source.key), col(Source.citation))
        .join(Source, col(Source.id) == link.source_id)
        .where(col(link_column).in_(wanted))
        .order_by(link_column, col(Source.key))
    )
    found: dict[int, list[str]] = defaultdict(list)
    for owner, url, key, citation in session.execute(statement):
        found[owner].append(url or citation or key)
    return found
