"""People's names as printed in roll calls and positions, read into the parts that tell two
printings of one person apart (pure functions).

"Ralph “Rafael” Rosado", "Commissioner Rosado", "Michael D. Antonovich", "Frank Conaway Jr."
and "Kelly Martinez Semrad" are read as a last name and the first names a person goes by;
titles, middle names and initials, and suffixes do not tell people apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Titles printed before a name (folded, longest first so "vice mayor" wins over "mayor").
TITLES = tuple(
    sorted(
        (
            "commissioner", "county commissioner", "council member", "councilmember",
            "councilman", "councilwoman", "councillor", "councilor", "alderman",
            "alderwoman", "alder", "mayor", "vice mayor", "deputy mayor", "sheriff",
            "supervisor", "judge", "county judge", "delegate", "del", "representative",
            "rep", "state rep", "senator", "sen", "state sen", "governor", "gov",
            "attorney general", "chair", "chairman", "chairwoman", "vice chair",
            "president", "trustee", "dr", "mr", "mrs", "ms", "hon", "the honorable",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "esq", "phd", "md"})
# Common English short forms of first names (both directions are read).
NICKNAMES: dict[str, frozenset[str]] = {
    "robert": frozenset({"bob", "bobby", "rob", "robbie", "bert"}),
    "william": frozenset({"bill", "billy", "will", "willie"}),
    "james": frozenset({"jim", "jimmy", "jamie"}),
    "joseph": frozenset({"joe", "joey"}),
    "michael": frozenset({"mike", "mikey"}),
    "richard": frozenset({"rick", "dick", "rich", "richie"}),
    "edward": frozenset({"ed", "eddie", "ted", "ned"}),
    "elizabeth": frozenset({"liz", "beth", "betsy", "betty", "eliza"}),
    "katherine": frozenset({"kate", "kathy", "katie", "kat"}),
    "kathleen": frozenset({"kathy", "kate", "katie"}),
    "margaret": frozenset({"peggy", "maggie", "meg"}),
    "anthony": frozenset({"tony"}),
    "charles": frozenset({"chuck", "charlie"}),
    "john": frozenset({"jack", "johnny"}),
    "thomas": frozenset({"tom", "tommy"}),
    "christopher": frozenset({"chris"}),
    "christine": frozenset({"chris", "christy"}),
    "daniel": frozenset({"dan", "danny"}),
    "david": frozenset({"dave"}),
    "kenneth": frozenset({"ken", "kenny"}),
    "patricia": frozenset({"pat", "patty", "trish"}),
    "patrick": frozenset({"pat"}),
    "samuel": frozenset({"sam", "sammy"}),
    "steven": frozenset({"steve"}),
    "stephen": frozenset({"steve"}),
    "susan": frozenset({"sue", "susie"}),
    "alexander": frozenset({"alex"}),
    "andrew": frozenset({"andy", "drew"}),
    "gregory": frozenset({"greg"}),
    "jeffrey": frozenset({"jeff"}),
    "jennifer": frozenset({"jenny", "jen"}),
    "nicholas": frozenset({"nick"}),
    "timothy": frozenset({"tim"}),
    "donald": frozenset({"don", "donnie", "donie"}),
    "ronald": frozenset({"ron", "ronnie"}),
    "raymond": frozenset({"ray"}),
    "sandra": frozenset({"sandy"}),
    "frederick": frozenset({"fred", "freddie"}),
}
_QUOTED = re.compile(r"[\"“”‘’']([^\"“”‘’']+)[\"“”‘’']")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A printed name read into parts: `last` folded; `firsts` the first names (and quoted
    nicknames) folded, empty when only a title and last name were printed."""

    printed: str
    last: str
    firsts: frozenset[str]

    @property
    def key(self) -> str:
        """Printings with the same key are the same name ("Lissette Cuervo Carey" and
        "Lissette Carey"): first and last name, folded."""
        first = min(self.firsts) if self.firsts else ""
        return f"{first} {self.last}".strip()


def fold(text: str) -> str:
    """Lower case, accents dropped, punctuation other than hyphens and quotes spaced."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace(".", " ").replace(",", " ")


def read_name(printed: str) -> PersonName | None:
    """The parts of a printed name, or None when it holds no name (a title alone)."""
    folded = fold(printed)
    nicknames = {w for q in _QUOTED.findall(folded) for w in _WORD.findall(q)}
    words = _WORD.findall(_QUOTED.sub(" ", folded))
    words = _without_title(words)
    while words and words[-1] in SUFFIXES:
        words = words[:-1]
    if not words:
        return None
    last = words[-1]
    firsts = {words[0]} if len(words) > 1 and len(words[0]) > 1 else set()
    if len(words) > 1 and len(words[0]) == 1:  # "J. Sandy Bartlett": goes by the middle name
        firsts = {words[0], *([words[1]] if len(words) > 2 else [])}
    return PersonName(printed, last, frozenset(firsts | nicknames))


def _without_title(words: list[str]) -> list[str]:
    text = " ".join(words)
    for title in TITLES:
        if text == title:
            return []
        if text.startswith(title + " "):
            return text[len(title) + 1 :].split()
    return words


def same_first_name(one: frozenset[str], other: frozenset[str]) -> bool:
    """Whether two sets of first names can be one person's: either unknown, an initial that
    fits, one a short form of the other ("Don"/"Donald", "Bob"/"Robert"), or the same."""
    if not one or not other:
        return True
    return any(_fits(a, b) for a in one for b in other)


def _fits(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a.startswith(b) or b.startswith(a):
        return True
    return b in NICKNAMES.get(a, ()) or a in NICKNAMES.get(b, ())


def may_be_one(one: PersonName, other: PersonName) -> bool:
    """Whether two printed names can be one person (same last name, first names that fit)."""
    return one.last == other.last and same_first_name(one.firsts, other.firsts)
