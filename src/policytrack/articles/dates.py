"""Dates: when the article was published, and the day of the vote it reports.

The vote day is given only when the text pins it (labelling rule 1): a full date in a
sentence about the vote, a weekday counted back from the publication date, or a month and
day whose weekday names a single year in 2015–2026. Otherwise None, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from policytrack.articles.sentences import Sentence

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
YEARS = range(2015, 2027)
# a month and day up to this long before the report are taken as the report's year
_RECENT = dt.timedelta(days=200)

_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|"
    r"July?\.?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
    r"Dec(?:ember|\.)?)"
)
MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_MD = re.sub(r"\?P<\w+>", "", MONTH_DAY.pattern)  # the same, without group names
_MEETING_DAY = re.compile(
    rf"(?:{_MD})\s+(?:meeting|session)|"
    rf"\b(?:convened|met|meeting|session)\b[^.]{{0,40}}?\bon\s+(?:\w+day,?\s+)?"
    rf"(?:the (?:morning|afternoon|evening) of\s+)?(?:{_MD})",
    re.I,
)
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)[-/](\d\d)[-/](\d\d)\b")
_DMY = re.compile(r"(?<!\d)(\d\d)-(\d\d)-((?:19|20)\d\d)\b")
_URL_DATES = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)/([a-z]{3})[a-z]*/(\d\d?)(?!\d)"),
)
_BYLINE = re.compile(r"\s*(?:published|updated|posted|by\b|date\b)", re.I)
_NOT_THE_VOTE = re.compile(
    r"\b(next|upcoming|signed|sign|deadline|until|expires?|expire|to end|by (?:the )?end|"
    r"reported|posted|"
    r"statement|published)\b|@\w+",
    re.I,
)


@dataclass(frozen=True)
class DayMention:
    """A month and day (and maybe year) printed in a sentence."""

    month: int
    day: int
    year: int | None
    sentence: Sentence


@dataclass(frozen=True)
class Dated:
    """A resolved day and the sentence that pins it."""

    day: dt.date
    sentence: Sentence | None
    why: str


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the numbers name no calendar day."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    """1–12 for a month name or abbreviation, else None."""
    return MONTHS.get(name.lower()[:3])


def day_mentions(sentence: Sentence) -> list[DayMention]:
    """Every 'June 17' / 'Oct. 22, 2025' / 'April 3rd' in a sentence."""
    out = []
    for m in MONTH_DAY.finditer(sentence.text):
        month = month_number(m.group("month"))
        year = int(m.group("year")) if m.group("year") else None
        if month and 1 <= int(m.group("day")) <= 31:
            out.append(DayMention(month, int(m.group("day")), year, sentence))
    return out


def reference_date(
    published: dt.date | None, url: str | None, sentences: Sequence[Sentence]
) -> Dated | None:
    """The publication date: given, else a date in the URL, else one printed at the top."""
    if published is not None:
        return Dated(published, None, "publication date given")
    found = url_date(url or "")
    if found is not None:
        return Dated(found, None, f"date in the URL ({found.isoformat()})")
    return _printed_date(sentences)


def url_date(url: str) -> dt.date | None:
    """A full date in a URL path (/2025/06/17/, 2025-03-13, /2025/may/22/)."""
    for pattern in _URL_DATES:
        m = pattern.search(url.lower())
        if m is None:
            continue
        month = int(m.group(2)) if m.group(2).isdigit() else month_number(m.group(2))
        found = safe_date(int(m.group(1)), month or 0, int(m.group(3)))
        if found is not None:
            return found
    return None


def _printed_date(sentences: Sequence[Sentence]) -> Dated | None:
    """A full date printed in the article's first lines (dateline, byline, 'Published on')."""
    for sentence in sentences[:8]:
        if sentence.start > 600:
            break
        if not _BYLINE.match(sentence.text) and not _mostly_a_date(sentence.text):
            continue  # a date inside the story (a signing, a deadline) is not the report's
        for m in (*_ISO.finditer(sentence.text), *_DMY.finditer(sentence.text)):
            y, mo, d = (m.group(1), m.group(2), m.group(3))
            found = safe_date(int(y), int(mo), int(d)) if len(y) == 4 else None
            found = found or safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if found:
                return Dated(found, sentence, "date printed at the top")
        for mention in day_mentions(sentence):
            if mention.year and (found := safe_date(mention.year, mention.month, mention.day)):
                return Dated(found, sentence, "date printed at the top")
    return None


def _mostly_a_date(text: str) -> bool:
    """A line that is a date and little else ('Wednesday, May 13, 2015', 'Jun 18, 2025 |
    12:54 pm ET', 'Yahoo22-03-2025')."""
    rest = MONTH_DAY.sub(" ", _ISO.sub(" ", _DMY.sub(" ", text)))
    rest = WEEKDAY.sub(" ", re.sub(r"\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,3})?", " ", rest))
    return len(re.findall(r"[A-Za-z]{2,}", rest)) <= 2


def is_dateline(mention: DayMention) -> bool:
    """'May 13--' opening the text dates the report, not the vote."""
    text = mention.sentence.text
    return mention.sentence.index == 0 and bool(
        re.match(rf"\s*{_MONTH}\s+\d{{1,2}}\s*(--|—)", text)
    )


_MEETING = re.compile(r"\b(?:meeting|session|debate|hearing|convened|met)\b", re.I)


def vote_weekday(
    vote_sentences: Sequence[Sentence], lead: Sequence[Sentence] = ()
) -> tuple[int, Sentence] | None:
    """The weekday the vote sentences give ('voted Tuesday'), else the one a sentence about
    the meeting gives ('during Tuesday night's meeting', 'debate Wednesday evening')."""
    meetings = [s for s in lead if _MEETING.search(s.text) and not _NOT_THE_VOTE.search(s.text)]
    for sentence in [*vote_sentences, *meetings]:
        m = WEEKDAY.search(sentence.text)
        if m is not None:
            return WEEKDAYS.index(m.group(1).lower()), sentence
    return None


def vote_date(
    vote_sentences: Sequence[Sentence],
    lead: Sequence[Sentence],
    every: Sequence[Sentence],
    reference: Dated | None,
) -> Dated | None:
    """The vote's day as the text pins it (see the module docstring), else None."""
    weekday = vote_weekday(vote_sentences, lead)
    wd = weekday[0] if weekday else None
    for rule in (_stated_in_vote_sentence, _meeting_day):
        found = rule(vote_sentences, every, wd, reference)
        if found is not None:
            return found
    if weekday is None:
        return None
    if reference is not None:
        return _counted_back(weekday[0], weekday[1], reference)
    return _weekday_names_one_day(lead, every, weekday[0], weekday[1])


def _stated_in_vote_sentence(
    vote_sentences: Sequence[Sentence],
    every: Sequence[Sentence],
    weekday: int | None,
    reference: Dated | None,
) -> Dated | None:
    for sentence in vote_sentences:
        for mention in day_mentions(sentence):
            if is_dateline(mention) or _NOT_THE_VOTE.search(sentence.text):
                continue
            found = _resolve(mention, weekday, reference)
            if found is not None:
                return Dated(found, sentence, "date stated with the vote")
    return None


def _meeting_day(
    vote_sentences: Sequence[Sentence],
    every: Sequence[Sentence],
    weekday: int | None,
    reference: Dated | None,
) -> Dated | None:
    """'the Aug. 5 meeting', 'convened on Thursday, April 3, 2025' anywhere in the text."""
    for sentence in every:
        if not _MEETING_DAY.search(sentence.text) or re.search(r"\bnext\b", sentence.text, re.I):
            continue
        for mention in day_mentions(sentence):
            found = _resolve(mention, weekday, reference)
            if found is not None:
                return Dated(found, sentence, "date of the meeting")
    return None


def _resolve(mention: DayMention, weekday: int | None, reference: Dated | None) -> dt.date | None:
    """A mention as a date: its own year, else the weekday's only year, else the report's."""
    if mention.year is not None:
        found = safe_date(mention.year, mention.month, mention.day)
        if found is not None and weekday is not None and found.weekday() != weekday:
            return None  # a caption's date that contradicts the vote's weekday
        return found
    if weekday is not None and reference is None:
        years = [
            y
            for y in YEARS
            if (d := safe_date(y, mention.month, mention.day)) and d.weekday() == weekday
        ]
        if len(years) == 1:
            return safe_date(years[0], mention.month, mention.day)
    if reference is not None:
        found = safe_date(reference.day.year, mention.month, mention.day)
        recent = found is not None and dt.timedelta(0) <= reference.day - found <= _RECENT
        if recent and (weekday is None or found.weekday() == weekday):  # type: ignore[union-attr]
            return found
    return None


def _counted_back(weekday: int, sentence: Sentence, reference: Dated) -> Dated:
    back = (reference.day.weekday() - weekday) % 7
    day = reference.day - dt.timedelta(days=back)
    return Dated(day, sentence, f"{WEEKDAYS[weekday].title()} before {reference.why}")


def _weekday_names_one_day(
    lead: Sequence[Sentence], every: Sequence[Sentence], weekday: int, sentence: Sentence
) -> Dated | None:
    """With no publication date: a printed date (full, or month and day near the vote) that
    falls on the vote's weekday in exactly one way."""
    days: set[dt.date] = set()
    where: dict[dt.date, Sentence] = {}
    for s in every:
        if _NOT_THE_VOTE.search(s.text):
            continue
        for mention in day_mentions(s):
            if is_dateline(mention) or (mention.year is None and s not in lead):
                continue
            found = _resolve(mention, weekday, None)
            if found is not None and found.weekday() == weekday:
                days.add(found)
                where.setdefault(found, s)
    if len(days) == 1:
        day = days.pop()
        return Dated(day, where[day], f"{WEEKDAYS[weekday].title()} with a printed date")
    return None
