"""Which row of a new official list is which agreement we already know.

ICE's lists carry no ids: between lists it renames agencies, fixes typos, corrects signing
dates by days and relabels models. Rows are matched to known agreements in passes from the
strictest to the loosest; a pass merges only where the evidence leaves one reading (one
candidate each way). The last pass looks past the name: ICE re-lists an agreement under
another agency of the same place (a sheriff's agreement under the county's commissioners, a
university's trustees under its police department, "Police Department" → "Police Services
Department"), so a row and an agreement both left unmatched are one agreement when they are
the only ones of their state, place, model and signing date. Rows that fit several
agreements become new agreements and are listed as doubtful for a person to review. Pure
functions: no database here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from policytrack.vocab import Model287g

REDATE_DAYS = 45  # ICE corrects signing dates by days, not months
SIMILAR = 85  # place names in agency names this alike (rapidfuzz ratio) may be one place
CLOSE = 90  # among several agreements of one place, model and date: a name this alike is it

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
    place: str | None = None  # the agency's jurisdiction (OCD id), None when not placed


@dataclass(frozen=True)
class Incoming:
    """A row of the list being imported, as the matcher needs it."""

    row: int
    state: str
    agency: str  # canonical
    model: Model287g
    signed_on: dt.date | None
    place: str | None = None  # the agency's jurisdiction (OCD id), None when not placed


@dataclass
class Plan:
    """How each incoming row maps to a known agreement (or to a new one)."""

    matches: dict[int, tuple[int, str]] = field(default_factory=dict)  # row -> (id, how)
    doubtful: dict[int, list[int]] = field(default_factory=dict)  # row -> candidate ids

    def how(self, row: int) -> str:
        """`exact`, `redated`, `renamed`, `relabelled`, `relisted`, `activated`, or `new`."""
        return self.matches[row][1] if row in self.matches else "new"


Key = Callable[[object], Hashable]


def _unique_pairs(
    rows: Iterable[Incoming],
    known: Iterable[Known],
    fits: Callable[[Incoming, Known], bool],
    bucket: Callable[[Incoming | Known], Hashable],
) -> list[tuple[Incoming, Known]]:
    """Pairs (row, agreement) where each is the other's only fit within its bucket."""
    # Hand-written: rapidfuzz scores strings, while "fits" here also weighs models, dates and
    # places, and "only" must hold both ways (the row's only agreement and its only row).
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
# Who signs for an agency besides the agency itself: ICE lists some agreements under them.
_SIGNATORY_WORDS = frozenset(["board", "trustees", "commissioners", "commission", "bocc"])


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
    return fuzz.ratio(name_a, name_b) >= SIMILAR


def proper_name(agency: str) -> str:
    """What names this agency among others of its place: a canonical name without the words
    that say what kind of agency or signatory it is (`University of Florida Board of
    Trustees` and `University of Florida Police Department` → `university florida`)."""
    ignored = _AGENCY_WORDS | _SIGNATORY_WORDS
    return " ".join(w for w in agency.split() if w not in ignored)


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


def _listing(item: Incoming | Known) -> Hashable | None:
    """State, place, model and signing date: what a re-listed agreement keeps (None when the
    place or the date is unknown: then nothing says it is the same agreement)."""
    if item.place is None or item.signed_on is None:
        return None
    return (item.state, item.place, item.model, item.signed_on)


def _close(row: Incoming, known: Known) -> bool:
    return fuzz.ratio(proper_name(row.agency), proper_name(known.agency)) >= CLOSE


def _relisted_pairs(rows: list[Incoming], known: list[Known]) -> list[tuple[Incoming, Known]]:
    """Rows and agreements that are the only ones left of their state, place, model and
    date; where several are left, pairs that are each other's only close name."""
    by_listing: dict[Hashable, tuple[list[Incoming], list[Known]]] = defaultdict(lambda: ([], []))
    for row in rows:
        if (listing := _listing(row)) is not None:
            by_listing[listing][0].append(row)
    for agreement in known:
        if (listing := _listing(agreement)) is not None:
            by_listing[listing][1].append(agreement)
    pairs: list[tuple[Incoming, Known]] = []
    for listed_rows, listed_known in by_listing.values():
        if len(listed_rows) == 1 and len(listed_known) == 1:
            pairs.append((listed_rows[0], listed_known[0]))
        elif listed_rows and listed_known:
            pairs += _unique_pairs(listed_rows, listed_known, _close, _state)
    return pairs


PASSES: tuple[tuple[str, Callable[[Incoming, Known], bool]], ...] = (
    ("redated", _redated),
    ("renamed", _renamed),
    ("relabelled", _relabelled),
)
Pairing = Callable[[list[Incoming], list[Known]], list[tuple[Incoming, Known]]]


def plan_matches(
    rows: list[Incoming], known: list[Known], list_kind: str, as_of: dt.date | None = None
) -> Plan:
    """Match the rows of a `list_kind` list to known agreements, pass by pass.

    A pending agreement becomes active only on a participating list newer than the last
    pending list it was on: on lists of one date, pending and participating are two things.
    """
    plan = Plan()
    open_rows = list(rows)
    open_known = [k for k in known if k.list_kind == list_kind]
    for how, pairing in _passes(known, list_kind, as_of):
        pairs = pairing(open_rows, open_known)
        for row, agreement in pairs:
            plan.matches[row.row] = (agreement.id, how)
        matched_rows = {row.row for row, _ in pairs}
        matched_known = {agreement.id for _, agreement in pairs}
        open_rows = [r for r in open_rows if r.row not in matched_rows]
        open_known = [k for k in open_known if k.id not in matched_known]
    plan.doubtful = _doubtful(open_rows, open_known)
    return plan


def _passes(known: list[Known], list_kind: str, as_of: dt.date | None) -> list[tuple[str, Pairing]]:
    """The passes in order, strictest first; each pairs what the earlier ones left open."""

    def by(fits: Callable[[Incoming, Known], bool]) -> Pairing:
        return lambda rows, agreements: _unique_pairs(rows, agreements, fits, _state)

    passes: list[tuple[str, Pairing]] = [("exact", _exact_pairs)]
    passes += [(how, by(fits)) for how, fits in PASSES]
    passes.append(("relisted", _relisted_pairs))
    if list_kind == "participating":
        pending = [
            k
            for k in known
            if k.list_kind == "pending"
            and (as_of is None or k.last_seen is None or k.last_seen < as_of)
        ]
        passes.append(
            ("activated", lambda rows, _: _unique_pairs(rows, pending, _activated, _state))
        )
    return passes


def _doubtful(rows: list[Incoming], known: list[Known]) -> dict[int, list[int]]:
    """Unmatched rows that several unmatched agreements could be (a similar name, or the same
    state, place, model and date): a person decides."""
    doubtful = {}
    for row in rows:
        candidates = [
            k.id
            for k in known
            if k.state == row.state
            and (
                (
                    similar_agency(row.agency, k.agency)
                    and (k.model == row.model or k.signed_on == row.signed_on)
                )
                or (_listing(row) is not None and _listing(row) == _listing(k))
            )
        ]
        if candidates:
            doubtful[row.row] = candidates
    return doubtful
