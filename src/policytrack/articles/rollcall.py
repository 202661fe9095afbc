"""Roll calls: how named members voted on the drafted measure — stated outright ('A, B and C
voted in favor', 'Voting against were …', 'X, who voted no', 'with Y absent') or by
elimination from a stated tally (labelling rule 3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.articles.actions import measure_action
from policytrack.articles.document import (
    OTHER_TIME,
    VOTE_WORDS,
    Document,
    on_topic,
    without_relatives,
)
from policytrack.articles.names import NAME, TITLE, People, Person, split_names
from policytrack.articles.sentences import Sentence
from policytrack.vocab import Action

_MEASURE = (
    r"(?:it|the (?:motion|resolution|measure|bill|bills|ordinance|item|proposal|move|amendment)|"
    r"that)"
)
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:also\s+)?vot(?:ed|ing|e)\s+(?:her|his|their)\s+support\s+for\s+(?P<what>\w+)", "for"),
    (r"(?:also\s+)?vot(?:ed|ing|e)\s+in\s+favor(?:\s+of\s+(?P<what>[\w’']+(?:\s+\w+)?))?", "for"),
    (r"(?:also\s+)?vot(?:ed|ing|e)\s+(?:yes|for)\b", "yes"),
    (
    r"(?:also\s+)?(?:vot(?:ed|ing|e)|to vote)\s+against(?:\s+"
    r"(?P<what>[\w’']+(?:\s+[\w’']+)?))?",
    "against",
    ),
    (
    r"(?:also\s+)?vot(?:ed|ing)\s+no\b|voted\s+[“\"]no[”\"]|cast\s+(?:his|her|"
    r"their)\s+[“\"]no[”\"]\s+vote", "no"),
    (r"(?:also\s+)?vot(?:ed|ing)\s+to\s+(?P<what>[^.;,]{0,60})", "to"),
    (r"(?:was|were)\s+(?:one\s+of\s+)?the\s+(?:\w+\s+)?[“\"]?no[”\"]?\s+votes", "no"),
    (
    rf"opposed\s+{_MEASURE}|(?:was|were)\s+among\s+those\s+opposed|dissent(?:ed|ing votes?)", "no"),
    (rf"approved\s+{_MEASURE}|supported\s+{_MEASURE}", "yes"),
    (r"cast\s+the\s+dissenting\s+votes?", "no"),
    (
    r"cast\s+(?:the|a)\s+(?:only|lone|sole|two|three|four|five|\d+|other|remaining)\s+"
    r"(?:[“\"]?(?:no|nay)[”\"]?\s+votes?|votes?\s+against|dissenting\s+votes?)", "no"),
    (
    r"cast\s+(?:the|a)\s+(?:only|lone|sole)\s+(?:[“\"]?(?:yes|aye)[”\"]?\s+vote|"
    r"vote\s+in\s+favor)", "yes"),
    (r"cast\s+the\s+deciding\s+vote\s+against", "no"),
    (
    r"(?:was|were)\s+the\s+(?:lone|only|sole)\s+(?:dissenters?|holdouts?|dissenting\s+votes?|"
    r"[“\"]?no[”\"]?\s+votes?)", "no"),
    (r"\b(?:Opposing|Dissenting\s+from)\s+(?:it|the\s+\w+)(?=\s+(?:were|was)\b)", "no"),
    (r"\bSupporting\s+(?:it|the\s+\w+)(?=\s+(?:were|was)\b)", "yes"),
    (r"cast\s+the\s+lone\s+dissenting\s+vote|\bdissented\b", "no"),
    (r"\babstain(?:ed|ing)\b|\brecused\s+(?:himself|herself|themselves)\b", "abstain"),
)  # fmt: skip
_WITH_OTHERS = re.compile(
    r"^(?:\s*\(?[^)]{0,40}\)?)?\s*(?:alongside|along with|together with|joined by)\b",
    re.IGNORECASE,
)
_AFTER_LIST = re.compile(
    r"^(?:\s*\(?[^)]{0,40}\)?)?\s*(?:were|was|came from|alongside|along with|together with)"
    r"\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_NO_VOTES_LIST = re.compile(
    r"(?:(?:two|three|four|\d)?\s*[“\"]?no[”\"]?\s+votes?|"
    r"\b(?:lone|only|sole)\s+(?:votes?\s+against|dissenting\s+votes?|dissent))"
    r"\s*(?:—|–|-|:|came from|were)\s*(?P<names>[^—–.]+)",
    re.IGNORECASE,
)
_ABSENT = re.compile(
    r"(?P<before>[^,;]*?)(?:,\s*)?\b(?:(?:was|were)\s+(?:absent|not present)|"
    r"out of town|absent from the meeting)",
    re.IGNORECASE,
)
_WITH_ABSENT = re.compile(r"\bwith\s+(?P<names>[^,;]+?)\s+(?:absent|not present)\b", re.IGNORECASE)
_PRONOUN_ABSENT = re.compile(r"\b(?:he|she)\s+was\s+absent\b", re.IGNORECASE)
_AGREEMENT = re.compile(r"\b(?:agreement|addendum|partnership|program|contract)\b", re.I)
_MEMBER_ROLES = frozenset({"member", "mayor", "chair"})
_COMPILED = tuple((re.compile(p, re.IGNORECASE), side) for p, side in _PHRASES)


@dataclass(frozen=True)
class Ballot:
    """One member's vote as the text gives it."""

    person: Person
    vote: str  # yes | no | absent
    sentence: Sentence
    why: str


def read_roll_call(
    doc: Document, people: People, action: Action | None, tally: tuple[int | None, int | None]
) -> list[Ballot]:
    """Every member vote the text states, then those that follow by elimination."""
    ballots: dict[str, Ballot] = {}
    group_vote: tuple[str, Sentence] | None = None
    for sentence in doc.body:
        if _other_vote(sentence) or not (
            on_topic(sentence, doc) or _AGREEMENT.search(sentence.text)
        ):
            group_vote = None
            continue
        for ballot in _joined_by(sentence, people, group_vote):
            ballots.setdefault(ballot.person.surname, ballot)
        for ballot in _stated(sentence, people, action):
            ballots.setdefault(ballot.person.surname, ballot)
        group_vote = _group_vote(sentence, action)
    for ballot in _absences(doc, people):
        ballots.setdefault(ballot.person.surname, ballot)
    for ballot in _by_elimination(doc, people, ballots, tally):
        ballots.setdefault(ballot.person.surname, ballot)
    return sorted(ballots.values(), key=lambda b: (b.sentence.start, b.vote))


def _other_vote(sentence: Sentence) -> bool:
    """A sentence about another motion ('On a separate motion', 'Back in August'); a time
    far from its vote words dates something else ('who voted for the delay, said she was
    concerned about two transports last year')."""
    text = without_relatives(sentence.text)
    if re.search(r"separate motion|also approved|chickens?", text, re.I):
        return True
    votes = [m.span() for m in VOTE_WORDS.finditer(sentence.text)]
    for when in OTHER_TIME.finditer(sentence.text):
        if not votes or any(a - 60 <= when.start() <= b + 40 for a, b in votes):
            return bool(OTHER_TIME.search(text)) or not votes
    return False


def _stated(sentence: Sentence, people: People, action: Action | None) -> list[Ballot]:
    out: list[Ballot] = []
    text = sentence.text
    cursor = 0
    for match, side in sorted(_matches(text), key=lambda x: x[0].start()):
        vote = _orient(side, match.groupdict().get("what"), action)
        if vote is None:
            continue
        names = (
            _names_after(text[match.end() :])
            or _names_among(text[cursor : match.start()], text[match.end() :])
            or _names_before(text[cursor : match.start()])
        )
        if _WITH_OTHERS.match(text[match.end() :]):
            # 'X approved it alongside A and B': the subject voted with them
            names = [*_names_before(text[cursor : match.start()]), *names]
        cursor = match.end()
        for raw in names:
            person = people.resolve(raw, sentence, surname_alone=len(names) > 1)
            if person is not None and not _cut_off(sentence, raw, people):
                out.append(Ballot(person, vote, sentence, f"stated: {match.group(0)!r}"))
    out += _with_sides(sentence, people)
    for listed in _NO_VOTES_LIST.finditer(text):
        listed_names = re.split(r",\s*who\b|\bwho\b", listed.group("names"))[0]
        for raw in split_names(listed_names):
            person = people.resolve(raw, sentence)
            if person is not None:
                out.append(Ballot(person, "no", sentence, "named as a no vote"))
    return out


_JOINED_NEXT = re.compile(
    r"^(?:They|He|She|The\s+\w+)\s+(?:was|were)\s+(?:also\s+)?joined\s+by\s+(?P<names>[^;]+)"
)
_GROUP_VOTER = re.compile(
    r"\b(?:every|each|all|the\s+other)\s+(?:\w+\s+){0,2}?(?:Democrats?|Republicans?|members?|"
    r"commissioners|supervisors|senators|delegates|representatives|council\s*members)\b|"
    r"\bas\s+a\s+bloc\b",
    re.IGNORECASE,
)
# 'Two Democrats, Sens. A and B, joined them.'; 'Three Republicans joined them, among them
# Rep. C, who …': members who joined the bloc of the sentence before.
_JOINED_THEM = re.compile(
    r"\bjoined\s+(?:them|(?:the\s+)?(?:Democrats|Republicans|majority|minority))\b"
    r"(?:\s+in\s+voting\s+\w+)?"
)
_AMONG_THEM = re.compile(r"\b(?:among\s+them|including)\b(?P<names>[^;]*)", re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|its|their|his|her|final|next)\s*$", re.I)


def _group_vote(sentence: Sentence, action: Action | None) -> tuple[str, Sentence] | None:
    """'Every Democrat present voted against the bill.': a bloc's vote, which 'They were
    joined by X' in the next sentence gives to X as well."""
    if not _GROUP_VOTER.search(sentence.text):
        return None
    for match, side in _matches(sentence.text):
        vote = _orient(side, match.groupdict().get("what"), action)
        if vote in ("yes", "no"):
            return vote, sentence
    return None


def _joined_by(
    sentence: Sentence, people: People, group_vote: tuple[str, Sentence] | None
) -> list[Ballot]:
    if group_vote is None:
        return []
    m = _JOINED_NEXT.match(sentence.text)
    if m is None:
        return _joined_them(sentence, people, group_vote[0])
    names = split_names(re.split(r",\s*who\b|\bwho\b", m.group("names"))[0])
    out = []
    for raw in names:
        person = people.resolve(raw, sentence)
        if person is not None:
            out.append(Ballot(person, group_vote[0], sentence, "joined a bloc's stated vote"))
    return out


def _joined_them(sentence: Sentence, people: People, vote: str) -> list[Ballot]:
    """Named members who 'joined them' (the bloc voting in the sentence before): the
    subject before 'joined', or those listed after 'among them' (full names: 'Two
    Democrats' is nobody)."""
    m = _JOINED_THEM.search(sentence.text)
    if m is None:
        return []
    chunks = [sentence.text[: m.start()]]
    after = _AMONG_THEM.search(sentence.text[m.end() :])
    if after is not None:
        chunks.append(after.group("names"))
    out = []
    for chunk in chunks:
        for raw in split_names(re.split(r",\s*who\b|\bwho\b", chunk)[0]):
            person = people.resolve(raw, sentence)
            if person is not None and not re.search(r"\b(?:Democrats?|Republicans?)\b", raw):
                out.append(Ballot(person, vote, sentence, "joined a bloc's stated vote"))
    return out


_SIDE = re.compile(
    r"(?P<names>[^;:]{3,120}?)\s+(?:voting\s+|casting\s+)?(?P<side>in\s+favor|yes|against|"
    r"opposed|no|dissenting)\b(?:\s+(?:of\s+)?(?:it|the\s+\w+))?",
    re.IGNORECASE,
)


def _with_sides(sentence: Sentence, people: People) -> list[Ballot]:
    """'…, with A, B and C in favor and D and E opposed'; '…, with Councilor F voting no'."""
    m = re.search(r"\bwith\s+(?=(?:(?i:" + TITLE + r")\s+)?[A-Z])", sentence.text)
    if m is None:
        return []
    rest = sentence.text[m.end() :]
    out: list[Ballot] = []
    while (group := _SIDE.match(rest)) is not None:
        chunk = group.group("names")
        if re.search(r"\b(?:vot\w+|said|says|absent|present)\b", chunk, re.IGNORECASE):
            break
        vote = "yes" if group.group("side").lower() in ("in favor", "yes") else "no"
        names = split_names(chunk)
        for raw in names:
            person = people.resolve(raw, sentence, surname_alone=len(names) > 1)
            if person is not None:
                out.append(Ballot(person, vote, sentence, f"stated: {group.group(0).strip()!r}"))
        rest = re.sub(r"^\s*,?\s*(?:and|while|but)?\s*", "", rest[group.end() :])
    return out


def _matches(text: str) -> list[tuple[re.Match[str], str]]:
    found: list[tuple[re.Match[str], str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, side in _COMPILED:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if m.group(0).lower().startswith("vote ") and _DETERMINER.search(text[: m.start()]):
                continue  # 'delay the vote for two weeks': the noun, not a member voting
            taken.append((m.start(), m.end()))
            found.append((m, side))
    return found


_ON_THE_MEASURE = (
    r"(?:reject|defeat|kill|vote down|oppose|approve|pass|adopt)\s+(?:it|the\s+(?:resolution|"
    r"measure|motion|ordinance|proposal|bill|amendment))\b"
)


def _orient(side: str, what: str | None, action: Action | None) -> str | None:
    """A phrase's vote on the drafted measure: 'voted to end it' is yes when the measure
    ends the agreement and no when it approves it."""
    if side in ("yes", "no", "abstain"):
        return side
    if side == "to" and re.match(_ON_THE_MEASURE, what or "", re.IGNORECASE):
        # 'voted to reject it', 'voted to approve the resolution': the verb acts on the
        # measure itself, whatever the measure does to the agreement
        return (
            "no"
            if re.match(r"(?:reject|defeat|kill|vote down|oppose)", what or "", re.I)
            else "yes"
        )
    if side == "for" and not what:
        return "yes"
    target = measure_action(what or "")
    if side == "for":
        return "yes" if target in (None, action) else "no"
    if side == "against":
        if re.match(r"(?:the\s+)?(?:agreement|program|partnership|contract)", what or "", re.I):
            return "no" if action is Action.APPROVE else "yes"
        return "no" if target in (None, action) else "yes"
    if target is None:
        return None
    return "yes" if target is action else "no"


_AMONG = re.compile(r"\b(?:among|of)\s+(?:the\s+)?(?:\w+\s+){0,3}?who\s+$", re.IGNORECASE)
_FIRST_NAMED = re.compile(rf"^\s*,\s*(?:(?i:{TITLE})\s+)?(?P<name>{NAME})")


def _names_among(before: str, rest: str) -> list[str]:
    """'Among the four supervisors who voted no, Supervisor X argued …': X voted no."""
    if not _AMONG.search(before):
        return []
    m = _FIRST_NAMED.match(rest)
    return [m.group("name")] if m else []


def _names_after(rest: str) -> list[str]:
    m = _AFTER_LIST.match(rest)
    return split_names(re.split(r"[.;]", m.group("names"))[0]) if m else []


_GROUP_SUBJECT = re.compile(
    r"\b(?:commissioners|council|councilmembers|members|board|commission|supervisors|lawmakers|"
    r"legislators|they|he|she|we|it)\b(?!\s+(?-i:[A-Z]))(?P<rest>[^,]*)$",
    re.IGNORECASE,
)


def _names_before(chunk: str) -> list[str]:
    # The voters are the subject: the words after the last clause break before the phrase;
    # a subject that is the body or a pronoun ('Orange County commissioners voted') names no one.
    parts = re.split(r"\bwhile\b|\bbut\b|\bwhereas\b|;|\.\s|\.(?=[A-Z])|:\s", chunk)
    subject = re.sub(r"^\s*with\b[^,]*,", "", parts[-1], flags=re.IGNORECASE)
    subject = re.sub(r",\s*(?:who|a|the|an)\b[^,]*,?\s*$", "", subject)
    subject = re.sub(r"[“\"][^”\"]*[”\"]", " ", subject)
    group = _GROUP_SUBJECT.search(subject)
    if group is not None:
        subject = group.group("rest")
    return split_names(subject)


def _cut_off(sentence: Sentence, raw: str, people: People) -> bool:
    """A name at the very end of a truncated excerpt ('Miguel Ángel') is not a full name."""
    text = people.doc.text.rstrip()
    return sentence.end >= len(text) and text.endswith(raw.strip())


def _absences(doc: Document, people: People) -> list[Ballot]:
    out = []
    for s in doc.body:
        for raw in [*_with_absent(s), *_before_absent(s), *_pronoun_absent(s, people)]:
            person = people.resolve(raw, s)
            if person is not None:
                out.append(Ballot(person, "absent", s, "stated absent"))
    return out


def _with_absent(s: Sentence) -> list[str]:
    return [n for m in _WITH_ABSENT.finditer(s.text) for n in split_names(m.group("names"))]


def _before_absent(s: Sentence) -> list[str]:
    names = []
    for m in _ABSENT.finditer(s.text):
        if re.search(r"\bwere\s*$|\bwere\s+(?:absent|not)", m.group(0)):
            # 'Trustees A and B were absent': everyone in the plural subject.
            subject = re.split(r"\bbut\b|[;:]|\bwhile\b", m.group("before"))[-1]
            names += split_names(subject)
            continue
        found = split_names(re.split(r"\bbut\b|\band\b(?=[^,]*$)", m.group("before"))[-1])
        names += found[-1:]
    return names


def _pronoun_absent(s: Sentence, people: People) -> list[str]:
    m = _PRONOUN_ABSENT.search(s.text)
    if m is None:
        return []
    before = [p for p in people.all() if p.name.split()[-1] in s.text[: m.start()]]
    return [before[-1].name] if before else []


def _by_elimination(
    doc: Document, people: People, ballots: dict[str, Ballot], tally: tuple[int | None, int | None]
) -> list[Ballot]:
    """One side fully named; the other members named as present exactly fill the other side."""
    yes, no = tally
    if yes is None or no is None:
        return []
    named_yes = [b for b in ballots.values() if b.vote == "yes"]
    named_no = [b for b in ballots.values() if b.vote == "no"]
    others = [p for p in _members_present(doc, people) if p.surname not in ballots]
    if len(named_yes) == yes and len(others) == no - len(named_no) and others:
        return [Ballot(p, "no", p.sentence, "by elimination from the tally") for p in others]
    if len(named_no) == no and len(others) == yes - len(named_yes) and others:
        return [Ballot(p, "yes", p.sentence, "by elimination from the tally") for p in others]
    return []


def _members_present(doc: Document, people: People) -> list[Person]:
    out = []
    for p in people.all():
        if p.role not in _MEMBER_ROLES and not _moved_motion(doc, p):
            continue
        mentions = [
            s
            for s in doc.body
            if p.surname and re.search(rf"\b{re.escape(p.name.split()[-1])}\b", s.text)
        ]
        if any(not _other_vote(s) and _AT_THE_MEETING.search(s.text) for s in mentions):
            out.append(p)
    return out


_AT_THE_MEETING = re.compile(
    r"\b(?:vot\w+|said|says|told|asked|argued|spoke|agreed|proposed|introduced|moved|"
    r"seconded|sponsored|meeting|supported|opposed|added|explained)\b",
    re.IGNORECASE,
)


def _moved_motion(doc: Document, person: Person) -> bool:
    """Introducing or moving the motion is a member's act even when no title is printed."""
    last = re.escape(person.name.split()[-1])
    return any(
        re.search(rf"\b{last}\b[^.]{{0,40}}\b(?:introduced|moved|sponsored|co-sponsored)\b", s.text)
        for s in doc.body
    )
