"""Which row of a new official list is which agreement we already know.

ICE's lists carry no ids: between lists it renames agencies, fixes typos, corrects signing
dates by days and relabels models. Rows are matched to known agreements in passes from the
strictest to the loosest; a pass merges only where the evidence leaves one reading (one
candidate each way). Rows that fit several agreements become new agreements and are listed
as doubtful for a person to review. Pure functions: no database here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from policytrack.vocab import Model287g

REDATE_DAYS = 45  # ICE corrects signing dates by days, not months
SIMILAR = 0.85  # place names in agency names this alike may be one place with a typo

_ABBREVIATIONS = {
    "dept": "department",
    "co": "county",
    "cnty": "county",
    "pd": "police department",
    "so": "sheriff office",
    "sheriffs": "sheriff",
    "st": "saint",
    "twp": "township",
    "offic": "office",
}
_DROP_WORDS = {"the", "of", "city", "town", "village", "borough", "s"}


def canonical_agency(name: str) -> str:
    """An agency name folded so that ICE's renamings compare equal.

    `City of Melbourne Police Department` and `Melbourne Police Department` agree;
    `Texas County's Sheriff's Office ` and `Texas County Sheriff's Office` agree.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_name.replace("'s", " "))
    expanded = " ".join(_ABBREVIATIONS.get(w, w) for w in words).split()
    return " ".join(w for w in expanded if w not in _DROP_WORDS)


@dataclass(frozen=True)
class Known:
    """An agreement already stored, as the matcher needs it."""

    id: int
    state: str
    agency: str  # canonical
    model: Model287g
    signed_on: dt.date | None
    list_kind: str  # participating | pending
    last_seen: dt.date | None = None


@dataclass(frozen=True)
class Incoming:
    """A row of the list being imported, as the matcher needs it."""

    row: int
    state: str
    agency: str  # canonical
    model: Model287g
    signed_on: dt.date | None


@dataclass
class Plan:
    """How each incoming row maps to a known agreement (or to a new one)."""

    matches: dict[int, tuple[int, str]] = field(default_factory=dict)  # row -> (id, how)
    doubtful: dict[int, list[int]] = field(default_factory=dict)  # row -> candidate ids

    def how(self, row: int) -> str:
        """`exact`, `redated`, `renamed`, `relabelled`, `activated`, or `new`."""
        return self.matches[row][1] if row in self.matches else "new"


Key = Callable[[object], Hashable]


def _unique_pairs(
    rows: Iterable[Incoming],
    known: Iterable[Known],
    fits: Callable[[Incoming, Known], bool],
    bucket: Callable[[Incoming | Known], Hashable],
) -> list[tuple[Incoming, Known]]:
    """Pairs (row, agreement) where each is the other's only fit within its bucket."""
    by_bucket: dict[Hashable, list[Known]] = defaultdict(list)
    for agreement in known:
        by_bucket[bucket(agreement)].append(agreement)
    row_fits = {row.row: [k for k in by_bucket[bucket(row)] if fits(row, k)] for row in rows}
    known_fits: dict[int, list[int]] = defaultdict(list)
    for row_number, candidates in row_fits.items():
        for candidate in candidates:
            known_fits[candidate.id].append(row_number)
    by_row = {row.row: row for row in rows}
    return [
        (by_row[row_number], candidates[0])
        for row_number, candidates in row_fits.items()
        if len(candidates) == 1 and len(known_fits[candidates[0].id]) == 1
    ]


def _exact_pairs(rows: list[Incoming], known: list[Known]) -> list[tuple[Incoming, Known]]:
    """Same state, agency, model and date; duplicates pair off in order."""
    pool: dict[Hashable, list[Known]] = defaultdict(list)
    for agreement in known:
        pool[(agreement.state, agreement.agency, agreement.model, agreement.signed_on)].append(
            agreement
        )
    pairs = []
    for row in rows:
        candidates = pool.get((row.state, row.agency, row.model, row.signed_on))
        if candidates:
            pairs.append((row, candidates.pop(0)))
    return pairs


def _redated(row: Incoming, known: Known) -> bool:
    if row.agency != known.agency or row.model != known.model:
        return False
    if row.signed_on is None or known.signed_on is None:
        return False
    return abs((row.signed_on - known.signed_on).days) <= REDATE_DAYS


_AGENCY_WORDS = frozenset(
    [
        "police",
        "department",
        "sheriff",
        "office",
        "county",
        "parish",
        "corrections",
        "correctional",
        "jail",
        "detention",
        "center",
        "constable",
        "marshal",
        "public",
        "safety",
        "division",
        "services",
        "service",
        "regional",
        "district",
        "authority",
        "bureau",
        "unit",
        "state",
        "patrol",
    ]
)


def similar_agency(a: str, b: str) -> bool:
    """Names close enough to be one agency with a typo fixed or a word changed.

    The words that say what kind of agency it is must agree; the rest (the place's name)
    must be nearly the same: `Berrian`/`Berrien` are, `Largo`/`Margate` are not, though
    both end in "Police Department".
    """
    if a == b:
        return True
    kind_a = {w for w in a.split() if w in _AGENCY_WORDS}
    kind_b = {w for w in b.split() if w in _AGENCY_WORDS}
    name_a = " ".join(w for w in a.split() if w not in _AGENCY_WORDS)
    name_b = " ".join(w for w in b.split() if w not in _AGENCY_WORDS)
    if kind_a != kind_b or not name_a or not name_b:
        return False
    return SequenceMatcher(None, name_a, name_b).ratio() >= SIMILAR


def _renamed(row: Incoming, known: Known) -> bool:
    return (
        row.model == known.model
        and row.signed_on == known.signed_on
        and similar_agency(row.agency, known.agency)
    )


def _relabelled(row: Incoming, known: Known) -> bool:
    return (
        row.agency == known.agency
        and row.signed_on is not None
        and row.signed_on == known.signed_on
        and row.model != known.model
    )


def _activated(row: Incoming, known: Known) -> bool:
    return row.model == known.model and similar_agency(row.agency, known.agency)


def _state(item: Incoming | Known) -> Hashable:
    return item.state


PASSES: tuple[tuple[str, Callable[[Incoming, Known], bool]], ...] = (
    ("redated", _redated),
    ("renamed", _renamed),
    ("relabelled", _relabelled),
)


def plan_matches(
    rows: list[Incoming], known: list[Known], list_kind: str, as_of: dt.date | None = None
) -> Plan:
    """Match the rows of a `list_kind` list to known agreements, pass by pass.

    A pending agreement becomes active only on a participating list newer than the last
    pending list it was on: on lists of one date, pending and participating are two things.
    """
    plan = Plan()
    same_kind = [k for k in known if k.list_kind == list_kind]
    open_rows, open_known = list(rows), list(same_kind)
    passes: list[tuple[str, Callable[[Incoming, Known], bool] | None]] = [("exact", None)]
    passes += list(PASSES)
    if list_kind == "participating":
        passes.append(("activated", _activated))
    for how, fits in passes:
        if how == "exact":
            pairs = _exact_pairs(open_rows, open_known)
        elif how == "activated":
            pending = [
                k
                for k in known
                if k.list_kind == "pending"
                and (as_of is None or k.last_seen is None or k.last_seen < as_of)
            ]
            pairs = _unique_pairs(open_rows, pending, _activated, _state)
        else:
            assert fits is not None
            pairs = _unique_pairs(open_rows, open_known, fits, _state)
        for row, agreement in pairs:
            plan.matches[row.row] = (agreement.id, how)
        matched_rows = {row.row for row, _ in pairs}
        matched_known = {agreement.id for _, agreement in pairs}
        open_rows = [r for r in open_rows if r.row not in matched_rows]
        open_known = [k for k in open_known if k.id not in matched_known]
    plan.doubtful = _doubtful(open_rows, open_known)
    return plan


def _doubtful(rows: list[Incoming], known: list[Known]) -> dict[int, list[int]]:
    """Unmatched rows that several unmatched agreements could be: a person decides."""
    doubtful = {}
    for row in rows:
        candidates = [
            k.id
            for k in known
            if k.state == row.state
            and similar_agency(row.agency, k.agency)
            and (k.model == row.model or k.signed_on == row.signed_on)
        ]
        if candidates:
            doubtful[row.row] = candidates
    return doubtful
