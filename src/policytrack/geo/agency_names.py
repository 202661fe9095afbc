"""Parse the town out of a municipal law-enforcement agency name."""

from __future__ import annotations

import re

from policytrack.geo.normalise import clean_text

# Trailing agency designations, tried repeatedly (longest/most specific first).
_TAIL_RE = re.compile(
    r"\s*(?:"
    r"police\s+services\s+department|police\s+department|police\s+dept\.?|police\s+division"
    r"|police\s+services|police\s+office|police|"
    r"department\s+of\s+public\s+safety|public\s+safety\s+department|public\s+safety|dps"
    r"|marshal'?s?\s+office|marshal'?s?\s+service|marshal'?s?"
    r"|constable'?s?\s+office|constable'?s?"
    r"|sheriff'?s?\s+office|sheriff'?s?\s+department|sheriff'?s?"
    r"|(?:international\s+)?airport(?:\s+authority)?"
    r"|(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+ward"
    r"|department|dept\.?|office|division|pd"
    r")\s*$",
    re.IGNORECASE,
)
_HEAD_RE = re.compile(r"^(?:the\s+)?(?:city|town|village|borough|township)\s+of\s+", re.IGNORECASE)
_NOT_A_TOWN = re.compile(
    r"\b(?:state|regional|county|parish|alcohol|tobacco|highway\s+patrol|department\s+of"
    r"|university|college|district|task\s+force|bureau|commission)\b",
    re.IGNORECASE,
)


def town_from_agency(name: str) -> str | None:
    """Town named by an agency ("City of Melbourne Police Department" -> "Melbourne"), or None.

    Returns None when the name does not look like a municipal agency (state police, regional
    departments, authorities) or nothing is left after removing the agency words.
    """
    text = clean_text(name).strip(" ,.-")
    if not text or re.search(r"\bauthority\b", text, re.IGNORECASE):
        return None
    previous = None
    while previous != text:
        previous = text
        text = _TAIL_RE.sub("", text).strip(" ,.-")
    text = _HEAD_RE.sub("", text).strip(" ,.-")
    if not text or _NOT_A_TOWN.search(text):
        return None
    return text
