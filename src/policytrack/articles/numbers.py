"""Numbers as news reports write them: digits, or words ("eight", "ninety-nine")."""

from __future__ import annotations

import re

from text_to_num import text2num

_UNITS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD = (
    rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|(?:{_UNITS})(?:[- ]hundred(?:[- ](?:and[- ])?(?:{_TENS}|{_UNITS}))?)?)"
)
# A count: digits or number words, as a whole word.
COUNT = rf"(?:\d{{1,3}}|{NUMBER_WORD})"
_WORD_RE = re.compile(rf"^{NUMBER_WORD}$", re.IGNORECASE)


def to_int(token: str) -> int | None:
    """The value of a count written in digits or English words; None if it is neither."""
    clean = token.strip().lower()
    if clean.isdigit():
        return int(clean)
    if not _WORD_RE.match(clean):
        return None
    try:
        return int(text2num(clean.replace(" and ", " "), "en"))
    except ValueError:
        return None
