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
    """What Nominatim said to one question: found or not, and where from."""

    url: str  # the request as sent: the answer's source
    found: bool
    lat: float | None = None
    lon: float | None = None
    address: str | None = None  # Nominatim's name for what it found
    county: str | None = None  # the county of its address, if it gave one
    state: str | None = None  # the state of its address, if it gave one
    raw: dict[str, Any] | None = None


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
        self._search = RateLimiter(
            self._service.geocode,
            min_delay_seconds=MIN_DELAY_SECONDS,
            max_retries=0,
            swallow_exceptions=False,
        )

    def search(self, place: str, state: str, county: str | None = None) -> Answer:
        """Where `place` (in `county`, if given) of the state named `state` is, or not found."""
        query = {"city": place, "state": state, "country": "United States"}
        if county:
            query["county"] = county
        try:
            location = self._search(
                query, exactly_one=True, addressdetails=True, country_codes="us"
            )
        except GeopyError as error:
            raise GeocoderUnavailableError(f"{type(error).__name__}: {error}") from error
        asked = self._service.asked
        if location is None:
            return Answer(asked, found=False)
        address = location.raw.get("address") or {}
        return Answer(
            asked,
            found=True,
            lat=float(location.latitude),
            lon=float(location.longitude),
            address=str(location.address),
            county=address.get("county"),
            state=address.get("state"),
            raw=dict(location.raw),
        )


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
