"""Stakeholders: voters, speakers, movers, officials, offices, organisations and crowds, each
with a stance toward the agreement itself (labelling rule 4)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.articles.acts import act_of
from policytrack.articles.document import Document
from policytrack.articles.names import UPPER, People, Person
from policytrack.articles.organisations import Organisation, organisations
from policytrack.articles.rollcall import Ballot
from policytrack.articles.sentences import Sentence
from policytrack.articles.stances import CONCESSION, MIXED, Measure, stance_of
from policytrack.vocab import StakeholderKind, Stance

_CROWD = re.compile(
    r"\b(?P<who>(?:(?:some|many|several|dozens of|hundreds of|other|most of the|a few|two|three|"
    r"about \d+|more than \d+|\d+)\s+)?(?:local |area |public |immigrant )?"
    r"(?:residents|speakers|commenters|crowd|community members|attendees|protesters|"
    r"opponents|supporters|critics|activists|advocates|neighbors|people|emails?|callers|"
    r"parents(?: and students)?|students|"
    r"members of the public|one (?:resident|man|woman|speaker)|a smaller number|resident|"
    r"dozen who spoke))\b",
    re.IGNORECASE,
)
_CROWD_OPPOSE = re.compile(
    r"(?:urg|plead|ask|call|beg)\w* [^.]{0,50}(?:reject|defer|postpone|end|rescind|terminate|"
    r"keep ICE|not to|vote no)|"
    r"in opposition|spoke (?:out )?against|\boppos(?:ed|ing)\b|\bagainst\b|denounc|disapproval|"
    r"concern|criticiz|"
    r"found fault|\bcritics\b|\bopponents\b|activists|advocates|fear|backlash|outrage|unjust",
    re.IGNORECASE,
)
_CROWD_SUPPORT = re.compile(
    r"spoke in (?:favor|support)|urged (?:support|approval|the \w+ to (?:ratify|approve|enforce))|"
    r"\bsupporters\b|"
    r"in support of the agreement|please enforce",
    re.IGNORECASE,
)
_BOTH_SIDES = re.compile(
    r"split (?:roughly |about |almost )?(?:evenly|equally)|\bfor and against\b|on both sides",
    re.IGNORECASE,
)
# 'A half-dozen people spoke. Most, including …, asked commissioners to vote no.'
_QUANTIFIER = re.compile(
    r"^(?:Most|Many|Some|Several|Others|A few|All but \w+|Nearly all|Almost all)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r";\s+|,\s+(?:while|but|whereas)\s+")
_AFFILIATION = re.compile(
    r"(?:president|director|executive director|member|chair|founder|spokes\w+|organizer|leader|"
    r"head|pastor|rector|priest|rabbi|imam|minister|deacon) of (?:the |an? )?(?:local )?"
    r"(?P<org>[A-Z][^,.;]+)|"
    r",\s+of (?:the )?(?P<org2>[A-Z][^,.;]+?)(?: organization)?,|"
    r"\bof the local (?P<org4>[A-Z][^,.;]+?)(?:,|\s+who\b)|"
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
    "corrections": ("{place} Department of Corrections", StakeholderKind.GOVERNMENT_AGENCY),
    "attorney": ("{place} attorney", StakeholderKind.GOVERNMENT_AGENCY),
    "manager": ("{place} City Manager", StakeholderKind.GOVERNMENT_AGENCY),
    "faith": ("Faith leader", StakeholderKind.OTHER),
}


@dataclass(frozen=True)
class Setting:
    """What names are built from and stances are read against: the place, state and body
    of the drafted vote, and the measure voted on."""

    place: str
    state: str
    body: str
    measure: Measure
    unanimous: bool = False  # no one voted against: every member present voted for it


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
    voted = {b.person.surname for b in ballots if b.vote in ("yes", "no")}
    away = {b.person.surname for b in ballots if b.vote in ("absent", "abstain")}
    orgs = organisations(doc, setting.measure, _everyone(people))
    org_names = " | ".join(o.name for o in orgs)
    for person in people.all():
        if person.surname in voted or person.name in out:
            continue
        if person.role is None and person.name in org_names:
            continue  # 'Casa Abierta, urged …' is the group the text names, not a person
        spoke = _speaker(doc, people, person, setting, orgs, acts_only=person.surname in away)
        if spoke is not None:
            out.setdefault(person.name, spoke)
    represented = {f.name for f in out.values() if f.person is not None}
    for org in orgs:
        if org.stance is not None and org.name not in represented:
            found = Found(org.name, org.kind, None, org.stance, org.sentence, org.why)
            out.setdefault(org.name, found)
    for found in (
        *_crowds(doc, setting),
        *_offices(doc, setting, people),
        *_agencies(doc, setting),
        *_parties(doc, setting),
    ):
        # a crowd is one entity per side: 'Residents' for and 'Residents' against
        key = f"{found.name}|{found.stance}" if found.why == "crowd" else found.name
        out.setdefault(key, found)
    return list(out.values())


def _voters(doc: Document, people: People, ballots: list[Ballot], setting: Setting) -> list[Found]:
    out = []
    for b in ballots:
        stance = setting.measure.stance_of_vote(b.vote)
        if stance is None:
            continue
        stance = _with_reservations(stance, _own_text(doc, people, b.person))
        member = (
            b.person
            if b.person.role
            else Person(b.person.name, b.person.surname, "member", None, b.sentence)
        )
        name, kind = _name_kind(member, setting)
        out.append(Found(name, kind, b.person.name, stance, b.sentence, f"voted {b.vote}"))
    return out


def _speaker(
    doc: Document,
    people: People,
    person: Person,
    setting: Setting,
    orgs: list[Organisation],
    acts_only: bool = False,
) -> Found | None:
    """A person who did not vote, by what they did (an act) or else what they said; a
    member who was away counts only for an act ('would have voted for it')."""
    own_sentences = _own_sentences(doc, people, person)
    if not own_sentences:
        return None
    texts = _joined_quotations(doc, own_sentences)
    last = person.name.split()[-1]
    actor = re.compile(rf"\b{re.escape(last)}\b|^(?:He|She)\b")
    act = act_of(texts, actor, setting.measure, _others(people, person))
    own = " ".join(_own_clause(t, last) for t in texts)
    if act is not None and act.stance is None:
        return None  # 'has not said whether …'
    if act is not None and act.stance is not None:
        stance, why = _with_reservations(act.stance, own), act.why
    elif acts_only:
        return None
    else:
        role = person.role if _SPEECH.search(own) else None
        found = stance_of(own, speaker_role=role)
        group = _group_of(person, " ".join(texts), orgs)
        if found in (None, Stance.NEUTRAL) and group is not None and group.stance is not None:
            found = group.stance  # 'Its president, X, …' speaks for the group's position
        if (
            found is None
            and setting.unanimous
            and person.role in ("member", "chair")
            and len(person.name.split()) > 1
        ):
            # a member of the body that voted unanimously: their stance is that vote's
            found = setting.measure.stance_of_vote("yes")
        if found is None and person.role is None:
            found = _crowd_before(doc, own_sentences[0], setting)
        if found is None:
            return None
        stance, why = found, "what they said or did"
    name, kind = _name_kind(person, setting, " ".join(texts), orgs)
    return Found(name, kind, person.name, stance, own_sentences[0], why)


# An officer is neutral by default only when the text reports them speaking.
_SPEECH = re.compile(
    r"\b(?:said|says|told|explained|noted|advised|added|clarified|stated|testified|described|"
    r"emphasized|according to|replied|answered|responded|assured|stressed|insisted|"
    r"cautioned|recommended|warned|warning|confirmed)\b",
    re.IGNORECASE,
)


def _with_reservations(stance: Stance, own: str) -> Stance:
    """Backing it while voicing reluctance, or opposing while granting it, is mixed."""
    if (stance is Stance.SUPPORT and (MIXED.search(own) or _CONCERN.search(own))) or (
        stance is Stance.OPPOSE and CONCESSION.search(own)
    ):
        return Stance.MIXED
    return stance


_CONCERN = re.compile(r"\bconcerns? (?:about|over)\b", re.IGNORECASE)


def _own_clause(text: str, last: str) -> str:
    """The clauses of a sentence about the person ('X was absent, but Y voted against' →
    'X was absent'); the whole sentence when it goes on about them (a quote, 'He …')."""
    if not re.search(rf"\b{re.escape(last)}\b", text):
        return text
    clauses = re.split(r";\s+|,\s+(?:but|while|whereas)\s+|\s+—\s+", text)
    return " ".join(c for c in clauses if re.search(rf"\b{re.escape(last)}\b|[“\"]", c))


def _everyone(people: People) -> re.Pattern[str] | None:
    """Anyone's surname."""
    names = sorted({re.escape(p.name.split()[-1]) for p in people.all()}, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(names)})\b") if names else None


def _others(people: People, person: Person) -> re.Pattern[str] | None:
    """Any other person's surname: an act after another name is not this person's."""
    names = sorted(
        {re.escape(p.name.split()[-1]) for p in people.all() if p.surname != person.surname},
        key=len,
        reverse=True,
    )
    return re.compile(rf"\b(?:{'|'.join(names)})\b") if names else None


def _own_sentences(doc: Document, people: People, person: Person) -> list[Sentence]:
    """Sentences naming the person, and the next one when it goes on about them ('He said …',
    a quotation, 'He asked the board …' with no one else named in between)."""
    last = person.name.split()[-1]
    others = _others(people, person)
    out: list[Sentence] = []
    for i, s in enumerate(doc.body):
        mentions = list(re.finditer(rf"\b{re.escape(last)}\b", s.text))
        if not mentions:
            continue
        mention = mentions[-1]
        out.append(s)
        nxt = doc.body[i + 1] if i + 1 < len(doc.body) else None
        if nxt is None:
            continue
        said = re.search(
            r"\b(?:he|she|they) (?:said|added|told|wrote|explained)\b|^[“\"]", nxt.text
        )
        after = s.text[mention.end() :]
        continues = re.match(r"(?:He|She)\b", nxt.text) and (
            others is None or not others.search(after)
        )
        if said or continues:
            out.append(nxt)
    return _whole_quotations(doc, out)


def _whole_quotations(doc: Document, chosen: list[Sentence]) -> list[Sentence]:
    """A quotation split over sentences is kept whole: '“I'm not for it. I want numbers,”
    Lee said.' belongs to Lee from its first sentence to the last."""
    group = _quotation_groups(doc)
    wanted = {group[s.index] for s in chosen if s.index in group}
    seen = {s.index for s in chosen}
    extra = [s for s in doc.body if group.get(s.index) in wanted and s.index not in seen]
    return sorted([*chosen, *extra], key=lambda s: s.index)


def _quotation_groups(doc: Document) -> dict[int, int]:
    """Sentence index → the index of the first sentence of the quotation it is part of."""
    out: dict[int, int] = {}
    opened: int | None = None
    for s in doc.body:
        if opened is not None and s.paragraph != doc.sentences[opened].paragraph:
            opened = None  # a quotation does not run on past its paragraph
        start = opened if opened is not None else s.index
        out[s.index] = start
        depth = s.text.count("“") - s.text.count("”")
        straight = s.text.count('"') % 2
        if opened is None and (depth > 0 or straight):
            opened = s.index
        elif opened is not None and (depth < 0 or straight):
            opened = None
    return out


def _joined_quotations(doc: Document, sentences: list[Sentence]) -> list[str]:
    """The sentences' texts, a quotation split over several joined into one."""
    group = _quotation_groups(doc)
    texts: dict[int, list[str]] = {}
    for s in sentences:
        texts.setdefault(group.get(s.index, s.index), []).append(s.text)
    return [" ".join(parts) for parts in texts.values()]


def _own_text(doc: Document, people: People, person: Person) -> str:
    return " ".join(s.text for s in _own_sentences(doc, people, person))


_UNION_WORDS = re.compile(
    r"\b(?:Benevolent|Fraternal Order|Lodge|Teamsters|AFL-CIO|SEIU|AFSCME|Labor)\b|"
    r"(?<!Liberties )\bUnion\b"
)


def _name_kind(
    person: Person, setting: Setting, text: str = "", orgs: list[Organisation] | None = None
) -> tuple[str, StakeholderKind]:
    officer = person.role in _OFFICERS and _printed_place(person) is not None
    org = None if officer else _affiliation(person, text, orgs or [])  # a sheriff stays one
    if org is not None:
        known = next((o for o in orgs or [] if o.name == org), None)
        if known is not None and known.kind is not StakeholderKind.ADVOCACY_ORG:
            return org, known.kind
        if person.role == "faith":
            return org, StakeholderKind.OTHER
        if _UNION_WORDS.search(org):
            return org, StakeholderKind.UNION
        return org, StakeholderKind.ADVOCACY_ORG
    template, kind = _ROLE_NAMES.get(person.role or "", ("Resident", StakeholderKind.RESIDENT))
    place = _printed_place(person) if person.role in _OFFICERS else None
    where = place or setting.place
    if where and setting.body and setting.body.startswith(where):
        where = ""  # 'Durham Public Schools Board of Education' already names its place
    name = template.format(place=where, state=setting.state, body=setting.body)
    return re.sub(r"\b(County|City) \1\b", r"\1", " ".join(name.split())), kind


_OFFICERS = frozenset({"sheriff", "police", "corrections", "attorney", "manager", "mayor"})


def _printed_place(person: Person) -> str | None:
    """The place printed before an officer's title ('Frederick County Sheriff Chuck Jenkins',
    'Ogden Police Chief Randall Pike'): their office is that place's, not the voting body's."""
    if not person.title:
        return None
    m = re.search(
        rf"((?:[{UPPER}][\w.’'-]*\s+){{1,3}}?)(?:['’]s\s+)?{re.escape(person.title)}\s+"
        rf"{re.escape(person.name.split()[0])}",
        person.sentence.text,
    )
    if m is None:
        return None
    words = [w for w in m.group(1).split() if w not in ("The", "A", "Former", "Then", "GOP")]
    return " ".join(words) or None


def _affiliation(person: Person, text: str, orgs: list[Organisation]) -> str | None:
    """The organisation a person speaks for: 'president of the X', 'Y of the local X',
    'the coalition's director' (the organisation named before)."""
    last = person.name.split()[-1]
    for m in _AFFILIATION.finditer(text):
        org = next((g for g in m.groups() if g), "").strip()
        if org and last in text[max(0, m.start() - 120) : m.end() + 120]:
            return re.sub(r"\s+(?:council|chapter)$", "", org)
    group = _group_of(person, text, orgs)
    return group.name if group is not None else None


def _group_of(person: Person, text: str, orgs: list[Organisation]) -> Organisation | None:
    """The organisation named before that a person leads: 'X, the coalition's director';
    'Its president, Sheriff X, …'."""
    last = re.escape(person.name.split()[-1])
    back = re.search(
        rf"\b{last}\b[^.;]{{0,20}}\bthe (?:coalition|group|organization|union|association|"
        rf"network|alliance)['’]s\b|\b(?:Its|The (?:coalition|group|organization|union|"
        rf"association|network|alliance)['’]s) (?:president|director|executive director|chair|"
        rf"leader|head|spokes\w+)\b[^.;]{{0,50}}\b{last}\b|"
        # '… said X, a resident and member of the network'
        rf"\b{last}\b[^.;]{{0,60}}\b(?:member|president|director|chair|organizer|leader|"
        rf"spokes\w+) of the (?:coalition|group|organization|union|association|network|"
        rf"alliance|project|league)\b",
        text,
    )
    if back is None:
        return None
    before = [o for o in orgs if o.sentence.start <= person.sentence.start]
    return before[-1] if before else None


def _crowds(doc: Document, setting: Setting) -> list[Found]:
    """Anonymous crowds, one entity per stated side."""
    out: dict[Stance, Found] = {}
    named: list[Found] = []
    body = doc.body
    for i, s in enumerate(body):
        clauses = _CLAUSES.split(s.text)
        for j, clause in enumerate(clauses):
            m = _CROWD.search(clause)
            if m is None:
                continue
            nxt = _quantified(clause, clauses[j + 1 : j + 2]) or (
                body[i + 1].text if i + 1 < len(body) else ""
            )
            group = _named_group(clause[m.end() :])
            for stance in _crowd_stances(clause, m, nxt, setting):
                if group is not None:  # 'Advocates with Casa Unida cheered': the group
                    named.append(
                        Found(group, StakeholderKind.ADVOCACY_ORG, None, stance, s, "group")
                    )
                elif stance not in out:
                    name = _crowd_name(m.group("who"))
                    out[stance] = Found(name, StakeholderKind.RESIDENT, None, stance, s, "crowd")
    return [*out.values(), *named]


_GROUP_AFTER = re.compile(
    r"^\s+with\s+(?:the\s+)?(?P<org>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|de|del|en|of|"
    r"for|and|la|los|las))*)"
)


def _named_group(after: str) -> str | None:
    """The organisation a crowd word is tied to: 'advocates with Casa Unida' → 'Casa Unida'."""
    m = _GROUP_AFTER.match(after)
    if m is None:
        return None
    words = m.group("org").split()
    while words and not words[-1][:1].isupper():
        words.pop()
    return " ".join(words) if len(words) > 1 else None


_OFFICIAL_WORDS = re.compile(
    r"\b(?:counsel|attorney|chief|director|manager|officer|official|clerk|administrator|"
    r"superintendent|spokes\w+|secretary|commissioner|sheriff|deputy)\b",
    re.IGNORECASE,
)


def _crowd_before(doc: Document, sentence: Sentence, setting: Setting) -> Stance | None:
    """'Two residents spoke in favor. "…," said X, a resident': a speaker with no stance of
    their own, right after a crowd with one side, is one of that crowd."""
    before = [s for s in doc.body if s.end <= sentence.start][-1:]
    if not before or _OFFICIAL_WORDS.search(sentence.text):
        return None  # 'the district's general counsel, X, told …' speaks for no crowd
    m = _CROWD.search(before[0].text)
    if m is None:
        return None
    sides = _crowd_stances(before[0].text, m, "", setting)
    return sides[0] if len(sides) == 1 else None


_AND_MOST = re.compile(r",\s+and\s+(?P<q>(?:most|many|nearly all|almost all)\b.*)$")


def _quantified(clause: str, following: list[str]) -> str | None:
    """Where a crowd's side is told by a quantifier in the same sentence: 'Dozens of
    speakers came; most of them urged …', '…, and nearly all of them urged …'."""
    if following and _QUANTIFIER.match(following[0]):
        return following[0]
    tail = _AND_MOST.search(clause)
    return tail.group("q") if tail is not None else None


def _crowd_stances(clause: str, m: re.Match[str], nxt: str, setting: Setting) -> list[Stance]:
    if _BOTH_SIDES.search(clause):
        return [Stance.SUPPORT, Stance.OPPOSE]
    actor = re.compile(re.escape(m.group(0)))
    act = act_of([clause], actor, setting.measure)
    if act is not None and act.stance in (Stance.SUPPORT, Stance.OPPOSE):
        return [act.stance]
    if _CROWD_SUPPORT.search(clause):
        return [Stance.SUPPORT]
    if _CROWD_OPPOSE.search(clause):
        return [Stance.OPPOSE]
    if _QUANTIFIER.match(nxt):
        first = _CLAUSES.split(nxt)[0]
        act = act_of([first], _QUANTIFIER, setting.measure)
        if act is not None and act.stance in (Stance.SUPPORT, Stance.OPPOSE):
            return [act.stance]
        if _CROWD_OPPOSE.search(first):
            return [Stance.OPPOSE]
    return []


_GROUP_NOUNS = re.compile(
    r"residents?|speakers?|commenters?|crowd|community|attendees?|protesters?|opponents?|"
    r"supporters?|critics?|activists?|advocates?|neighbors?|public|parents|students",
    re.IGNORECASE,
)


def _crowd_name(who: str) -> str:
    """A crowd's name as a group word people use ('Dozens of people' → 'Residents')."""
    who = " ".join(who.split())
    if re.match(r"(?i)(?:.+\s)?(?:parents|students)\b", who):
        # 'More than 40 parents and students' → 'Parents and students': who, not how many
        who = re.sub(r"^(?:.*?\s)?(?=(?:parents|students)\b)", "", who, flags=re.I)
    return who[:1].upper() + who[1:] if _GROUP_NOUNS.search(who) else "Residents"


# 'The Nassau County executive', "the governor's office", "the County Attorney's office":
# an office that acts with no person named.
_OFFICE = re.compile(
    rf"\b(?:[Tt]he\s+|from\s+the\s+)(?P<where>(?:[{UPPER}][\w.]*\s+){{0,3}}?)"
    r"(?P<office>(?i:governor|attorney general|county executive|county attorney|city attorney|"
    r"district attorney|borough solicitor|town attorney|executive))"
    rf"(?P<poss>['’]s (?i:office|staff))?(?!\s+[{UPPER}]|['’]s\s)"
    # the office acts: it is the subject of the verb that follows (after an aside)
    r"(?=(?:,[^,]{0,120},)?\s+(?:has\s+|had\s+|also\s+|then\s+)?(?:said|says|told|advised|"
    r"sent|urged|warned|wrote|announced|encouraged|called|threatened|sued|argued|explained|"
    r"intends|plans|signed|issued|filed|has|had|would|will)\b)"
)
_OFFICE_KINDS: dict[str, tuple[str, StakeholderKind]] = {
    "governor": ("{state} Governor", StakeholderKind.ELECTED_OFFICIAL),
    "attorney general": ("{where} Attorney General", StakeholderKind.GOVERNMENT_AGENCY),
    "county executive": ("{where} County Executive", StakeholderKind.ELECTED_OFFICIAL),
    "executive": ("{where} Executive", StakeholderKind.ELECTED_OFFICIAL),
    "county attorney": ("{place} County Attorney", StakeholderKind.GOVERNMENT_AGENCY),
    "city attorney": ("{place} City Attorney", StakeholderKind.GOVERNMENT_AGENCY),
    "district attorney": ("{where} District Attorney", StakeholderKind.GOVERNMENT_AGENCY),
    "borough solicitor": ("{place} Borough Solicitor", StakeholderKind.GOVERNMENT_AGENCY),
    "town attorney": ("{place} Town Attorney", StakeholderKind.GOVERNMENT_AGENCY),
}


def _offices(doc: Document, setting: Setting, people: People) -> list[Found]:
    """Offices that act with no person named ('The governor's office said he intends to
    sign the bill'); an office whose holder the text names is that person."""
    held = {" ".join((p.title or "").lower().split()) for p in people.all()}
    out: dict[str, Found] = {}
    for s in doc.body:
        for m in _OFFICE.finditer(s.text):
            office = m.group("office").lower()
            if office == "executive" and not re.search(r"\bCounty\s*$", m.group("where")):
                continue
            if office in held or office.split()[-1] in held:
                continue
            actor = re.compile(rf"{re.escape(m.group(0))}|\b(?:he|she)\b", re.IGNORECASE)
            act = act_of([s.text], actor, setting.measure)
            if act is not None and act.stance is None:
                continue
            stance = act.stance if act is not None else None
            lawyer = (
                "attorney" in office and office != "attorney general"
            ) or "solicitor" in office
            if stance is None and lawyer:
                stance = Stance.NEUTRAL  # the government's lawyers advise; they take no side
            elif stance is None and office != "governor":
                stance = stance_of(s.text)
            if stance is None or (stance is Stance.NEUTRAL and not lawyer):
                continue
            name = _office_name(m, office, setting)
            out.setdefault(name, Found(name, _OFFICE_KINDS[office][1], None, stance, s, "office"))
    return list(out.values())


# 'the Keller Police Department said in a statement': an agency speaking as itself.
_AGENCY = re.compile(
    rf"(?P<name>(?:[{UPPER}][\w.’'-]*\s+){{1,3}}?(?:Police Department|Sheriff['’]s (?:Office|"
    r"Department)|Department of Corrections))"
    r"(?=(?:,[^,]{0,120},)?\s+(?:has\s+|had\s+|also\s+)?(?:said|says|told|wrote|announced|"
    r"stated|warned|urged|argued|explained)\b)"
)


def _agencies(doc: Document, setting: Setting) -> list[Found]:
    """Police and sheriff's departments that speak as themselves; describing the agreement
    with no side taken is neutral, as for their chiefs."""
    out: dict[str, Found] = {}
    for s in doc.body:
        for m in _AGENCY.finditer(s.text):
            name = " ".join(re.sub(r"^(?:The|the)\s+", "", m.group("name")).split())
            actor = re.compile(re.escape(m.group("name")))
            act = act_of([s.text], actor, setting.measure)
            stance = act.stance if act is not None else stance_of(s.text, speaker_role="police")
            if stance is not None:
                found = Found(name, StakeholderKind.LAW_ENFORCEMENT, None, stance, s, "agency")
                out.setdefault(name, found)
    return list(out.values())


def _office_name(m: re.Match[str], office: str, setting: Setting) -> str:
    where = " ".join(m.group("where").split()) or setting.state
    if office == "county executive" or office == "executive":
        where = re.sub(r"\s*County$", "", where) if office == "county executive" else where
    template = _OFFICE_KINDS[office][0]
    name = template.format(state=setting.state, where=where, place=setting.place)
    if m.group("poss") and office not in ("governor", "county executive", "executive"):
        name += "'s Office"  # an elected official's office speaks for the official
    return re.sub(r"\b(County|City) \1\b", r"\1", " ".join(name.split()))


_PARTY_FOR = re.compile(
    r"(?:support|backing|backed)\s+(?:from|by)\s+(?:the\s+)?(?P<a>Democrats|Republicans)|"
    r"(?P<b>Democrats|Republicans)\s+(?:backed|supported|pushed|championed)|"
    r"\b(?:[Ee]very|[Aa]ll|[Ee]ach|[Tt]he)\s+(?:\w+\s+)?(?P<c>Democrat|Republican)s?\s+"
    r"(?:(?P<member>senators?|representatives?|delegates?|lawmakers|legislators|members)\s+)?"
    r"(?:present\s+)?voted\s+(?:for|in favor|yes)",
)
_PARTY_AGAINST = re.compile(
    r"(?:opposition|opposed)\s+(?:from|by)\s+(?:the\s+)?(?P<a>Democrats|Republicans)|"
    r"(?P<b>Democrats|Republicans)\s+"
    r"(?:opposed|argued|raised concerns|objected|voted against|warned)|"
    r"\b(?:[Ee]very|[Aa]ll|[Ee]ach|[Tt]he)\s+(?:\w+\s+)?(?P<c>Democrat|Republican)s?\s+"
    r"(?:(?P<member>senators?|representatives?|delegates?|lawmakers|legislators|members)\s+)?"
    r"(?:present\s+)?voted\s+(?:against|no)",
)


# 'Every Republican senator voted against': the chamber the bloc sits in
_CHAMBER_OF_MEMBER = {"senator": "Senate", "representative": "House", "delegate": "House"}


def _parties(doc: Document, setting: Setting) -> list[Found]:
    """A party as a bloc: for the measure or against it, then toward the agreement; named
    as the text names it ('Senate Democrats' only where the text says so)."""
    out: dict[str, Found] = {}
    for s in doc.body:
        for pattern, backs in ((_PARTY_FOR, True), (_PARTY_AGAINST, False)):
            for m in pattern.finditer(s.text):
                party = (m.group("a") or m.group("b") or m.group("c") or "").rstrip("s") + "s"
                chamber = re.search(rf"\b(House|Senate|Assembly)\s+{party}", doc.text)
                member = (m.groupdict().get("member") or "").lower()
                house = _CHAMBER_OF_MEMBER.get(member.rstrip("s"))
                name = (
                    f"{chamber.group(1) if chamber else house} {party}"
                    if chamber or house
                    else party
                )
                stance = setting.measure.stance_for(backs)
                if stance is not None and name not in out:
                    why = "party backing the measure" if backs else "party against the measure"
                    out[name] = Found(name, StakeholderKind.PARTY, None, stance, s, why)
    return list(out.values())
