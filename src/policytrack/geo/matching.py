"""Small matching helpers: kind preference and a guarded fuzzy match (difflib)."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence

from policytrack.geo.models import County


def prefer_kind(
    hits: Sequence[County], wants_city: bool, city_kinds: Collection[str]
) -> list[County]:
    """Among same-name counties, keep cities if the text says city, else keep non-cities."""
    if len(hits) < 2:
        return list(hits)
    cities = [c for c in hits if c.kind in city_kinds]
    others = [c for c in hits if c.kind not in city_kinds]
    chosen = cities if wants_city else others
    return chosen or list(hits)


def best_fuzzy(
    key: str, choices: Sequence[str], cutoff: float = 0.8, margin: float = 0.05
) -> str | None:
    """The unique best choice with ratio >= cutoff and ahead of the runner-up by `margin`."""
    if not key:
        return None
    scored = sorted(
        ((difflib.SequenceMatcher(None, key, c).ratio(), c) for c in choices), reverse=True
    )
    if not scored or scored[0][0] < cutoff:
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - margin:
        return None
    return scored[0][1]
