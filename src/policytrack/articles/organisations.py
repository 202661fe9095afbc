"""Organisations a report names — advocacy groups, unions, associations — found by their
kind of name ('… Coalition', 'ACLU of Nevada'), by what the text calls them ('an immigrant
rights group, Rutherford Welcomes,') or as 'Members of X', each with the stance its acts or
words show toward the agreement."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.articles.acts import act_of
from policytrack.articles.document import Document
from policytrack.articles.names import UPPER
from policytrack.articles.sentences import Sentence
from policytrack.articles.stances import Measure, stance_of
from policytrack.vocab import StakeholderKind, Stance

# A proper name: capitalised words, with the small words names keep ('Faith in Action',
# 'Puentes del Golfo', 'Unidos Sur de Minnesota').
_WORD = rf"[{UPPER}][\w’'&.-]*"
_PROPER = rf"{_WORD}(?:\s+(?:(?:de|del|la|las|los|of|for|in|and|on|the|y|en)\s+)?{_WORD}){{0,7}}"
_SUFFIX = (
    r"(?:Project|Caucus|Coalition|Union|Committee|Association|Organization|Alliance|Network|"
    r"Council|Center|Centre|Foundation|Institute|Fund|League|Society|Federation|Collective|"
    r"Lodge|Welcomes|Action|Partnership)"
)
_BY_SUFFIX = re.compile(
    rf"(?<![\w’'])(?P<org>(?:{_WORD}\s+(?:(?:de|del|of|for|in|and|on|the)\s+)?){{0,6}}{_SUFFIX}"
    rf"(?:\s+of\s+{_WORD}(?:\s+{_WORD})?|\s+[A-Z]{{2,5}}\b|\s+[Ll]odge(?:\s+\d+)?)?)"
)
_KNOWN = re.compile(
    rf"\b(?P<org>(?:ACLU|American Civil Liberties Union)(?:\s+of\s+{_WORD}(?:\s+{_WORD})?)?|"
    r"LULAC|NAACP|SEIU|AFSCME|CAIR|Fraternal Order of Police(?:\s+[Ll]odge(?:\s+\d+)?)?)"
)
_CALLED = re.compile(
    r"\b(?:group|coalition|organization|network|alliance|nonprofit|association|collective|"
    rf"organizers?)\b[^,.;]{{0,40}},\s+(?P<org>{_PROPER}),"
)
_CALLED_AFTER = re.compile(
    rf"(?<![\w’'])(?P<org>{_PROPER}),\s+an?\s+(?:[\w-]+\s+){{0,4}}?(?:group|coalition|"
    r"organization|network|alliance|nonprofit|association|collective)\b"
)
_MEMBERS_OF = re.compile(rf"\b[Mm]embers of (?:the )?(?P<org>{_PROPER})")
_THE_X_GROUP = re.compile(
    rf"\bthe (?P<org>{_PROPER}) (?:organization|group|coalition|network|nonprofit|campaign)\b"
)
# Titles in a run of capitals are people, not an organisation's name.
_TITLES = re.compile(
    r"\b(?:Chair(?:man|woman)?|Chief|Mayor|President|Commissioner|Sheriff|Member|Vice|"
    r"Supervisor|Councilman|Councilwoman|Director|Gov|Governor|Sen|Rep|Del)\b"
)
_GOVERNMENT = re.compile(
    r"\b(?:Department|Office|Court|House|Senate|Legislature|Assembly|Commission|Board|"
    r"Immigration and Customs|Homeland Security|Border Patrol|Jail|Corrections|Census|"
    r"University|College|School|Judiciary|Public Protection|Finance|Appropriations|Budget|"
    r"Rules|Public Safety|City Council|County Council|Town Council|Village Council)\b"
)
_ADVOCACY_WORDS = re.compile(
    r"\b(?:Immigrant|Immigration Network|Rights|Latino|Hispanic|Business|Civic|Faith|"
    r"Sanctuary|Welcome|Justice|Liberties|Action|Alliance|Coalition|Project|Interfaith|"
    r"Families|Unidos|Defense|Advocacy|Benevolent|Sheriffs['’]?|Labor|Organizing|Workers|"
    r"Farm|Clergy|Churches|Congregations)\b"
)
_UNION = re.compile(
    r"\b(?:Benevolent|Fraternal Order|Lodge|Teamsters|AFL-CIO|SEIU|AFSCME|Labor)\b|"
    r"(?<!Liberties )\bUnion\b"
)
_POLICE_GROUPS = re.compile(r"Sheriffs['’]? Association|Chiefs of Police|Police Chiefs")
# What comes after an organisation's name that refers back to it.
_BACK_REFERENCE = re.compile(
    r"^(?:The|Its|the)\s+(?:group|coalition|organization|union|association|network|alliance|"
    r"members|president|director)\b|^(?:It|They)\b"
)


@dataclass(frozen=True)
class Organisation:
    """An organisation named in the text, its kind, and its stance (None: none shown)."""

    name: str
    kind: StakeholderKind
    stance: Stance | None
    sentence: Sentence
    why: str


def organisations(
    doc: Document, measure: Measure, people: re.Pattern[str] | None = None
) -> list[Organisation]:
    """Every organisation the text names, first mention first, one entry each; `people`
    matches the surnames of people named (an act after a person's name is theirs)."""
    out: dict[str, Organisation] = {}
    body = doc.body
    for i, s in enumerate(body):
        for name in _names_in(s.text):
            key = name.lower()
            if any(key in k or k in key for k in out):
                continue
            nxt = body[i + 1] if i + 1 < len(body) else None
            stance, why = _stance(name, s, nxt, measure, people)
            out[key] = Organisation(name, _kind(name), stance, s, why)
    return list(out.values())


def _names_in(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for pattern in (_KNOWN, _CALLED, _CALLED_AFTER, _THE_X_GROUP, _MEMBERS_OF, _BY_SUFFIX):
        for m in pattern.finditer(text):
            # 'CASA, an immigrant advocacy group': one word is a name when the text says so
            called = pattern in (_CALLED, _CALLED_AFTER, _THE_X_GROUP)
            name = _clean(m.group("org"), one_word=called)
            if name and not any(name in f or f in name for _, f in found):
                found.append((m.start("org"), name))
    return [name for _, name in sorted(found)]


def _clean(raw: str, one_word: bool = False) -> str | None:
    name = " ".join(raw.split()).strip(" ,.")
    name = re.sub(r"^(?:The|A|An|Members of|Leaders of|Speakers from)\s+", "", name)
    if len(name) < 3 or (len(name.split()) < 2 and not (one_word or _KNOWN.fullmatch(name))):
        return None
    if _GOVERNMENT.search(name) and not _ADVOCACY_WORDS.search(name):
        return None
    if _TITLES.search(name) and not _KNOWN.match(name):
        return None
    if re.search(r"\b(?:Council|Committee)\b", name) and not _ADVOCACY_WORDS.search(name):
        return None  # a council or committee is a government body unless named as a group
    return name


def _kind(name: str) -> StakeholderKind:
    if _POLICE_GROUPS.search(name):
        return StakeholderKind.LAW_ENFORCEMENT
    if _UNION.search(name):
        return StakeholderKind.UNION
    return StakeholderKind.ADVOCACY_ORG


def _stance(
    name: str,
    sentence: Sentence,
    nxt: Sentence | None,
    measure: Measure,
    people: re.Pattern[str] | None,
) -> tuple[Stance | None, str]:
    """What the organisation did or said, in its sentence or the next one about it."""
    texts = [sentence.text]
    if nxt is not None and _BACK_REFERENCE.match(nxt.text):
        texts.append(nxt.text)
    actor = re.compile(
        rf"{re.escape(name)}|^(?:The|Its)\s+(?:group|coalition|organization|union|association|"
        r"network|alliance|members)\b|^(?:It|They)\b|\b(?:dozens|many|some) of them\b"
    )
    act = act_of(texts, actor, measure, people)
    if act is not None:
        return act.stance, f"organisation: {act.why}"
    stance = stance_of(" ".join(texts))
    if stance is None or stance is Stance.NEUTRAL:
        return None, "organisation"
    return stance, "organisation: what it said"
