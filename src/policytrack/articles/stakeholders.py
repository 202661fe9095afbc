"""Stakeholders: voters, speakers, movers, officials, organisations and crowds, each with a
stance toward the agreement itself (labelling rule 4)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.articles.actions import measure_action
from policytrack.articles.document import Document
from policytrack.articles.names import People, Person
from policytrack.articles.rollcall import Ballot
from policytrack.articles.sentences import Sentence
from policytrack.articles.stances import MIXED, stance_from_measure, stance_from_vote, stance_of
from policytrack.vocab import Action, StakeholderKind, Stance

_MOVED = re.compile(
    r"\b(?:sponsored|introduced|proposed|initiated|put forward|wrote|co-?sponsored|made)\s+"
    r"(?:a |the )?(?:\w+ ){0,3}?(?:motion|resolution|measure|proposal|bill|ordinance|agreement)"
    r"(?P<rest>[^.,;]{0,60})|\bmoved (?:to|that)\b(?P<rest2>[^.,;]{0,60})",
    re.IGNORECASE,
)
_PROPOSAL_OF = re.compile(r"(?P<name>[A-Z][\w’'-]+)[’']s? (?:proposal|resolution|motion|bill)")
_CROWD = re.compile(
    r"\b(?P<who>(?:some |many |several |dozens of |hundreds of |other )?(?:local |area |"
    r"public |immigrant )?"
    r"(?:residents|speakers|commenters|crowd|community members|attendees|protesters|"
    r"opponents|supporters|"
    r"critics|activists|advocates|neighbors|people|one (?:resident|man|woman)|resident))\b",
    re.IGNORECASE,
)
_CROWD_OPPOSE = re.compile(
    r"(?:urg|plead|ask|call|beg)\w* [^.]{0,50}(?:reject|defer|postpone|end|rescind|terminate|"
    r"keep ICE|not to)|"
    r"in opposition|spoke (?:out )?against|\bopposed\b|\bagainst\b|denounc|disapproval|"
    r"concern|criticiz|"
    r"found fault|\bcritics\b|\bopponents\b|activists|advocates|fear|backlash|outrage|unjust",
    re.IGNORECASE,
)
_CROWD_SUPPORT = re.compile(
    r"spoke in (?:favor|support)|urged (?:support|the \w+ to (?:ratify|approve|enforce))|"
    r"\bsupporters\b|"
    r"in support of the agreement|please enforce",
    re.IGNORECASE,
)
_ORG = re.compile(
    r"\b(?:the )?(?P<org>(?:[A-Z][\w.’'&-]*\s+){0,6}?(?:Project|Caucus|Coalition|Union|Committee|"
    r"Association|Organization|Alliance|Network|Council of [A-Z]\w+|Build|"
    r"Liberties Union(?: of [A-Z]\w+)?))\b"
)
_AFFILIATION = re.compile(
    r"(?:president|director|member|chair|founder|spokes\w+) of (?:the )?(?P<org>[A-Z][^,.;]+)|"
    r",\s+of (?:the )?(?P<org2>[A-Z][^,.;]+?)(?: organization)?,|"
    r"is with (?:the )?(?:coalition |group )?(?P<org3>[A-Z][^,.;—]+)"
)
_ROLE_NAMES: dict[str, tuple[str, StakeholderKind]] = {
    "member": ("{place} {body} member", StakeholderKind.ELECTED_OFFICIAL),
    "chair": ("{place} {body} chair", StakeholderKind.ELECTED_OFFICIAL),
    "mayor": ("{place} Mayor", StakeholderKind.ELECTED_OFFICIAL),
    "governor": ("{state} Governor", StakeholderKind.ELECTED_OFFICIAL),
    "attorney_general": ("{state} Attorney General", StakeholderKind.ELECTED_OFFICIAL),
    "legislator": ("{state} legislator", StakeholderKind.ELECTED_OFFICIAL),
    "executive": ("{place} County Executive", StakeholderKind.ELECTED_OFFICIAL),
    "sheriff": ("{place} Sheriff's Office", StakeholderKind.LAW_ENFORCEMENT),
    "police": ("{place} Police Department", StakeholderKind.LAW_ENFORCEMENT),
    "attorney": ("{place} attorney", StakeholderKind.GOVERNMENT_AGENCY),
    "manager": ("{place} City Manager", StakeholderKind.GOVERNMENT_AGENCY),
}


@dataclass(frozen=True)
class Setting:
    """What names are built from: the place, state and body of the drafted vote."""

    place: str
    state: str
    body: str
    action: Action | None


@dataclass(frozen=True)
class Found:
    """A stakeholder as read from the text."""

    name: str
    kind: StakeholderKind
    person: str | None
    stance: Stance
    sentence: Sentence
    why: str


def read_stakeholders(
    doc: Document, people: People, ballots: list[Ballot], setting: Setting
) -> list[Found]:
    """Every stakeholder the text gives a position to, one entry each."""
    out: dict[str, Found] = {}
    for found in _voters(doc, people, ballots, setting):
        out.setdefault(found.person or found.name, found)
    voted = {b.person.surname for b in ballots}
    for person in people.all():
        if person.surname in voted or person.name in out:
            continue
        spoke = _speaker(doc, person, setting)
        if spoke is not None:
            out.setdefault(person.name, spoke)
    for found in (*_crowds(doc), *_organisations(doc, setting), *_parties(doc, setting)):
        out.setdefault(found.name if found.person is None else found.person, found)
    return list(out.values())


def _voters(doc: Document, people: People, ballots: list[Ballot], setting: Setting) -> list[Found]:
    out = []
    for b in ballots:
        stance = stance_from_vote(b.vote, setting.action)
        if stance is None:
            continue
        own = _own_text(doc, b.person)
        if MIXED.search(own) and b.vote == "yes" and setting.action is Action.APPROVE:
            stance = Stance.MIXED
        member = (
            b.person
            if b.person.role
            else Person(b.person.name, b.person.surname, "member", None, b.sentence)
        )
        name, kind = _name_kind(member, setting)
        out.append(Found(name, kind, b.person.name, stance, b.sentence, f"voted {b.vote}"))
    return out


def _speaker(doc: Document, person: Person, setting: Setting) -> Found | None:
    own_sentences = _own_sentences(doc, person)
    if not own_sentences:
        return None
    text = " ".join(s.text for s in own_sentences)
    stance = _moved(text, person, setting)
    why = "moved or sponsored the measure"
    if stance is None:
        stance, why = stance_of(text, speaker_role=person.role), "what they said or did"
    if stance is None:
        return None
    name, kind = _name_kind(person, setting, text)
    return Found(name, kind, person.name, stance, own_sentences[0], why)


def _moved(text: str, person: Person, setting: Setting) -> Stance | None:
    for m in _MOVED.finditer(text):
        before = text[max(0, m.start() - 80) : m.start()]
        if person.name.split()[-1] not in before:
            continue
        target = measure_action(m.group("rest") or m.group("rest2") or "")
        if target is not None and target is not setting.action:
            return stance_from_measure(True, target)
        return stance_from_measure(True, setting.action)
    return None


def _own_sentences(doc: Document, person: Person) -> list[Sentence]:
    last = person.name.split()[-1]
    out: list[Sentence] = []
    for i, s in enumerate(doc.body):
        if re.search(rf"\b{re.escape(last)}\b", s.text):
            out.append(s)
            nxt = doc.body[i + 1] if i + 1 < len(doc.body) else None
            if nxt is not None and re.search(
                r"\b(?:he|she|they) (?:said|added|told|wrote|explained)\b|^[“\"]", nxt.text
            ):
                out.append(nxt)
    return out


def _own_text(doc: Document, person: Person) -> str:
    return " ".join(s.text for s in _own_sentences(doc, person))


def _name_kind(person: Person, setting: Setting, text: str = "") -> tuple[str, StakeholderKind]:
    m = _AFFILIATION.search(text) if text else None
    if m is not None and person.name.split()[-1] in text[: m.start() + 1]:
        org = (m.group("org") or m.group("org2") or m.group("org3") or "").strip()
        if org:
            return org, StakeholderKind.ADVOCACY_ORG
    template, kind = _ROLE_NAMES.get(person.role or "", ("Resident", StakeholderKind.RESIDENT))
    name = template.format(place=setting.place, state=setting.state, body=setting.body)
    return re.sub(r"\b(County|City) \1\b", r"\1", " ".join(name.split())), kind


def _crowds(doc: Document) -> list[Found]:
    out: dict[Stance, Found] = {}
    for s in doc.body:
        m = _CROWD.search(s.text)
        if m is None:
            continue
        stance = Stance.SUPPORT if _CROWD_SUPPORT.search(s.text) else None
        if stance is None and _CROWD_OPPOSE.search(s.text):
            stance = Stance.OPPOSE
        if stance is not None and stance not in out:
            out[stance] = Found(
                _crowd_name(m.group("who")),
                StakeholderKind.RESIDENT,
                None,
                stance,
                s,
                "crowd",
            )
    return list(out.values())


_GROUP_NOUNS = re.compile(
    r"residents?|speakers?|commenters?|crowd|community|attendees?|protesters?|opponents?|"
    r"supporters?|critics?|activists?|advocates?|neighbors?",
    re.IGNORECASE,
)


def _crowd_name(who: str) -> str:
    """A crowd's name as a group word people use ('Dozens of people' → 'Residents')."""
    who = " ".join(who.split())
    return who[:1].upper() + who[1:] if _GROUP_NOUNS.search(who) else "Residents"


_PARTY_FOR = re.compile(
    r"(?:support|backing|backed)\s+(?:from|by)\s+(?:the\s+)?(?P<a>Democrats|Republicans)|"
    r"(?P<b>Democrats|Republicans)\s+(?:backed|supported|pushed|championed)",
)
_PARTY_AGAINST = re.compile(
    r"(?:opposition|opposed)\s+(?:from|by)\s+(?:the\s+)?(?P<a>Democrats|Republicans)|"
    r"(?P<b>Democrats|Republicans)\s+"
    r"(?:opposed|argued|raised concerns|objected|voted against|warned)",
)


def _parties(doc: Document, setting: Setting) -> list[Found]:
    """A party as a bloc: for the measure or against it, then toward the agreement."""
    out: dict[str, Found] = {}
    for s in doc.body:
        for pattern, backs in ((_PARTY_FOR, True), (_PARTY_AGAINST, False)):
            for m in pattern.finditer(s.text):
                party = m.group("a") or m.group("b")
                stance = stance_from_measure(backs, setting.action)
                if stance is not None and party not in out:
                    why = "party backing the measure" if backs else "party against the measure"
                    out[party] = Found(party, StakeholderKind.PARTY, None, stance, s, why)
    return list(out.values())


def _organisations(doc: Document, setting: Setting) -> list[Found]:
    out = []
    for s in doc.body:
        for m in _ORG.finditer(s.text):
            org = " ".join(m.group("org").split())
            if re.search(r"\b(?:City|County|Board|Police|House|Senate|Judiciary)\b", org):
                continue
            stance = stance_of(s.text)
            if stance is not None and stance is not Stance.NEUTRAL:
                out.append(
                    Found(org, StakeholderKind.ADVOCACY_ORG, None, stance, s, "organisation")
                )
    return out
