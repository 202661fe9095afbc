"""OpenStreetMap's Nominatim, through geopy, for places the offline gazetteer lacks.

Off unless `POLICYTRACK_GEOCODER=nominatim`: nothing here runs otherwise. When on, it keeps
to Nominatim's usage policy (https://operations.osmfoundation.org/policies/nominatim/): at
most one request a second (geopy's RateLimiter, shared by the whole process), a user agent
that says who asks (with `POLICYTRACK_GEOCODER_CONTACT`, required by the public server), a
timeout, and no question asked twice (the answers are kept by `geo.lookups`). Another
Nominatim (your own, or a test's) is chosen with `POLICYTRACK_GEOCODER_URL`.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any
from urllib.parse import urlsplit

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim as GeopyNominatim

from policytrack.config import Settings

SERVICE = "nominatim"
PUBLIC_SERVER = "nominatim.openstreetmap.org"
MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: an absolute maximum of 1 request a second


class GeocoderUnavailableError(RuntimeError):
    """The online geocoder cannot be asked (off, unreachable, failing or not set up)."""


@dataclass(frozen=True)
class Answer:
    """What Nominatim said to one question, and where it was asked."""

    url: str  # the request as sent: the answer's source
    results: list[dict[str, Any]]  # every place it gave, as it gave them
    chosen: dict[str, Any] | None  # the one place it means, if there is one (`pick`)

    @property
    def found(self) -> bool:
        """Whether the answer names one place."""
        return self.chosen is not None


def pick(results: list[dict[str, Any]], state: str, county: str | None) -> dict[str, Any] | None:
    """The place an answer means: its first result in `state`, unless the results in the
    state lie in several counties and the question named none (then several places have the
    name, and which one is meant is for a person to say, as offline)."""
    in_state = [r for r in results if _address(r, "state").casefold() == state.casefold()]
    counties = {_address(r, "county") for r in in_state}
    if not in_state or (county is None and len(counties) > 1):
        return None
    return in_state[0]


def _address(result: dict[str, Any], field: str) -> str:
    address = result.get("address")
    return str(address.get(field) or "") if isinstance(address, dict) else ""


def geocoder_enabled(settings: Settings) -> bool:
    """True when the online geocoder is switched on (`POLICYTRACK_GEOCODER=nominatim`)."""
    return settings.geocoder.strip().lower() == SERVICE


def user_agent(contact: str) -> str:
    """Who asks, as Nominatim's policy wants it said: the application, its version, a contact."""
    about = f"policytrack/{version('policytrack')} (sourced local-policy tracker"
    return about + (f"; contact {contact.strip()})" if contact.strip() else ")")


class Nominatim:
    """Structured searches for US places, one request a second at most."""

    def __init__(self, url: str, contact: str, timeout: float) -> None:
        """Ask the Nominatim at `url`; GeocoderUnavailableError when it cannot be asked."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise GeocoderUnavailableError(f"POLICYTRACK_GEOCODER_URL {url!r} is no http(s) URL")
        if parts.hostname == PUBLIC_SERVER and not contact.strip():
            raise GeocoderUnavailableError(
                "set POLICYTRACK_GEOCODER_CONTACT (an e-mail address or URL): Nominatim's "
                "usage policy asks who is asking"
            )
        self._service = _RecordingNominatim(
            user_agent=user_agent(contact),
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme,
            timeout=timeout,
        )
        self._one_at_a_time = threading.Lock()
        self._search = RateLimiter(
            self._service.geocode,
            min_delay_seconds=MIN_DELAY_SECONDS,
            max_retries=0,
            swallow_exceptions=False,
        )

    def search(self, place: str, state: str, county: str | None = None) -> Answer:
        """Where `place` (in `county`, if given) of the state named `state` is."""
        query = {"city": place, "state": state, "country": "United States"}
        if county:
            query["county"] = county
        # One question at a time: the client is shared by the dashboard's sessions (threads),
        # and the URL it recorded must be this question's.
        with self._one_at_a_time:
            try:
                locations = self._search(
                    query, exactly_one=False, limit=5, addressdetails=True, country_codes="us"
                )
            except GeopyError as error:
                raise GeocoderUnavailableError(f"{type(error).__name__}: {error}") from error
            asked = self._service.asked
        results = [dict(location.raw) for location in locations or []]
        return Answer(asked, results, pick(results, state, county))


class _RecordingNominatim(GeopyNominatim):  # type: ignore[misc]  # geopy has no types
    """geopy's Nominatim that remembers the URL it asked: the answer's source."""

    asked = ""

    def _call_geocoder(self, url: str, callback: Any, **options: Any) -> Any:
        self.asked = url
        return super()._call_geocoder(url, callback, **options)


@functools.cache
def shared(url: str, contact: str, timeout: float) -> Nominatim:
    """One client per service for the whole process, so that its rate limit holds across
    imports (a dashboard session and a command alike)."""
    return Nominatim(url, contact, timeout)


def from_settings(settings: Settings) -> Nominatim:
    """The configured Nominatim; GeocoderUnavailableError when it is off or cannot be asked."""
    if not geocoder_enabled(settings):
        raise GeocoderUnavailableError("the online geocoder is off (POLICYTRACK_GEOCODER)")
    return shared(settings.geocoder_url, settings.geocoder_contact, settings.geocoder_timeout)
