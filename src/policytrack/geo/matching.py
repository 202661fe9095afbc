"""Small matching helpers: kind preference and a guarded fuzzy match (rapidfuzz's edit
distance, then difflib's ratio)."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

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


def _by_edits(key: str, choices: Sequence[str]) -> str | None:
    """Unique choice within 1 edit (keys of 5+ chars) or 2 edits (8+ chars), clear of the rest."""
    limit = 2 if len(key) >= 8 else 1 if len(key) >= 5 else 0
    if limit == 0:
        return None
    # Optimal string alignment: insert, delete, substitute, swap neighbours (typos); the two
    # nearest within the limit, nearest first.
    nearest = process.extract(key, choices, scorer=OSA.distance, limit=2, score_cutoff=limit)
    if not nearest or (len(nearest) > 1 and nearest[1][1] <= nearest[0][1]):
        return None
    return str(nearest[0][0])


def best_fuzzy(
    key: str, choices: Sequence[str], cutoff: float = 0.8, margin: float = 0.05
) -> str | None:
    """A unique close choice: by a small edit distance, else by difflib ratio >= cutoff with
    the runner-up at least `margin` behind; None when nothing or more than one fits."""
    if not key:
        return None
    by_edits = _by_edits(key, choices)
    if by_edits is not None:
        return by_edits
    # difflib's ratio (Ratcliff/Obershelp), not rapidfuzz's: rapidfuzz scores by the longest
    # common subsequence, higher for some pairs, so it would match places this refuses.
    matcher = difflib.SequenceMatcher(None, "", key)
    scored: list[tuple[float, str]] = []
    for c in choices:
        matcher.set_seq1(c)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            scored.append((matcher.ratio(), c))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < cutoff:
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - margin:
        return None
    return scored[0][1]
