"""Opt-in online geocoding fallback (OpenStreetMap Nominatim via geopy), cached on disk.

Off unless `POLICYTRACK_GEOCODER=nominatim` (or `enabled=True`). When off it never touches the
network and answers from the cache only. Every answer (found or not found) is stored in a JSON
cache so no query is asked twice; Nominatim is rate limited to one request per second. If the
service is unreachable the first failure raises `GeocoderUnavailableError` at once and later
calls fail fast without trying the network again.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from policytrack.geo.gazetteer import default_data_dir
from policytrack.geo.normalise import clean_text

ENV_VAR = "POLICYTRACK_GEOCODER"
USER_AGENT = "policytrack (offline-first policy tracker)"


class GeocoderUnavailableError(RuntimeError):
    """The online geocoder could not be reached (offline, blocked or failing)."""


class Location(Protocol):
    """What geopy returns: latitude, longitude and an address string."""

    @property
    def latitude(self) -> float: ...

    @property
    def longitude(self) -> float: ...

    @property
    def address(self) -> str: ...


GeocodeFn = Callable[[str], Location | None]


@dataclass(frozen=True, slots=True)
class GeocodeResult:
    """A geocoded point with the service's address text."""

    lat: float
    lon: float
    address: str


def geocoder_enabled() -> bool:
    """True when `POLICYTRACK_GEOCODER=nominatim`."""
    return os.environ.get(ENV_VAR, "").strip().lower() == "nominatim"


def default_cache_path() -> Path:
    """`<data dir>/../var/geocode-cache.json`."""
    return default_data_dir().parent / "var" / "geocode-cache.json"


def cache_key(query: str) -> str:
    """Case- and space-insensitive cache key of a query."""
    return clean_text(query).casefold()


def nominatim_geocode(timeout: float = 5.0, min_delay_seconds: float = 1.0) -> GeocodeFn:
    """geopy's Nominatim `geocode` wrapped in a RateLimiter (>= 1 s between calls, no retries)."""
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    service = Nominatim(user_agent=USER_AGENT, timeout=timeout)
    limited: Callable[..., Any] = RateLimiter(
        service.geocode,
        min_delay_seconds=max(1.0, min_delay_seconds),
        max_retries=0,
        swallow_exceptions=False,
    )

    def geocode(query: str) -> Location | None:
        result: Location | None = limited(query, exactly_one=True, country_codes="us")
        return result

    return geocode


class CachedGeocoder:
    """Geocode free-text queries once, remembering every answer in a JSON file."""

    def __init__(
        self,
        cache_path: Path | None = None,
        enabled: bool | None = None,
        geocode: GeocodeFn | None = None,
    ) -> None:
        """`enabled` defaults to the env switch; `geocode` replaces Nominatim (for tests)."""
        self.cache_path = cache_path or default_cache_path()
        self.enabled = geocoder_enabled() if enabled is None else enabled
        self._geocode = geocode
        self._failed: str | None = None
        self._cache: dict[str, dict[str, Any] | None] = self._read_cache()

    def _read_cache(self) -> dict[str, dict[str, Any] | None]:
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return dict(data.get("queries", {})) if isinstance(data, dict) else {}

    def _write_cache(self) -> None:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {"service": "nominatim", "queries": self._cache},
            indent=1,
            sort_keys=True,
            ensure_ascii=False,
        )
        fd, tmp = tempfile.mkstemp(dir=self.cache_path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, self.cache_path)

    def cached(self, query: str) -> tuple[bool, GeocodeResult | None]:
        """(known, result) from the cache alone; never touches the network."""
        key = cache_key(query)
        if key not in self._cache:
            return False, None
        hit = self._cache[key]
        return True, GeocodeResult(**hit) if hit else None

    def geocode(self, query: str) -> GeocodeResult | None:
        """Cached answer, else (when enabled) ask the service once and store the answer."""
        known, result = self.cached(query)
        if known or not self.enabled:
            return result
        if self._failed:
            raise GeocoderUnavailableError(self._failed)
        found = self._ask(query)
        result = GeocodeResult(found.latitude, found.longitude, found.address) if found else None
        self._cache[cache_key(query)] = asdict(result) if result else None
        self._write_cache()
        return result

    def _ask(self, query: str) -> Location | None:
        from geopy.exc import GeopyError

        if self._geocode is None:
            self._geocode = nominatim_geocode()
        try:
            return self._geocode(query)
        except (GeopyError, OSError) as exc:
            self._failed = (
                f"online geocoder unavailable ({type(exc).__name__}: {exc}); "
                f"unset {ENV_VAR} to stay offline"
            )
            raise GeocoderUnavailableError(self._failed) from exc
