"""Value types of the offline gazetteer: states, counties, places and match results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

# "online": not in the offline gazetteer; the opt-in online geocoder's answer (geo.lookups).
MatchStatus = Literal["exact", "normalised", "fuzzy", "ambiguous", "unresolved", "online"]


@dataclass(frozen=True, slots=True)
class State:
    """A US state, DC or territory, with a point inside it."""

    code: str
    fips: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class County:
    """A county or county equivalent; `name` is spelled as the Census writes it."""

    fips: str
    state: str
    name: str
    kind: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Place:
    """A populated place (city, town, village, CDP) with a point."""

    id: str
    name: str
    state: str
    county_fips: str | None
    lat: float
    lon: float
    geoid: str | None = None


@dataclass(frozen=True)  # no slots: Match[County](...) must work at run time
class Match(Generic[T]):
    """The outcome of resolving a name: a value, how it was found, and why."""

    value: T | None
    status: MatchStatus
    candidates: tuple[T, ...] = field(default_factory=tuple)
    note: str = ""

    @property
    def ok(self) -> bool:
        """True when a single value was resolved."""
        return self.value is not None
