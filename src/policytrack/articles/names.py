"""People named in a report: full names as printed, the title before them, and surnames."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from policytrack.articles.document import Document
from policytrack.articles.sentences import Sentence

# Titles that introduce a person, longest first; the group says what kind of role it is.
TITLE_WORDS: dict[str, str] = {
    "commissioner": "member", "commissioners": "member", "councilman": "member",
    "councilwoman": "member", "councilmember": "member", "council member": "member",
    "council members": "member", "councilor": "member", "councilors": "member",
    "councillor": "member", "councilors-at-large": "member", "councilor-at-large": "member",
    "councilwomen": "member", "councilmen": "member", "supervisor": "member",
    "supervisors": "member", "alderman": "member", "alderwoman": "member", "ald.": "member",
    "alds.": "member", "alder": "member", "trustee": "member", "selectman": "member",
    "board member": "member", "trustees": "member", "selectmen": "member",
    "aldermen": "member", "alderpersons": "member", "legislator": "legislator",
    "legislators": "legislator", "senators": "legislator", "delegates": "legislator",
    "representatives": "legislator", "freeholder": "member", "freeholders": "member",
    "board members": "member", "vice mayor": "mayor",
    "deputy mayor": "mayor", "mayor": "mayor", "county mayor": "mayor", "chair": "chair",
    "chairman": "chair", "chairwoman": "chair", "commission chair": "chair",
    "board chairman": "chair", "vice chairman": "chair", "council vice president": "chair",
    "council president": "chair", "president": "chair", "sheriff": "sheriff",
    "police chief": "police", "chief": "police", "corrections chief": "police",
    "officer": "police", "gov.": "governor", "governor": "governor",
    "attorney general": "attorney_general", "city attorney": "attorney",
    "county attorney": "attorney", "county solicitor": "attorney", "solicitor": "attorney",
    "city manager": "manager", "county manager": "manager", "city administrator": "manager",
    "county executive": "executive", "sen.": "legislator", "senator": "legislator",
    "rep.": "legislator", "representative": "legislator", "del.": "legislator",
    "delegate": "legislator", "congressman": "legislator", "congresswoman": "legislator",
    "state rep.": "legislator", "mr.": "person", "mrs.": "person", "ms.": "person",
    "dr.": "person",
    # County bodies under other names: Louisiana police juries, Arkansas quorum courts,
    # Kentucky fiscal courts, Texas commissioners courts (the county judge presides and votes).
    "juror": "member", "jurors": "member", "police juror": "member", "police jurors": "member",
    "justice of the peace": "member", "justices of the peace": "member", "magistrate": "member",
    "magistrates": "member", "members": "member", "county legislator": "member",
    "county judge": "chair", "judge-executive": "chair", "county judge-executive": "chair",
    "presiding commissioner": "chair", "village president": "chair", "vice chair": "chair",
    "board president": "chair", "first selectman": "member", "sens.": "legislator",
    # Officers who run the jail or the police (they sign and operate the agreements).
    "police commissioner": "police", "jailer": "sheriff", "county jailer": "sheriff",
    "undersheriff": "sheriff", "deputy chief": "police", "sgt.": "police", "sergeant": "police",
    "lt.": "police", "lieutenant": "police", "capt.": "police", "captain": "police",
    "corrections director": "corrections", "jail administrator": "corrections",
    "jail director": "corrections", "warden": "corrections",
    "district attorney": "attorney", "prosecutor": "attorney", "state's attorney": "attorney",
    "borough solicitor": "attorney", "town attorney": "attorney", "village attorney": "attorney",
    "town manager": "manager", "village manager": "manager", "borough manager": "manager",
    "administrator": "manager",
    # Faith leaders speak for a congregation, not a government.
    "rev.": "faith", "the rev.": "faith", "reverend": "faith", "pastor": "faith",
    "deacon": "faith", "rabbi": "faith", "imam": "faith", "bishop": "faith",
}  # fmt: skip
# Titles that introduce several people at once: 'Supervisors Ann Lee and Bo Park'.
PLURAL_TITLES = frozenset(
    t
    for t, role in TITLE_WORDS.items()
    if role != "person" and (t.endswith(("s", "men", "s.")) or t.startswith("justices"))
)
_TITLE_ALT = "|".join(
    re.escape(t).replace(r"\ ", r"\s+") for t in sorted(TITLE_WORDS, key=len, reverse=True)
)
TITLE = rf"(?:(?:District|Precinct)\s+\d+\s+)?(?:(?:Democratic|Republican|GOP)\s+)?(?:{_TITLE_ALT})"
# Capitals and letters of any Latin alphabet: 'Albarrán' and 'Castañeda' are whole names.
UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_PART = rf"(?:[{UPPER}](?:[^\W\d_]|['’\-])+|[{UPPER}]\.|[“\"‘'][{UPPER}][^\W\d_]+[”\"’'])"
NAME = rf"{_NAME_PART}(?:\s+{_NAME_PART}){{0,3}}(?:,?\s+(?:Jr\.|Sr\.|Jr|Sr|II|III|IV)\b)?"
TITLED_NAME = re.compile(rf"\b(?P<title>(?i:{TITLE}))\s+(?P<name>{NAME})")
# 'Sen. Ann Lee, D-Orangeburg,': party and home district, never a name.
_PARTY_TAG = re.compile(rf"\b[DRI]-[{UPPER}][\w’'.]*(?:\s+[{UPPER}][\w’'.]*)?")
_SAID_AFTER = re.compile(rf"\b(?:said|says|added|explained|told|wrote|stated)\s+(?P<name>{NAME})")
_ACTED_BEFORE = re.compile(
    rf"(?P<name>{NAME})\s+(?:introduced|moved|sponsored|co-sponsored|seconded|wrote)\b"
)
_SAID_BEFORE = re.compile(
    rf"(?P<name>{NAME}),?\s+(?:said|says|added|explained|told|wrote|urged|argued|warned|"
    rf"criticized|praised|asked|called)\b"
)
# 'the police chief, Sean Lee, entered …'; 'Ann Lee, of the Build Project, criticized …'
_TITLE_BEFORE = re.compile(rf"\b(?P<title>(?i:{TITLE})),\s+(?P<name>{NAME})(?=,)")
_OF_GROUP = re.compile(rf"(?P<name>{NAME}),\s+of\s+(?:the\s+)?[{UPPER}][^,.;]{{2,60}},")

NOT_NAMES = frozenset(
    re.split(
        r"\s+",
        """the a an this that these those it its he she they we i our their his her city county
    council commission commissioners board police department sheriff office state federal
    u.s. us ice dhs immigration customs enforcement democratic republican democrats
    republicans gop monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december while but and or
    however after before during when since also both all some many other others several
    residents supporters opponents critics president governor mayor chief trump department's
    house senate program agreement resolution motion ordinance court school news fox cbs nbc
    abc wlrn kera wusf local staff officials members member every each democrat republican
    independent jurors juror justice""".strip(),
    )
)


_NOT_LAST_NAMES = frozenset(
    re.split(
        r"\s+",
        """city county town village parish borough township state department office association
    coalition network project alliance union committee council commission board court jury
    house senate legislature center foundation""",
    )
)


@dataclass(frozen=True)
class Person:
    """A person as the report names them."""

    name: str
    surname: str
    role: str | None
    title: str | None
    sentence: Sentence


def fold(text: str) -> str:
    """Lower-case ASCII letters only ('Quiñones' → 'quinones', 'O’Brien' → 'obrien')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_text.lower())


def surname(name: str) -> str:
    """The folded last name: nicknames, initials and Jr./Sr. left out."""
    name = re.sub(r"[“\"‘'][^“\"”’']+[”\"’']", " ", name)
    tokens = [t for t in re.split(r"[\s,]+", name) if t]
    tokens = [t for t in tokens if fold(t) not in {"jr", "sr", "ii", "iii", "iv"}]
    return fold(tokens[-1]) if tokens else ""


def clean_name(raw: str) -> str | None:
    """A printed name without leading non-name words; None when nothing name-like is left."""
    tokens = re.sub(r"['’]s$", "", raw.strip()).split()  # 'Ray Quinn’s plan'
    while tokens and fold(tokens[0]) in NOT_NAMES | {fold(t) for t in TITLE_WORDS}:
        tokens = tokens[1:]
    if tokens and fold(tokens[-1]) in _NOT_LAST_NAMES:
        return None  # 'The Ames City Council', 'Rights Project': a body or a group
    kept = len(tokens)
    while tokens and fold(tokens[-1]) in NOT_NAMES:
        tokens = tokens[:-1]
    if len(tokens) == 1 and kept > 1:
        return None  # 'President Donald Trump’s': a first name left alone is nobody's name
    if not tokens or all(len(t.rstrip(".")) <= 1 for t in tokens):
        return None
    if len(tokens) > 1 and all(t.isupper() for t in tokens):
        return None  # a dateline in capitals ('BAY MINETTE —'), not a person
    if fold(tokens[-1]) in _NOT_LAST_NAMES:
        return None  # 'Boise City', 'Rights Project': a place or a group, not a person
    if _PARTY_TAG.fullmatch(tokens[-1]) or _PARTY_TAG.fullmatch(" ".join(tokens)):
        return None
    name = " ".join(tokens).strip(" ,")
    return name if re.match(rf"[{UPPER}]", name) else None


def role_of(title: str) -> str:
    """The role group of a title ('Councilwoman' → 'member')."""
    key = re.sub(
        r"^(?:(?:district|precinct)\s+\d+\s+)?(?:(?:democratic|republican|gop)\s+)?",
        "",
        " ".join(title.lower().split()),
    )
    return TITLE_WORDS.get(key, "person")


class People:
    """Everyone a report names, found by title or by a speech verb, looked up by surname."""

    def __init__(self, doc: Document) -> None:
        """Collect people from every sentence."""
        self.doc = doc
        self._by_surname: dict[str, Person] = {}
        for sentence in doc.sentences:
            for person in _people_in(sentence):
                self._add(person)

    def _add(self, person: Person) -> None:
        known = self._by_surname.get(person.surname)
        if known is None or (
            len(person.name.split()) > len(known.name.split()) and known.role == person.role
        ):
            self._by_surname[person.surname] = (
                person
                if known is None or known.role is None
                else Person(person.name, person.surname, known.role, known.title, known.sentence)
            )
        elif known.role is None and person.role is not None:
            self._by_surname[person.surname] = Person(
                known.name, known.surname, person.role, person.title, known.sentence
            )

    def find(self, raw: str) -> Person | None:
        """The person a printed name (full or surname only) refers to."""
        name = clean_name(raw)
        return self._by_surname.get(surname(name)) if name else None

    def all(self) -> list[Person]:
        """Everyone, in order of first mention."""
        return sorted(self._by_surname.values(), key=lambda p: p.sentence.start)

    def resolve(self, raw: str, sentence: Sentence, surname_alone: bool = False) -> Person | None:
        """A known person, or a new one when the printed name looks like a full name (or,
        in a list of voters, a surname: 'Watson, Bonk and Giraldo voted against')."""
        known = self.find(raw)
        if known is not None:
            return known
        name = clean_name(raw)
        if name is None or (len(name.split()) < 2 and not surname_alone):
            return None
        person = Person(name, surname(name), None, None, sentence)
        self._add(person)
        return person


def _people_in(sentence: Sentence) -> Iterable[Person]:
    yield from _titled_people(sentence)
    text = sentence.text
    quoted = quoted_spans(text)
    for pattern in (_SAID_AFTER, _SAID_BEFORE, _ACTED_BEFORE, _OF_GROUP):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in quoted):
                continue  # 'Tonight Dane County told …' inside a quote names no speaker
            if re.search(r"\bof\s+(?:the\s+)?$", text[: m.start()]):
                continue  # 'the ACLU of South Carolina said': an organisation speaks
            name = clean_name(m.group("name"))
            if name and len(name.split()) >= 2:
                yield Person(name, surname(name), None, None, sentence)


def _titled_people(sentence: Sentence) -> Iterable[Person]:
    """'Supervisors Ann Lee and Bo Park', 'the police chief, Sean Lee,'."""
    text = sentence.text
    for m in TITLED_NAME.finditer(text):
        title = m.group("title")
        names = [m.group("name")]
        if " ".join(title.lower().split()) in PLURAL_TITLES:
            names += coordinated_names(text[m.end() :])
        for raw in names:
            name = clean_name(raw)
            if name:
                yield Person(name, surname(name), role_of(title), title, sentence)
    for m in _TITLE_BEFORE.finditer(text):
        name = clean_name(m.group("name"))
        if name and len(name.split()) >= 2:
            yield Person(name, surname(name), role_of(m.group("title")), m.group("title"), sentence)


_MORE_NAMES = re.compile(
    rf"^(?:\s*\([^)]{{0,30}}\))?(?:\s*,\s*(?:and\s+)?|,?\s+and\s+)(?P<name>{NAME})"
)


def coordinated_names(rest: str) -> list[str]:
    """The names that follow a first one under a plural title: ', B and C' in
    'Supervisors A, B and C'."""
    out = []
    while (m := _MORE_NAMES.match(rest)) is not None:
        out.append(m.group("name"))
        rest = rest[m.end() :]
    return out


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where quotations are in a sentence (curly or straight double quotes)."""
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”?|\"[^\"]*\"?", text)]


def split_names(chunk: str) -> list[str]:
    """Names in a list ('Joe Carollo, Miguel Angel Gabela, and Ralph “Rafael” Rosado')."""
    # 'Worcester Mayor Joseph Petty': the word before a title describes it, it is no name.
    chunk = re.sub(rf"\b[{UPPER}][\w’'-]+\s+(?=(?i:{TITLE})\s+[{UPPER}])", " ", chunk)
    chunk = re.sub(rf"\b{TITLE}(?!\w)", ",", chunk, flags=re.IGNORECASE)
    chunk = re.sub(r"\([^)]*\)", " ", chunk)
    chunk = _PARTY_TAG.sub(" ", chunk)
    parts = re.split(r",|\band\b|—|–|;|\bwith\b", chunk)
    out = []
    for part in parts:
        m = re.search(NAME, part.strip())
        if m is None:
            continue
        name = clean_name(m.group(0))
        if name:
            out.append(name)
    return out
