"""Where the vote happened: the state and the jurisdiction, with the offline gazetteer.

A report about Doral never names Florida; the gazetteer knows there is one Doral. Where a
name fits several states, the states the text names (a dateline, 'South Florida', an
organisation) decide, then other places the text names.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from policytrack.articles.bodies import BodyMention, voting_body
from policytrack.articles.document import Document
from policytrack.articles.sentences import Sentence
from policytrack.geo import Gazetteer, load_gazetteer
from policytrack.geo.gazetteer import default_data_dir, read_rows
from policytrack.geo.normalise import compact

AP_STATES = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT",
    "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "ky": "KY",
    "la": "LA", "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO",
    "mont": "MT", "neb": "NE", "nev": "NV", "n.h": "NH", "n.j": "NJ", "n.m": "NM", "n.y": "NY",
    "n.c": "NC", "n.d": "ND", "okla": "OK", "ore": "OR", "pa": "PA", "r.i": "RI", "s.c": "SC",
    "s.d": "SD", "tenn": "TN", "tex": "TX", "vt": "VT", "va": "VA", "wash": "WA", "w.va": "WV",
    "wis": "WI", "wyo": "WY",
}  # fmt: skip
_ABBREVIATED = {"l.a.": "Los Angeles", "ft.": "Fort", "st.": "Saint", "mt.": "Mount"}
_CAP = r"[A-Z][\w.'’&-]*"
_COUNTY = re.compile(rf"\b((?:{_CAP}\s+){{1,3}}?)(County|Parish)\b")
_CITY_OF = re.compile(rf"\b(?:[Cc]ity|[Tt]own|[Vv]illage) of\s+((?:{_CAP}\s?){{1,3}})")
_CAP_RUN = re.compile(rf"(?<![\w.])((?:{_CAP})(?:\s+(?:{_CAP})){{0,2}})")
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .’'-]{2,}?)(?:,\s*([A-Z][\w.]+\.?|[A-Z]{2}))?\s*(?:\([^)]*\))?\s*[—–-]"
)
_NOT_PLACES = frozenset(
    re.split(
        r"\s+",
        """the a an city county state council commission board police sheriff office department
    ice u.s us federal immigration customs enforcement program agreement mayor governor
    commissioner commissioners chief attorney general democratic republican news president
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december national local public safety village
    town borough township""".strip(),
    )
)


# States where every county is governed by a board of supervisors: a county whose
# commissioners vote is not in one of them ('Orange County commissioners' → not California).
SUPERVISOR_STATES = frozenset({"AZ", "CA", "IA", "MS", "VA", "WI"})


def _not_supervised(w: Where) -> Where:
    if w.kind != "county" or not (w.states - SUPERVISOR_STATES):
        return w
    return Where(w.name, w.kind, w.sentence, w.states - SUPERVISOR_STATES)


# Governing bodies that go by a name only one state uses.
BODY_STATES = {
    "Police Jury": "LA",
    "Quorum Court": "AR",
    "Fiscal Court": "KY",
    "Commissioners Court": "TX",
}


LARGE_CITY = 100_000


@dataclass(frozen=True)
class Where:
    """A jurisdiction the text names: as printed, its kind and the sentence it is in."""

    name: str
    kind: str  # city | county | state
    sentence: Sentence | None
    states: frozenset[str]


@dataclass(frozen=True)
class Located:
    """The vote's state and jurisdiction and the sentences that give them."""

    state: str | None
    state_sentence: Sentence | None
    state_in_text: bool
    jurisdiction: Where | None


class PlaceIndex:
    """Which states a place, county or state name belongs to (offline gazetteer)."""

    def __init__(self, gazetteer: Gazetteer, places_csv: list[dict[str, str]]) -> None:
        """Index names by their compact key."""
        self.gazetteer = gazetteer
        self.states = {compact(s.name): s.code for s in gazetteer.states()}
        self.state_names = {s.code: s.name for s in gazetteer.states()}
        self.counties: dict[str, set[str]] = defaultdict(set)
        for county in gazetteer.counties():
            base = re.sub(
                r"\s+(County|Parish|Borough|city|Municipio|Census Area)$", "", county.name
            )
            self.counties[compact(base)].add(county.state)
        self.places: dict[str, set[str]] = defaultdict(set)
        for row in places_csv:
            self.places[compact(row["name"])].add(row["state"])
        # Rows run from the most populous down, so the first state of a name is its largest.
        self.populations: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for row in read_rows(Path(__file__).with_name("data") / "town_populations.csv"):
            self.populations[compact(row["name"])].append((row["state"], int(row["population"])))
        self.large = {
            name: towns[0][0]
            for name, towns in self.populations.items()
            if towns[0][1] >= LARGE_CITY
        }

    def prominent_state(self, name: str) -> tuple[str, float] | None:
        """The state of the most populous place of this name, with how much that says: a
        large city (100,000+) says more than a town twice the size of its namesakes."""
        towns = self.populations.get(compact(expand(name)), [])
        if not towns:
            return None
        state, people = towns[0]
        if people >= LARGE_CITY:
            return state, 3.0
        if len(towns) == 1 or people >= 2 * towns[1][1]:
            return state, 1.0
        return state, 0.5  # barely the largest: enough to break a tie, no more

    def place_states(self, name: str) -> frozenset[str]:
        """States with a city or town of this name."""
        return frozenset(self.places.get(compact(expand(name)), ()))

    def county_states(self, name: str) -> frozenset[str]:
        """States with a county of this name (without 'County')."""
        return frozenset(self.counties.get(compact(expand(name)), ()))

    def state_code(self, name: str) -> str | None:
        """Two-letter code of a state named in full."""
        return self.states.get(compact(name))


@functools.cache
def place_index() -> PlaceIndex:
    """The index over the project's gazetteer (built once per process)."""
    rows = read_rows(default_data_dir() / "geo" / "places.csv")
    return PlaceIndex(load_gazetteer(), rows)


def expand(name: str) -> str:
    """'L.A.' → 'Los Angeles', 'Ft. Myers' → 'Fort Myers'."""
    for short, full in _ABBREVIATED.items():
        name = re.sub(rf"(?<!\w){re.escape(short)}", full, name, flags=re.IGNORECASE)
    return " ".join(name.split())


def state_votes(doc: Document, index: PlaceIndex) -> tuple[Counter[str], dict[str, Sentence]]:
    """How often the text names each state (names, datelines, 'Fla.', ', TX') and where."""
    votes: Counter[str] = Counter()
    where: dict[str, Sentence] = {}
    names = "|".join(
        sorted((re.escape(n) for n in index.state_names.values()), key=len, reverse=True)
    )
    pattern = re.compile(
        rf"\b({names})\b|,\s*([A-Z][A-Za-z]{{1,4}}\.|[A-Z]\.[A-Z]\.|[A-Z]{{2}})(?=[\s,—–-]|$)"
    )
    for s in doc.body:
        for m in pattern.finditer(s.text):
            code = _state_of(m, index)
            if code and not _is_washington_dc(s.text, m):
                votes[code] += 1
                where.setdefault(code, s)
    return votes, where


def _state_of(m: re.Match[str], index: PlaceIndex) -> str | None:
    if m.group(1):
        return index.state_code(m.group(1))
    token = m.group(2).rstrip(".").lower()
    if token.upper() in index.state_names and len(token) == 2 and m.group(2).isupper():
        return token.upper()
    return AP_STATES.get(token)


def _is_washington_dc(text: str, m: re.Match[str]) -> bool:
    after = text[m.end() : m.end() + 8]
    return m.group(1) == "Washington" and bool(re.match(r"(,? D\.?C\.?| Post| County)", after))


def named_places(doc: Document, index: PlaceIndex) -> list[Where]:
    """Counties, 'City of X', datelines and known town names, in text order."""
    out: list[Where] = []
    for s in doc.body:
        out += _counties_in(s, index)
        out += _cities_in(s, index)
    return sorted(out, key=lambda w: w.sentence.start if w.sentence else 0)


def _counties_in(s: Sentence, index: PlaceIndex) -> list[Where]:
    out = []
    for m in _COUNTY.finditer(s.text):
        words = [w for w in m.group(1).split() if w.lower() not in _NOT_PLACES]
        for n in range(len(words)):  # 'Democratic Orange County' → try shorter prefixes
            name = " ".join(words[n:])
            states = index.county_states(name.split("-")[0])
            if states:
                out.append(Where(f"{expand(name)} {m.group(2)}", "county", s, states))
                break
    return out


def _cities_in(s: Sentence, index: PlaceIndex) -> list[Where]:
    out = []
    runs = [m for m in _CAP_RUN.finditer(s.text) if _place_context(s.text, m)]
    for m in (*_CITY_OF.finditer(s.text), *runs):
        name = _trim_place(m.group(1))
        if not name or re.match(r"\s*(County|Parish)\b", s.text[m.end() :]):
            continue
        if re.search(r"\b(?:County|Parish)\b", m.group(1)):
            continue  # 'Nassau County', 'Sevier County Sheriff': the county, not a town
        states = index.place_states(name)
        if states:
            out.append(Where(expand(name), "city", s, states))
    return out


_BEFORE_PLACE = re.compile(r"\b(?:in|of|for|from|near|across|at)\s+(?:the\s+)?$")
_AFTER_PLACE = re.compile(
    r"^(?:[’']s\b|,\s+(?:a|the)\s+city|\s+(?:City|Town|Village|Police|Mayor|Vice|Deputy|"
    r"[Cc]ity\b|[Cc]ouncil|[Cc]ommission|[Cc]ommissioners|officials|residents|leaders|police|"
    r"mayor|voters|joins?|became|has|is|will|approves?|votes?|voted|passes|reverses))"
)


def _place_context(text: str, m: re.Match[str]) -> bool:
    """A capitalised run is read as a place only where places are written: 'in Doral',
    'Doral’s', 'Doral City Council', 'Doral joins …' — not every capitalised word."""
    if _BEFORE_PLACE.search(text[max(0, m.start() - 12) : m.start()]):
        return True
    if re.search(r"\s(?:Police|City|Town|Mayor|Commission|Council|Sheriff)\b", m.group(1)):
        return True
    return bool(_AFTER_PLACE.match(text[m.end() : m.end() + 20]))


def _trim_place(raw: str) -> str:
    words = [w.strip(".,’'") for w in raw.replace("’s", "").replace("'s", "").split()]
    if any(w.lower() in ("hall", "center", "centre", "building", "courthouse") for w in words):
        return ""  # City Hall, a civic center: buildings, not places
    while words and words[0].lower() in _NOT_PLACES:
        words = words[1:]
    while words and words[-1].lower() in _NOT_PLACES:
        words = words[:-1]
    return " ".join(words)


def body_owner(body: BodyMention, index: PlaceIndex, text: str = "") -> Where | None:
    """The jurisdiction printed just before a body ('Miami City Commission', "Georgia's House");
    'Pender commissioners' is Pender County when the text also says 'Pender County'."""
    before = body.sentence.text[max(0, body.start - 60) : body.start]
    m = re.search(rf"((?:{_CAP}\s+){{1,4}})$", before.replace("’s ", " ").replace("'s ", " "))
    if m is None:
        return None
    words = [w for w in m.group(1).split() if w.lower() not in _NOT_OWNER]
    kind = "city"
    if re.match(r"(?:county|parish)\b", body.text, re.I) or (
        words and words[-1].lower() in ("county", "parish")
    ):
        kind = "county"
    printed = re.match(r"(City|Town|Village)\b", body.text)
    words = [w for w in words if w.lower() not in ("county", "parish", "city", "town", "village")]
    if kind == "city" and words and re.search(rf"\b{re.escape(' '.join(words))} County\b", text):
        kind = "county"
    found = _owner_from_words(words, kind, body, index)
    if kind == "city" and printed is not None and words:
        # 'Dodge City Commission': the kind word may be the name's own — when the text
        # writes that name elsewhere too ('DODGE CITY, Kan.'), or no shorter place fits.
        for n in range(len(words)):
            name = " ".join([*words[n:], printed.group(1)])
            states = index.place_states(name)
            elsewhere = re.search(
                rf"\b{re.escape(name)}\b(?!\s+(?:Council|Commission|Board|Hall|Manager))",
                text,
                re.IGNORECASE,
            )
            if states and (found is None or elsewhere):
                return Where(expand(name), "city", body.sentence, states)
    if found is None and kind == "city" and words and _MUNICIPAL_BODY.match(body.text):
        # 'Clarkstown Town Board': a town the gazetteer lacks is still the town that voted;
        # its state comes from the text's other cues.
        return Where(expand(" ".join(words)), "city", body.sentence, frozenset())
    return found


_MUNICIPAL_BODY = re.compile(r"(?:Town|Village|Borough|Township)\s+(?:Board|Council)\b")


_NOT_OWNER = frozenset({"the", "a", "joint", "democratic", "republican", "gop"})


def _owner_from_words(
    words: list[str], kind: str, body: BodyMention, index: PlaceIndex
) -> Where | None:
    for n in range(len(words)):
        name = " ".join(words[n:])
        if kind == "county":
            states = index.county_states(name.split("-")[0])
            if states:
                printed = re.search(r"\bParish\b", body.sentence.text[: body.start + 20])
                noun = "Parish" if printed and "LA" in states else "County"
                return Where(
                    f"{expand(name.split('-')[0])} {noun}", "county", body.sentence, states
                )
            continue
        code = index.state_code(name)
        if code is not None and body.kind == "state":
            return Where(index.state_names[code], "state", body.sentence, frozenset({code}))
        states = index.place_states(name)
        if states and body.kind != "state":
            return Where(expand(name), "city", body.sentence, states)
    return None


def dateline_place(doc: Document, index: PlaceIndex) -> Where | None:
    """'KEY WEST, Fla. —', 'PENDER COUNTY —': the place a report is filed from."""
    for s in doc.body[:6]:
        m = _DATELINE.match(s.text)
        if m is None:
            continue
        words = m.group(1).title().split()
        for n in range(len(words)):
            found = _dateline_words(words[n:], s, index)
            if found is not None:
                return found
    return None


def _dateline_words(words: list[str], s: Sentence, index: PlaceIndex) -> Where | None:
    name = " ".join(words)
    if words and words[-1] == "County":
        states = index.county_states(" ".join(words[:-1]))
        return Where(name, "county", s, states) if states else None
    states = index.place_states(name)
    return Where(name, "city", s, states) if states else None


def locate(doc: Document, url: str | None = None) -> Located:
    """The state and the jurisdiction of the vote the document reports."""
    index = place_index()
    votes, where = state_votes(doc, index)
    body = voting_body(doc)
    owner = body_owner(body, index, doc.text) if body is not None else None
    places = named_places(doc, index)
    dateline = dateline_place(doc, index)
    candidates = [w for w in (owner, dateline) if w is not None] + places
    if body is not None and "Commission" in body.name:
        candidates = [_not_supervised(w) for w in candidates]
    if body is not None and body.name in BODY_STATES:
        votes[BODY_STATES[body.name]] += 1  # a body only one state has: 'Quorum Court' → AR
    state = _choose_state(votes, candidates, url or "", index)
    jurisdiction = _choose_jurisdiction(owner, dateline, places, state, doc)
    if body is not None and body.kind == "state" and state:
        # A chamber (or a chamber's committee) votes for its state, wherever the report is
        # filed from.
        # A chamber votes for its state, wherever the report is filed from.
        jurisdiction = Where(index.state_names[state], "state", body.sentence, frozenset({state}))
    if body is not None and body.name == "School Board" and state:
        # A school board governs its district, not the town: 'Durham Public Schools'
        district = _school_district(doc, state)
        jurisdiction = district or jurisdiction
    sentence = where.get(state) if state else None
    if sentence is None and jurisdiction is not None:
        sentence = jurisdiction.sentence
    return Located(state, sentence, state in where, jurisdiction)


_DISTRICT = re.compile(
    r"\b((?:[A-Z][\w.'’-]*\s+){1,4}?(?:Public\s+Schools|(?:Independent\s+|Unified\s+|City\s+|"
    r"Area\s+)?School\s+District|County\s+Schools|City\s+Schools|ISD))\b"
)


def _school_district(doc: Document, state: str) -> Where | None:
    """The school district a text names first ('Durham Public Schools', 'Aldine ISD')."""
    for s in doc.body:
        m = _DISTRICT.search(s.text)
        if m is not None:
            name = re.sub(r"^(?:The|A|In|At)\s+", "", " ".join(m.group(1).split()))
            return Where(name, "school_district", s, frozenset({state}))
    return None


def _choose_state(
    votes: Counter[str], candidates: list[Where], url: str, index: PlaceIndex
) -> str | None:
    score: dict[str, float] = defaultdict(float)
    for code, n in votes.items():
        score[code] += 3 * n
    for rank, w in enumerate(c for c in candidates[:12] if c.states):
        weight = 8 if rank == 0 else 2
        share = weight / len(w.states) if len(w.states) <= 3 else 0.5 / len(w.states)
        for code in sorted(w.states):  # sorted: the same answer in every process
            score[code] += share
    _prominence(score, candidates, index)
    _host_hint(score, url, index)
    for code, name in index.state_names.items():
        if re.search(
            rf"\b{re.escape(name.lower())}\b", url.lower().replace("-", " ").replace("/", " ")
        ):
            score[code] += 2
    return max(sorted(score), key=lambda code: score[code]) if score else None


def _prominence(score: dict[str, float], candidates: list[Where], index: PlaceIndex) -> None:
    """A city in several states is, other things equal, the large one ('Miami', 'Dallas')."""
    seen: set[str] = set()
    for w in candidates[:3]:
        if w.kind != "city" or compact(w.name) in seen:
            continue  # once per name, however often it is printed
        seen.add(compact(w.name))
        found = index.prominent_state(w.name)
        if found is not None and found[0] in w.states:
            score[found[0]] += found[1]


def _host_hint(score: dict[str, float], url: str, index: PlaceIndex) -> None:
    """A large city in the news site's name ('toledoblade', 'miaminewtimes')."""
    host = re.sub(r"^https?://(?:www\.)?", "", url.lower()).split("/")[0]
    label = host.split(".")[-2] if "." in host else host
    for key, state in index.large.items():
        if len(key) >= 5 and key in label:
            score[state] += 1.5
            return


def _choose_jurisdiction(
    owner: Where | None,
    dateline: Where | None,
    places: list[Where],
    state: str | None,
    doc: Document,
) -> Where | None:
    """The body's own place when printed; else the place the report is most about: named
    early, in the sentences that tell the vote, and in its first sentence."""
    if owner is not None and (state is None or not owner.states or state in owner.states):
        return owner
    body = voting_body(doc)
    want = {"county"} if body is not None and body.kind == "county" else {"city", "county"}
    if (
        body is not None
        and body.kind == "place"
        and any(
            p.kind == "city" and (state is None or state in p.states)
            for p in [*places, dateline]
            if p is not None
        )
    ):
        want = {"city"}  # a village board or city commission is the town's, not its county's
    weights: dict[tuple[str, str], float] = defaultdict(float)
    first: dict[tuple[str, str], Where] = {}
    told = {s.index for s in doc.vote_sentences}
    opening = doc.body[0].index if doc.body else -1
    seen: set[tuple[str, int]] = set()
    for rank, w in enumerate(p for p in [*places, dateline] if p is not None):
        if (state is not None and state not in w.states) or w.kind not in want:
            continue
        once = (compact(w.name), w.sentence.index if w.sentence else -1)
        if once in seen:
            continue  # 'the City of Fort Myers' is one mention, however it is matched
        seen.add(once)
        key = (compact(w.name), w.kind)
        index = w.sentence.index if w.sentence else -1
        weights[key] += 1 + 2 * (rank < 3) + 2 * (index in told) + 6 * (index == opening)
        first.setdefault(key, w)
    return first[max(weights, key=lambda k: weights[k])] if weights else None
