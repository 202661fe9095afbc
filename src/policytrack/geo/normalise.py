"""Name normalisation shared by county and place matching (pure functions)."""

from __future__ import annotations

import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9 ]+")

# Word-level rewrites applied after lower-casing; keys are whole words.
_WORD_MAP: dict[str, str] = {
    "saint": "st",
    "sainte": "ste",
    "mount": "mt",
    "fort": "ft",
    "township": "twp",
}

# County-equivalent suffixes (longest first), as normalised words, with the kind they signal.
COUNTY_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("city and borough", "city_and_borough"),
    ("census area", "census_area"),
    ("independent city", "independent_city"),
    ("municipality", "municipality"),
    ("municipio", "municipio"),
    ("borough", "borough"),
    ("parish", "parish"),
    ("county", "county"),
    ("cnty", "county"),
    ("co", "county"),
    ("city", "independent_city"),
    ("district", "district"),
    ("island", "island"),
)


def clean_text(text: str) -> str:
    """Unicode-fold, drop accents, turn non-breaking and odd spaces into one space, strip."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE_RE.sub(" ", text.replace("\u00a0", " ")).strip()


def words(text: str) -> list[str]:
    """Lower-case words of `text` with punctuation dropped and common abbreviations unified."""
    low = clean_text(text).lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    low = _NON_ALNUM_RE.sub(" ", low)
    return [_WORD_MAP.get(w, w) for w in low.split()]


def compact(parts: list[str] | str) -> str:
    """Join words into a space-free key ("De Kalb" and "DeKalb" give the same key)."""
    if isinstance(parts, str):
        parts = words(parts)
    return "".join(parts)


def split_county_suffix(parts: list[str]) -> tuple[list[str], str | None]:
    """Split a trailing county-equivalent designation off normalised words."""
    for suffix, kind in COUNTY_SUFFIXES:
        sw = suffix.split()
        if len(parts) > len(sw) and parts[-len(sw) :] == sw:
            return parts[: -len(sw)], kind
    return parts, None


def split_city_prefix(parts: list[str]) -> tuple[list[str], str | None]:
    """Split a leading "city of" / "town of" / "village of" ... off normalised words."""
    if len(parts) > 4 and parts[:4] == ["city", "and", "borough", "of"]:
        return parts[4:], "city_and_borough"
    if (
        len(parts) > 2
        and parts[1] == "of"
        and parts[0]
        in (
            "city",
            "town",
            "village",
            "borough",
            "twp",
            "county",
            "parish",
            "municipality",
        )
    ):
        return parts[2:], parts[0]
    return parts, None
