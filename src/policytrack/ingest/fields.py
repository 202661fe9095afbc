"""Parse one cell of input into a typed value, or say which rule it breaks.

Every parser returns the value or raises `FieldError(rule)`; the caller adds file, row and
field. Blank cells mean "not reported" and give None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TypeVar

from policytrack.schemas import MAX_COUNT, MemberVoteIn, SourceIn, check_http_url
from policytrack.vocab import VoteOption

E = TypeVar("E", bound=StrEnum)

_OPTION_ALIASES = {"aye": "yes", "yea": "yes", "nay": "no", "not_voting": "not voting"}


class FieldError(ValueError):
    """A cell breaks a rule; the message is the rule in words."""


def text(value: Any) -> str:
    """A cell as text with runs of white space (incl. non-breaking spaces) folded."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def parse_date(value: Any, today: dt.date) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) that is not in the future."""
    raw = text(value)
    if not raw:
        return None
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise FieldError("dates must be written YYYY-MM-DD") from None
    if day > today:
        raise FieldError(f"a vote date cannot be in the future (today is {today.isoformat()})")
    return day


def parse_count(value: Any) -> int | None:
    """A whole number of votes (or seats), zero to MAX_COUNT."""
    raw = text(value)
    if not raw:
        return None
    # Read as written: a float would turn 99999999999999999999999 into another number.
    found = re.fullmatch(r"([+-]?)(\d+)(?:\.0+)?", raw)
    if found is None:
        raise FieldError("counts must be whole numbers")
    digits = found[2].lstrip("0") or "0"
    if found[1] == "-" and digits != "0":
        raise FieldError("counts cannot be negative")
    if len(digits) > len(str(MAX_COUNT)) or int(digits) > MAX_COUNT:
        raise FieldError(f"counts are at most {MAX_COUNT:,}: no body has more members")
    return int(digits)


def parse_choice(value: Any, vocabulary: type[E], default: E | None = None) -> E:
    """A value from a controlled vocabulary (case and spaces ignored)."""
    raw = text(value).lower().replace(" ", "_")
    if not raw and default is not None:
        return default
    for member in vocabulary:
        if raw in (member.value.replace(" ", "_"), member.name.lower()):
            return member
    allowed = ", ".join(member.value for member in vocabulary)
    raise FieldError(f"must be one of: {allowed}")


def parse_roll_call(value: Any) -> list[MemberVoteIn]:
    """`Name: option; Name: option`, or a list of {voter_name, option} objects."""
    if isinstance(value, list):
        if not all(isinstance(item, dict) for item in value):
            raise FieldError("roll call entries are objects with voter_name and option")
        pairs = [(text(item.get("voter_name")), text(item.get("option"))) for item in value]
    else:
        pairs = [_split_member(part) for part in text(value).split(";") if part.strip()]
    seen: set[str] = set()
    votes = []
    for name, option in pairs:
        if not name:
            raise FieldError("every roll call entry needs the member's name")
        if name.casefold() in seen:
            raise FieldError(f"{name!r} appears twice in the roll call")
        seen.add(name.casefold())
        votes.append(MemberVoteIn(voter_name=name, option=_parse_option(option, name)))
    return votes


def _split_member(part: str) -> tuple[str, str]:
    name, sep, option = part.rpartition(":")
    if not sep or not name.strip():
        raise FieldError("roll call entries are written 'Name: option; Name: option'")
    return name.strip(), option.strip()


def _parse_option(option: str, name: str) -> VoteOption:
    key = _OPTION_ALIASES.get(option.lower(), option.lower())
    try:
        return VoteOption(key)
    except ValueError:
        allowed = ", ".join(o.value for o in VoteOption)
        raise FieldError(f"{name}'s vote {option!r} is not one of: {allowed}") from None


def parse_sources(value: Any) -> list[SourceIn]:
    """Space-separated http(s) URLs (or a list of them); at least one."""
    urls: Iterable[Any] = value if isinstance(value, list) else text(value).split(" ")
    sources = []
    for url in urls:
        raw = str(url.get("url", "") if isinstance(url, dict) else url)
        if not raw.strip():
            continue
        try:
            sources.append(SourceIn.from_url(check_http_url(raw)))
        except ValueError as error:
            raise FieldError(f"{error} (got {raw.strip()[:60]!r})") from None
    if not sources:
        raise FieldError("every record needs at least one source URL")
    return sources
