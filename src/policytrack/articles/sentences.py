"""Split article text into sentences that keep their character spans in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a full stop without ending a sentence (titles, months, states, Latin).
_ABBREVIATIONS = frozenset(
    re.split(
        r"\s+",
        """mr mrs ms dr gov sen sens rep reps del dels lt gen col sgt capt st ft mt jr sr rev hon
    ald alds
    supt atty asst dept vs inc co corp ltd jan feb mar apr jun jul aug sep sept oct nov
    dec ala ariz ark calif colo conn fla ga ill ind kan ky la md mass mich minn miss mo mont neb
    nev okla ore pa tenn tex va vt wash wis wyo e g i etc approx""".strip(),
    )
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?$")


@dataclass(frozen=True)
class Sentence:
    """A sentence, where it starts and ends in the article text, and its paragraph."""

    text: str
    start: int
    end: int
    index: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of every non-empty line; a line break always ends a sentence."""
    out: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        for start, end in _line_spans(line):
            out.append(Sentence(line[start:end], offset + start, offset + end, len(out), paragraph))
        offset += len(line) + 1
    return out


def _line_spans(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        if _is_abbreviation(line, match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(line)))
    return [_trim(line, a, b) for a, b in spans if line[a:b].strip()]


def _is_abbreviation(line: str, dot: int) -> bool:
    """A full stop after a title, an initial or a known abbreviation ends no sentence."""
    if line[dot] != ".":
        return False
    word = _WORD_BEFORE.search(line[max(0, dot - 12) : dot])
    if word is None:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isupper():
        return True  # an initial ("Barry M. Barnard", "U.S.")
    return token.lower() in _ABBREVIATIONS


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
