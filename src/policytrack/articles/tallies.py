"""Tallies: '3-2', 'eight to two', 'by a vote of 99 to 75', 'unanimously' with a member
count, House and Senate tallies in one story."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytrack.articles.actions import tie_break_side
from policytrack.articles.document import TOPIC, Document, main_clause, on_topic, pairs_in
from policytrack.articles.numbers import COUNT, to_int
from policytrack.articles.sentences import Sentence
from policytrack.vocab import Action, Outcome

_PAIR = re.compile(
    # '3-2', 'eight to two', 'three votes to two', 'four votes to none'
    rf"(?<![\d/.$#:-])(?P<a>{COUNT})\s*(?:votes?\s+)?(?:-|–|—|\bto\b)\s*(?P<b>{COUNT}|none\b)"
    r"(?![\d%/:-])"
    r"(?!\s*(?:percent|years?|days?|weeks?|months?|hours?|minutes?|p\.m|a\.m|officers|people))",
    re.IGNORECASE,
)
_VOTE_CONTEXT = re.compile(
    r"\bvot|margin|\bpass|\bfail|\bsplit|\btie\b|deadlock|approv|carried|decision|\btally\b|"
    r"in favor|in support|ratif|adopt|reject|struck",
    re.IGNORECASE,
)
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b", re.IGNORECASE)
_YES_COUNT = re.compile(
    rf"\b(?:all\s+)?(?P<n>{COUNT})\s+(?:\w+\s+){{0,2}}?(?:voted|voting)\s+(?:in favor|for|yes)",
    re.IGNORECASE,
)
_ABSENT_COUNT = re.compile(
    rf"\b(?P<n>{COUNT})\s+(?:\w+\s+)?(?:(?:was|were)\s+)?(?:absent|not present)\b", re.IGNORECASE
)
_CHAMBER = re.compile(r"\b(House|Senate|Assembly|Delegates)\b")


@dataclass(frozen=True)
class Count:
    """A drafted count and the sentence it comes from."""

    value: int | None
    sentence: Sentence | None
    why: str | None = None


@dataclass(frozen=True)
class TallyReading:
    """Yes, no and absent as the text states them."""

    yes: Count
    no: Count
    absent: Count


NONE = Count(None, None)


def read_tally(
    doc: Document,
    outcome: Outcome | None,
    chamber: str | None,
    action: Action | None = None,
) -> TallyReading:
    """The tally of the reported vote, FOR the measure first (rule 2)."""
    for sentence in doc.vote_sentences:
        if _another_item(main_clause(sentence.text)):
            continue
        pair = _pair_in(sentence, doc, chamber)
        if pair is not None:
            return _oriented(pair, sentence, outcome, doc, action)
        if _UNANIMOUS.search(main_clause(sentence.text)):
            break  # the first sentence that gives a tally says 'unanimously'
    return _unanimous(doc)


_OBJECT = re.compile(
    r"\b(?:approved|adopted|passed|OK'?d|rejected|tabled)\b,?\s*(?:\d+\s*[-–]\s*\d+,?\s*)?"
    r"(?:an?|the)\s+(?P<what>[^.;]+)",
    re.IGNORECASE,
)
_ABOUT_THE_MEASURE = re.compile(
    r"\b(?:agreements?|partnership|program|contract|resolution|ordinance|measure|motion|"
    r"proposal|bill|item|memorandum|MOA|request|deal|pact|application|amendment|addendum|"
    r"renewal|policy|legislation|law|act|ban|mandate|[SH]\.?B\.?\s*\d+|it)\b",
    re.IGNORECASE,
)


def _another_item(clause: str) -> bool:
    """'Council approved, 5-0, a 4% increase in water rates': a vote whose object is
    named and is neither the agreement nor a measure about it is another item's vote."""
    m = _OBJECT.search(clause)
    if m is None:
        return False
    return not (TOPIC.search(clause) or _ABOUT_THE_MEASURE.search(m.group("what")))


def _pair_in(sentence: Sentence, doc: Document, chamber: str | None) -> tuple[int, int] | None:
    clause = main_clause(sentence.text)
    if not _VOTE_CONTEXT.search(clause) or not on_topic(sentence, doc):
        return None
    pairs = []
    for m in _PAIR.finditer(clause):
        a = to_int(m.group("a"))
        b = 0 if m.group("b").lower() == "none" else to_int(m.group("b"))
        words = not (m.group("a").isdigit() and m.group("b").isdigit())
        if a is None or b is None or (words and not re.search(r"\bvot", clause, re.I)):
            continue
        if a + b == 0 or a > 500 or b > 500:
            continue
        pairs.append((a, b, _chamber_near(clause, m)))
    if chamber and len(pairs) > 1:
        same = [p for p in pairs if p[2] and chamber.startswith(p[2])]
        pairs = same or pairs
    return (pairs[0][0], pairs[0][1]) if pairs else None


def _chamber_near(clause: str, m: re.Match[str]) -> str | None:
    after = _CHAMBER.search(clause[m.end() : m.end() + 20])
    before = list(_CHAMBER.finditer(clause[max(0, m.start() - 25) : m.start()]))
    found = after or (before[-1] if before else None)
    if found is None:
        return None
    return "House" if found.group(1) in ("House", "Assembly", "Delegates") else "Senate"


def _oriented(
    pair: tuple[int, int],
    sentence: Sentence,
    outcome: Outcome | None,
    doc: Document,
    action: Action | None,
) -> TallyReading:
    yes, no = pair
    why = "tally stated"
    if (outcome is Outcome.FAILED and yes > no) or (outcome is Outcome.PASSED and yes < no):
        yes, no, why = no, yes, "tally stated; the measure's side is the smaller"
    if yes == no:
        yes, no, why = _tie_break(doc, yes, no, why, action)
    absent = _absent_count(doc)
    return TallyReading(Count(yes, sentence, why), Count(no, sentence, why), absent)


def _tie_break(
    doc: Document, yes: int, no: int, why: str, action: Action | None
) -> tuple[int, int, str]:
    """A tie broken by a deciding vote (a mayor's): the side it went to gains one."""
    side = tie_break_side(doc, action)
    if side == "against":
        return yes, no + 1, "tie broken by a deciding vote against"
    if side == "for":
        return yes + 1, no, "tie broken by a deciding vote for"
    return yes, no, why


_ABSTAIN_COUNT = re.compile(
    rf"\b(?P<n>{COUNT})\s+(?:\w+\s+)?(?:abstain(?:ed|ing)|abstentions?)\b", re.IGNORECASE
)


def abstain_count(doc: Document) -> Count:
    """'with one commissioner abstaining', 'two abstentions': abstentions counted in the text."""
    for s in doc.vote_sentences[:6]:
        m = _ABSTAIN_COUNT.search(s.text)
        if m is not None and (n := to_int(m.group("n"))) is not None:
            return Count(n, s, "abstentions stated")
    return NONE


_ALL_PRESENT = re.compile(
    rf"\b(?:all|each of the)\s+(?:{COUNT}\s+)?(?:\w+\s+){{0,2}}?(?:members|commissioners|"
    rf"supervisors|trustees|council\s*members|councilors|aldermen|jurors|justices)\s+"
    rf"(?:were\s+present|(?:voted|were\s+there))\b",
    re.IGNORECASE,
)


def _absent_count(doc: Document) -> Count:
    for s in doc.vote_sentences[:6]:
        m = _ABSENT_COUNT.search(s.text)
        if m is not None and (n := to_int(m.group("n"))) is not None:
            return Count(n, s, "absent count stated")
    for s in doc.lead:
        if _ALL_PRESENT.search(s.text):
            return Count(0, s, "every member stated present")
    return NONE


_ALL_VOTED = re.compile(
    rf"\b(?:all|each of the)\s+(?P<n>{COUNT})\s+(?:\w+\s+){{0,2}}?(?:members|commissioners|"
    rf"supervisors|trustees|council\s*members|councilors|aldermen|jurors|justices|senators|"
    rf"delegates|representatives|legislators)\s+(?:present\s+)?(?:voted|voting)\b",
    re.IGNORECASE,
)


# 'All five members of the court were present', 'with all seven trustees present'
_PRESENT_COUNT = re.compile(
    rf"\ball\s+(?P<n>{COUNT})\s+(?:\w+\s+){{0,2}}?(?:members|commissioners|supervisors|"
    rf"trustees|council\s*members|councilors|aldermen|jurors|justices)\s+(?:of\s+the\s+\w+\s+)?"
    rf"(?:were\s+)?present\b",
    re.IGNORECASE,
)


def _unanimous(doc: Document) -> TallyReading:
    """'Unanimously' gives no = 0; yes only with a stated member count (rule 2)."""
    yes, no = NONE, NONE
    for s in doc.lead:
        present = _PRESENT_COUNT.search(s.text)
        said = [u for u in doc.vote_sentences[:8] if _UNANIMOUS.search(main_clause(u.text))]
        if present is not None and said and (n := to_int(present.group("n"))):
            # 'unanimously' + 'all five members were present' → 5-0 (rule 2 arithmetic)
            why = "unanimous with every member present"
            return TallyReading(Count(n, s, why), Count(0, said[0], why), Count(0, s, why))
    for s in doc.vote_sentences[:8]:
        every = _ALL_VOTED.search(main_clause(s.text))
        if every is not None and (n := to_int(every.group("n"))):
            # 'All three commissioners voted to renew it' (rule 2: plain arithmetic)
            return TallyReading(
                Count(n, s, "every member stated to have voted for it"),
                Count(0, s, "every member stated to have voted for it"),
                Count(0, s, "every member voted") if _ALL_PRESENT.search(s.text) else NONE,
            )
        zero = [a for a, b in pairs_in(main_clause(s.text)) if b == 0]
        if zero and _VOTE_CONTEXT.search(s.text):
            return TallyReading(
                Count(zero[0], s, "tally stated"), Count(0, s, "tally stated"), NONE
            )
        m = _YES_COUNT.search(s.text)
        if m is not None and yes.value is None:
            yes = Count(to_int(m.group("n")), s, "members voting in favor stated")
        if _UNANIMOUS.search(main_clause(s.text)) and no.value is None:
            no = Count(0, s, "unanimous")
    return TallyReading(yes, no, _absent_count(doc))
