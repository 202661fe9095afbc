"""The article as the rules see it: sentences, the lead, and which sentences tell the vote."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from policytrack.articles.reading import Article
from policytrack.articles.sentences import Sentence, split_sentences

TOPIC = re.compile(
    r"\bICE\b|287\s*\(?\s*g\s*\)?|287-?G\b|immigra|deport|sanctuary|Homeland Security|"
    r"undocumented|illegal aliens|detainers?\b|Welcoming City",
    re.IGNORECASE,
)
VOTE_WORDS = re.compile(
    r"\b(vot(?:e|ed|es|ing)|approv\w*|pass(?:ed|es|ing)?|ratif\w*|reject\w*|adopt\w*|"
    r"authoriz\w*|renew\w*|declin\w*|struck down|unanimous\w*|tabled?|postpon\w*|void\w*|"
    r"terminat\w*|rescind\w*|block(?:ed|s)?|fail(?:ed|s)?|deadlock\w*|OKs|reinstat\w*|"
    r"retain\w*|expands?|enters?|joins?|partners?|ends?|ending|expire\w*|refused)\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"©|all rights reserved|play live radio|available on air|next up:|newsletter|click here|"
    r"subscribe|support for .* is provided|thanks our sponsors|read more|^more:|^watch\b|"
    r"leer en español|^share$|^home\b|^description$|^logo$|^\d+:\d\d|webinar|"
    r"article continues below|download (our|the)|stream channel|^image",
    re.IGNORECASE,
)
# Clauses about another, earlier vote inside a sentence about this one.
_EARLIER_CLAUSE = (
    re.compile(r"^(?:\w+\s+){0,3}(?:after|following)\b[^,]*,\s*", re.I),
    re.compile(
        r",?\s*(?:following|after|since)\s+(?:a|the|its)?\s*(?:previous|earlier|prior)\b.*$", re.I
    ),
    re.compile(r"\s+after previously\b.*$", re.I),
)
OTHER_TIME = re.compile(
    r"\b(?:previously|earlier this|last (?:month|year)|back in|a week earlier|"
    r"days earlier|in (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b(?! \d)|since (?:19|20)\d\d|in (?:19|20)\d\d|next meeting|"
    r"will (?:vote|consider))",
    re.IGNORECASE,
)
LEAD_SIZE = 12


_RELATIVE = re.compile(r"(?:,\s*|\s)(?:which|who|whom|whose|that)\b[^,;]*", re.IGNORECASE)


def without_relatives(text: str) -> str:
    """The clause without relative clauses ('…, which previously deputized …')."""
    return _RELATIVE.sub(" ", text)


_SOME_OTHER_TIME = re.compile(
    r"\b(?:previously|earlier this|last (?:month|year)|back in|a week earlier|days earlier|"
    r"next meeting|will (?:vote|consider))",
    re.IGNORECASE,
)


def about_another_time(clause: str) -> bool:
    """A clause about another occasion: 'previously', 'back in', or a month named before its
    vote word ('In March, the board voted …'), relative clauses left out."""
    text = without_relatives(clause)
    if _SOME_OTHER_TIME.search(text):
        return True
    verb = VOTE_WORDS.search(text)
    head = text[: verb.start()] if verb else text
    return bool(OTHER_TIME.search(head))


def main_clause(text: str) -> str:
    """The sentence without a clause about an earlier vote ('Four days after a deadlocked
    vote rejected it, members voted unanimously to approve' → 'members voted …')."""
    for pattern in _EARLIER_CLAUSE:
        text = pattern.sub("", text)
    return text


@dataclass
class Document:
    """An article split into sentences, with the lead and headline picked out."""

    article: Article
    sentences: list[Sentence] = field(init=False)

    def __post_init__(self) -> None:
        """Split the text once."""
        self.sentences = split_sentences(self.article.text)

    @property
    def text(self) -> str:
        """The article text every span points into."""
        return self.article.text

    @cached_property
    def body(self) -> list[Sentence]:
        """Sentences that are not page furniture (player controls, sharing, sponsors)."""
        return [s for s in self.sentences if not is_boilerplate(s.text)]

    @cached_property
    def lead(self) -> list[Sentence]:
        """The headline and the first sentences: where reports state the vote."""
        return self.body[:LEAD_SIZE]

    @cached_property
    def vote_sentences(self) -> list[Sentence]:
        """Sentences that tell this vote: a vote word and the topic (or the first ones), in
        text order, leaving out sentences about other times."""
        out = []
        for s in self.body:
            clause = main_clause(s.text)
            if not VOTE_WORDS.search(clause) or about_another_time(clause):
                continue
            if TOPIC.search(clause) or s in self.lead:
                out.append(s)
        return out

    def set_focus(self, place: str | None, tally_sentence: Sentence | None) -> None:
        """Leave out, from the sentences that tell the vote, those about another vote: after
        the sentence that gives the tally, one with a different tally; anywhere, one that
        names another place's vote and not this place."""
        main = pairs_in(tally_sentence.text) if tally_sentence else set()
        unanimous = tally_sentence is not None and not main
        kept = []
        for s in self.vote_sentences:
            later = tally_sentence is not None and s.index > tally_sentence.index
            pairs = pairs_in(main_clause(s.text))
            if later and pairs and (unanimous or not pairs & main):
                continue
            if place and _other_place_vote(s.text, place):
                continue
            kept.append(s)
        self.__dict__["vote_sentences"] = kept

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset of the text."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def neighbours(self, sentence: Sentence, before: int = 2) -> list[Sentence]:
        """The sentence and up to `before` sentences ahead of it in the same paragraph."""
        i = sentence.index
        return [
            s
            for s in self.sentences[max(0, i - before) : i + 1]
            if s.paragraph == sentence.paragraph
        ]


_PAIR = re.compile(r"(?<![\d/.$-])(\d{1,3})\s*(?:-|–|—|to)\s*(\d{1,3})(?![\d%/-])")
_PLACE_VOTE = re.compile(
    r"\b(?:[Cc]ity|[Tt]own|[Vv]illage) of ((?:[A-Z][\w’'-]+\s?){1,3})|"
    r"((?:[A-Z][\w’'-]+\s){1,3})(?:City Council|City Commission|County Commission|commissioners)"
)


def pairs_in(text: str) -> set[tuple[int, int]]:
    """The number pairs of a sentence, unordered ('3-2' and '2-3' are one tally)."""
    out = set()
    for m in _PAIR.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        out.add((max(a, b), min(a, b)))
    return out


_GENERIC_PLACE_WORDS = frozenset(
    {"county", "parish", "city", "town", "village", "saint", "fort", "mount", "port", "east",
     "west", "north", "south", "new", "lake", "san", "santa", "el", "la", "los", "las"}
)  # fmt: skip


def _other_place_vote(text: str, place: str) -> bool:
    """The sentence is about another city's or county's body, and not about `place`."""
    # 'Saint Lucie County' is printed 'St. Lucie County': compare the name's own words
    own = [w for w in place.split() if w.lower() not in _GENERIC_PLACE_WORDS] or place.split()
    if any(re.search(rf"\b{re.escape(w)}\b", text) for w in own):
        return False
    for m in _PLACE_VOTE.finditer(text):
        named = (m.group(1) or m.group(2) or "").strip()
        if named and named.split()[0] not in ("The", "A", "This", "That"):
            return True
    return False


def on_topic(sentence: Sentence, doc: Document) -> bool:
    """The sentence, or one of the five before it, is about ICE cooperation — or it is
    among the first: a tally about backyard chickens three paragraphs on is not the vote."""
    position = doc.body.index(sentence) if sentence in doc.body else sentence.index
    window = doc.body[max(0, position - 5) : position + 1]
    return any(TOPIC.search(s.text) for s in window) or sentence in doc.lead[:4]


def is_boilerplate(text: str) -> bool:
    """Page furniture: very short lines and known widget text."""
    words = text.split()
    return len(words) < 3 or bool(_BOILERPLATE.search(text.strip()))
