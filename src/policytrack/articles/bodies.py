"""Which body voted: council, commission, commissioners court, board of supervisors, …"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.articles.document import Document, pairs_in
from policytrack.articles.sentences import Sentence

# (pattern, formal name, kind of government the body belongs to); the first that matches
# at a position wins, and the more specific patterns come first.
BODY_PATTERNS: tuple[tuple[str, str, str], ...] = (
    (r"(?:joint\s+)?(?:[A-Z][\w&]*\s+(?:and\s+)?){0,5}committees?\b", "committee", "place"),
    (r"commissioner[’'s]*\s+court", "Commissioners Court", "county"),
    # A school district's board, under the name the text prints ('Durham Public Schools
    # Board of Education'); 'school board' alone is its kind.
    (r"(?:(?-i:[A-Z])[\w&]*\s+){0,4}board\s+of\s+(?:education|school\s+\w+)|school\s+board",
     "School Board", "place"),
    # County governing bodies under their own names (Louisiana, Arkansas, Kentucky, New York).
    (r"police\s+jury|police\s+jurors", "Police Jury", "county"),
    (r"quorum\s+court|justices\s+of\s+the\s+peace", "Quorum Court", "county"),
    (r"fiscal\s+court|magistrates", "Fiscal Court", "county"),
    (r"county\s+legislature|board\s+of\s+legislators|county\s+legislators", "County Legislature",
     "county"),
    (r"board\s+of\s+(?:chosen\s+)?freeholders|freeholders", "Board of Chosen Freeholders",
     "county"),
    (r"(?:[\w-]+\s+)?jail\s+board", "Jail Board", "county"),
    (r"board\s+of\s+(?:county\s+)?supervisors|supervisors", "Board of Supervisors", "county"),
    (r"house\s+of\s+delegates", "House of Delegates", "state"),
    (r"house\s+of\s+representatives", "House of Representatives", "state"),
    (r"(?:state\s+)?senate", "Senate", "state"),
    (r"general\s+assembly|legislature", "Legislature", "state"),
    (r"board\s+of\s+county\s+commissioners", "Board of County Commissioners", "county"),
    (r"board\s+of\s+(?:city\s+)?commissioners", "Board of Commissioners", "any"),
    (r"county\s+commission(?:ers)?", "County Commission", "county"),
    (r"city\s+commission(?:ers)?", "City Commission", "place"),
    (r"commission(?:ers)?", "Commission", "any"),
    (r"board\s+of\s+trustees|trustees", "Board of Trustees", "place"),
    (r"village\s+board", "Village Board", "place"),
    (r"town\s+board", "Town Board", "place"),
    (r"county\s+board", "County Board", "county"),
    (r"select\s*board|board\s+of\s+selectmen", "Select Board", "place"),
    (r"board\s+of\s+aldermen|aldermen|alders|alderpeople", "City Council", "place"),
    (r"(?:city|town|village|county|borough|township)\s+(?:council|counsel)|"
     r"council(?:\s+members?)?|councilors", "Council", "any"),
)  # fmt: skip
_KIND_WORD = r"(?:(?:city|county|town|village|borough|township|parish)\s+)?"
_ANY_BODY = re.compile(
    "|".join(
        f"(?P<b{i}>\\b{_KIND_WORD if k != 'state' else ''}{p}\\b)"
        for i, (p, _n, k) in enumerate(BODY_PATTERNS)
    ),
    re.IGNORECASE,
)
_HOUSE_ALONE = re.compile(r"\b(?:the|state|[A-Z][a-z]+(?:['’]s?)?)\s+House\b", re.IGNORECASE)


@dataclass(frozen=True)
class BodyMention:
    """A body named in a sentence, and the words printed just before it."""

    name: str
    kind: str
    text: str
    start: int
    sentence: Sentence


def body_mentions(sentence: Sentence) -> list[BodyMention]:
    """Every body named in a sentence, in order."""
    out = []
    for m in _ANY_BODY.finditer(sentence.text):
        i = int(next(k for k, v in m.groupdict().items() if v)[1:])
        name, kind = BODY_PATTERNS[i][1], BODY_PATTERNS[i][2]
        if name == "committee" and not re.search(r"committees?\b", m.group(0), re.I):
            continue
        chamber = r"(?:The\s+)?(?:Senate|House|Assembly|Legislative|Joint)\b"
        if name == "committee" and re.match(chamber, m.group(0)):
            kind = "state"  # a committee of a state chamber votes for the state
        out.append(BodyMention(name, kind, m.group(0), m.start(), sentence))
    for m in _HOUSE_ALONE.finditer(sentence.text):
        if not any(b.start <= m.start() < b.start + len(b.text) for b in out):
            out.append(BodyMention("House", "state", "House", m.end() - 5, sentence))
    return sorted(out, key=lambda b: b.start)


def formal_name(mention: BodyMention, jurisdiction_kind: str | None) -> str:
    """The body's formal name: 'City Council', 'County Commission', 'Public Safety … committees'."""
    if mention.name == "committee":
        return re.sub(r"^The\s+", "", " ".join(mention.text.split()))
    if mention.name == "School Board" and re.search(r"board\s+of", mention.text, re.I):
        return re.sub(r"^The\s+", "", " ".join(mention.text.split()))
    if mention.name == "Jail Board":
        return " ".join(mention.text.split()).title().replace("Jail Board", "Jail Board")
    if mention.name in ("Council", "Commission"):
        printed = re.match(r"(city|town|village|county|borough|township)\s", mention.text, re.I)
        prefix = "County" if jurisdiction_kind == "county" else "City"
        return f"{printed.group(1).title() if printed else prefix} {mention.name}"
    return mention.name


def voting_body(doc: Document) -> BodyMention | None:
    """The body that cast the vote: a committee when a committee voted, else the first body
    named in a sentence about the vote, else the first named at all — by its formal name
    when the text gives one ('county commissioners' … 'the Commissioners Court voted')."""
    sentences = doc.vote_sentences or doc.lead
    mentions = [b for s in sentences for b in body_mentions(s)]
    committee = [b for b in mentions if b.name == "committee" and _committee_voted(b)]
    if committee:
        return committee[0]
    every = [b for s in doc.body for b in body_mentions(s)]
    if mentions:
        if mentions[0].kind == "state":
            return _chamber(mentions, doc)
        return _formal(mentions[0], mentions + every, sentences)
    return _formal(every[0], every, []) if every else None


# Members called by a plural noun ('commissioners', 'supervisors') and the formal bodies
# whose members are called that.
_LOOSE = re.compile(
    r"^(?:(?:city|county|town|village|borough|township|parish)\s+)?(?P<noun>commissioners|"
    r"commission|supervisors|council\s*members?|councilors|trustees|magistrates|justices\s+of\s+"
    r"the\s+peace|police\s+jurors|freeholders)$",
    re.IGNORECASE,
)
_FAMILY = {
    "commissioners": (
        "Commissioners Court", "Fiscal Court", "Board of County Commissioners",
        "Board of Commissioners", "County Commission", "City Commission",
    ),
    "commission": (
        "Commissioners Court", "Board of County Commissioners", "Board of Commissioners",
    ),
    "supervisors": ("Board of Supervisors",),
    "trustees": ("Board of Trustees", "Village Board"),
    "magistrates": ("Fiscal Court",),
}  # fmt: skip


def _formal(
    first: BodyMention, others: list[BodyMention], vote_sentences: list[Sentence]
) -> BodyMention:
    """A formal name of the same body printed elsewhere outranks a loose plural."""
    loose = _LOOSE.match(" ".join(first.text.split()))
    if loose is None:
        return first
    family = _FAMILY.get(loose.group("noun").lower(), ())
    formal = [b for b in others if b.name in family and _LOOSE.match(b.text) is None]
    if formal:
        return formal[0]
    # 'Commissioners table ICE contract' over 'The Lexington County Council voted 5-4 …':
    # a formal name in the same sentences about the vote names the body that voted.
    if pairs_in(first.sentence.text):
        return first  # the loose name is in the sentence that gives the tally
    told = [b for b in others if b.sentence in vote_sentences and pairs_in(b.sentence.text)]
    told = [b for b in told if _LOOSE.match(b.text) is None and b.kind != "state"]
    return told[0] if told else first


def _committee_voted(mention: BodyMention) -> bool:
    after = mention.sentence.text[mention.start : mention.start + len(mention.text) + 30]
    return bool(re.search(r"committees?\s+(?:vote|voted|rejected|approved|postponed)", after, re.I))


def _chamber(mentions: list[BodyMention], doc: Document) -> BodyMention:
    """Of two chambers in one story, the one the text says more about (rule 5); the House
    when they tie."""
    chambers = [b for b in mentions if b.kind == "state"]
    house = sum(
        len(re.findall(r"\bHouse\b|\bDel\.|\bDelegates?\b|\bRep\.", s.text)) for s in doc.body
    )
    senate = sum(len(re.findall(r"\bSenate\b|\bSen\.", s.text)) for s in doc.body)
    want = "Senate" if senate > house else "House"
    for b in chambers:
        if b.name.startswith(want):
            return b
    return chambers[0]
