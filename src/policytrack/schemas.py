"""The records that cross boundaries: what importers and editors hand to the loader.

Each `…In` model carries the field-level rules (pydantic validators); rules that need more
than one field or the clock live in `ingest.validate`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from policytrack.hidden_text import code_point, first_hidden
from policytrack.vocab import (
    Action,
    Confidence,
    JurisdictionKind,
    Model287g,
    Outcome,
    StakeholderKind,
    Stance,
    Topic,
    VoteOption,
)

_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def check_http_url(text: str) -> str:
    """Return the URL stripped of surrounding space if it is http(s); raise ValueError if not.

    `javascript:`, `data:` and every other scheme are refused whatever their case or the
    spaces before them, as are URLs with no host or with spaces or control characters inside,
    and URLs holding a character that hides or reorders text (a right-to-left override makes
    `…/\\u202egpj.exe` display as `…/exe.png`).
    """
    url = text.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("source URLs must start with http:// or https://")
    if not parts.netloc or _CONTROL.search(url):
        raise ValueError("source URLs need a host and no spaces or control characters")
    hidden = first_hidden(url)
    if hidden:
        raise ValueError(
            f"source URLs cannot hold invisible or text-reordering characters "
            f"(found {code_point(hidden)})"
        )
    return url


HttpUrl = Annotated[str, AfterValidator(check_http_url)]
NonBlank = Annotated[str, Field(min_length=1)]

# The most votes or seats one body can have: the largest US legislature has 400 members, so
# anything above is a typo; it also keeps every count well inside PostgreSQL's integer
# (2^31 - 1), where SQLite would have stored any size.
MAX_COUNT = 10_000
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]


class Record(BaseModel):
    """What every record crossing a boundary shares: no text holds a NUL character, which
    PostgreSQL cannot store (SQLite would), whether it came from a file or an editor."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("text cannot contain a NUL character (\\x00): remove it")
        return value


class SourceIn(Record):
    """A document cited for a fact: an http(s) URL, or a citation when there is no URL."""

    model_config = ConfigDict(str_strip_whitespace=True, frozen=True)

    key: NonBlank
    url: HttpUrl | None = None
    publisher: str | None = None
    title: str | None = None
    author: str | None = None
    published_on: dt.date | None = None
    citation: str | None = None

    @classmethod
    def from_url(cls, url: str) -> SourceIn:
        """A source known only by its URL (the URL is checked)."""
        clean = check_http_url(url)
        return cls(key=clean, url=clean, publisher=publisher_from_url(clean))


def publisher_from_url(url: str) -> str:
    """The site a URL belongs to, as a stand-in publisher name (`www.` dropped)."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


class JurisdictionIn(Record):
    """A resolved jurisdiction: OCD id, FIPS/GEOID and point where the gazetteer knows them."""

    model_config = ConfigDict(frozen=True)

    ocd_id: str
    name: str
    kind: JurisdictionKind
    state: str
    fips: str | None = None
    county_fips: str | None = None
    lat: float | None = None
    lon: float | None = None


class MemberVoteIn(Record):
    """One member's vote, the name as printed."""

    model_config = ConfigDict(str_strip_whitespace=True, frozen=True)

    voter_name: NonBlank
    option: VoteOption


class VoteEventIn(Record):
    """A vote event ready to load: validated, resolved and cited."""

    model_config = ConfigDict(str_strip_whitespace=True)

    key: NonBlank
    jurisdiction: JurisdictionIn
    body: NonBlank
    seats: Count | None = None
    vote_date: dt.date | None = None
    motion_text: NonBlank
    topic: Topic
    action: Action
    outcome: Outcome
    model: Model287g = Model287g.UNKNOWN
    yes: Count | None = None
    no: Count | None = None
    abstain: Count | None = None
    absent: Count | None = None
    roll_call: list[MemberVoteIn] = []
    sources: list[SourceIn] = Field(min_length=1)
    confidence: Confidence = Confidence.HIGH
    notes: str | None = None
    disputed: str | None = None
    warnings: list[str] = []

    @property
    def state(self) -> str:
        """The two-letter state of the vote's jurisdiction."""
        return self.jurisdiction.state


class StakeholderIn(Record):
    """An organisation or person, by normalised name."""

    model_config = ConfigDict(str_strip_whitespace=True, frozen=True)

    key: NonBlank
    name: NonBlank
    kind: StakeholderKind


class PositionIn(Record):
    """A stakeholder's stance on a vote, as its sources report it."""

    model_config = ConfigDict(str_strip_whitespace=True)

    key: NonBlank
    vote_key: NonBlank
    stakeholder: StakeholderIn
    stance: Stance
    speaker: str | None = None
    role: str | None = None
    summary: str | None = None
    quote: str | None = None
    sources: list[SourceIn] = Field(min_length=1)
