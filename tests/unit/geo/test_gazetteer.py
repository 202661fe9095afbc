"""Behaviour of the offline gazetteer, agency-name parser and opt-in geocoder."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from policytrack.geo import County, Match, Place, State, load_gazetteer
from policytrack.geo.agency_names import town_from_agency
from policytrack.geo.gazetteer import Gazetteer
from policytrack.geo.nominatim import GeocoderUnavailableError, Nominatim, shared, user_agent

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO / ".." / "shared"
ICE_XLSX = SHARED / "data" / "ice-287g" / "participating_2025-07-18.xlsx"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return load_gazetteer()


def test_load_is_cached_and_fast() -> None:
    start = time.perf_counter()
    first = load_gazetteer(REPO / "data")
    assert load_gazetteer(REPO / "data") is first
    assert time.perf_counter() - start < 3.0  # well under 1 s on a dev machine; CI headroom


def test_env_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    geo = tmp_path / "geo"
    geo.mkdir()
    (geo / "states.csv").write_text("code,fips,name,lat,lon\nZZ,99,Zedland,1.0,2.0\n")
    (geo / "counties.csv").write_text("fips,state,name,kind,lat,lon\n")
    (geo / "places.csv").write_text("id,name,state,county_fips,other_county_fips,lat,lon\n")
    monkeypatch.setenv("POLICYTRACK_DATA_DIR", str(tmp_path))
    g = load_gazetteer()
    assert g.state("zedland") == State("ZZ", "99", "Zedland", 1.0, 2.0)
    assert g.state("FL") is None


@pytest.mark.parametrize("text", ["FL", "fl", "florida", "FLORIDA", " Florida ", "12"])
def test_state_lookup(gz: Gazetteer, text: str) -> None:
    st = gz.state(text)
    assert st is not None and (st.code, st.fips, st.name) == ("FL", "12", "Florida")


def test_states(gz: Gazetteer) -> None:
    codes = {s.code for s in gz.states()}
    assert len(codes) == 56 and {"DC", "PR", "GU", "VI", "AS", "MP"} <= codes
    nc = gz.state("NORTH CAROLINA")
    assert nc is not None and nc.code == "NC"
    assert gz.state("Atlantis") is None


def test_county_by_fips(gz: Gazetteer) -> None:
    c = gz.county_by_fips("12086")
    assert c is not None
    assert c == County("12086", "FL", "Miami-Dade County", "county", c.lat, c.lon)
    assert 25.0 < c.lat < 26.0 and -81.2 < c.lon < -80.1
    assert gz.county_by_fips("99999") is None


@pytest.mark.parametrize(
    ("name", "state", "fips"),
    [
        ("Orange", "FL", "12095"),
        ("Bucks", "PA", "42017"),
        ("Pinal", "AZ", "04021"),
        ("Denton", "TX", "48121"),
        ("Washington", "TN", "47179"),
        ("Pender", "NC", "37141"),
        ("Tulsa", "OK", "40143"),
        ("Atascosa", "TX", "48013"),
        ("Prince William", "VA", "51153"),
        ("Los Angeles", "CA", "06037"),
        ("Miami-Dade County", "FL", "12086"),
        ("miami dade", "FL", "12086"),
        ("Orange County ", "florida", "12095"),
        ("Orange\u00a0County", "FL", "12095"),
        ("St. Lucie County", "FL", "12111"),
        ("Saint Lucie", "FL", "12111"),
        ("Ste. Genevieve County", "MO", "29186"),
        ("Sainte Genevieve", "MO", "29186"),
        ("DeKalb", "GA", "13089"),
        ("De Kalb County", "GA", "13089"),
        ("Juneau City and Borough", "AK", "02110"),
        ("City and Borough of Juneau", "AK", "02110"),
        ("Anchorage", "AK", "02020"),
        ("Bethel Census Area", "AK", "02050"),
        ("Kenai Peninsula Borough", "AK", "02122"),
        ("James City County", "VA", "51095"),
        ("Doña Ana", "NM", "35013"),
        ("Dona Ana County", "NM", "35013"),
        ("Carson City", "NV", "32510"),
        ("Baltimore City", "MD", "24510"),
        ("Baltimore County", "MD", "24005"),
    ],
)
def test_county_resolves(gz: Gazetteer, name: str, state: str, fips: str) -> None:
    m = gz.county(name, state)
    assert m.ok and m.value is not None and m.value.fips == fips, m


def test_county_exact_status(gz: Gazetteer) -> None:
    assert gz.county("Miami-Dade County", "FL").status == "exact"
    assert gz.county("Miami-Dade", "FL").status == "exact"


def test_parish(gz: Gazetteer) -> None:
    m = gz.county("Orleans", "LA")
    assert m.value is not None and m.value.name == "Orleans Parish" and m.value.kind == "parish"
    assert m.status == "normalised" and "parish" in m.note and "Orleans Parish" in m.note
    m2 = gz.county("Saint Landry County", "LA")
    assert m2.value is not None and m2.value.name == "St. Landry Parish"


@pytest.mark.parametrize(
    ("text", "fips", "kind"),
    [
        ("Richmond City", "51760", "independent_city"),
        ("City of Richmond", "51760", "independent_city"),
        ("richmond city", "51760", "independent_city"),
        ("Richmond", "51159", "county"),
        ("Richmond County", "51159", "county"),
        ("Winchester City", "51840", "independent_city"),
        ("Winchester", "51840", "independent_city"),  # no Winchester County exists
        ("Franklin", "51067", "county"),
        ("Franklin City", "51620", "independent_city"),
        ("Hopewell County", "51670", "independent_city"),  # only a city exists
    ],
)
def test_virginia_cities(gz: Gazetteer, text: str, fips: str, kind: str) -> None:
    m = gz.county(text, "VA")
    assert m.value is not None and (m.value.fips, m.value.kind) == (fips, kind), m


def test_virginia_city_note(gz: Gazetteer) -> None:
    assert "independent city" in gz.county("Richmond City", "VA").note
    assert "independent city" in gz.county("Richmond", "VA").note  # the city also exists


@pytest.mark.parametrize(
    ("typo", "state", "name"),
    [
        ("Frankin County", "AL", "Franklin County"),
        ("Lampass County", "TX", "Lampasas County"),
        ("McCorkmick County", "SC", "McCormick County"),
        ("Layafette County", "AR", "Lafayette County"),
    ],
)
def test_county_typos(gz: Gazetteer, typo: str, state: str, name: str) -> None:
    m = gz.county(typo, state)
    assert m.status == "fuzzy" and m.value is not None and m.value.name == name
    assert m.note.startswith("typo corrected") and name in m.note


@pytest.mark.parametrize(
    ("name", "state"),
    [("Albemarle County", "NC"), ("Narnia", "TX"), ("#N/A", "FL"), ("", "FL"), ("Orange", "XX")],
)
def test_county_unresolved_never_guesses(gz: Gazetteer, name: str, state: str) -> None:
    m = gz.county(name, state)
    assert not m.ok and m.status == "unresolved" and m.note


def test_county_fuzzy_restricted_to_state(gz: Gazetteer) -> None:
    # "Lampasas" exists only in Texas: no cross-state correction
    assert not gz.county("Lampass", "OK").ok


@pytest.mark.parametrize(
    ("name", "state", "county", "county_fips"),
    [
        ("Miami", "FL", None, "12086"),
        ("Key West", "FL", None, "12087"),
        ("Doral", "FL", None, "12086"),
        ("Hialeah", "FL", None, "12086"),
        ("Fort Myers", "FL", None, "12071"),
        ("Keller", "TX", None, "48439"),
        ("Worcester", "MA", None, "25027"),
        ("Northwood", "OH", "Wood County", "39173"),
        ("Northwood", "OH", "39173", "39173"),
        ("Dallas", "TX", None, "48113"),
        ("Tallahassee", "FL", None, "12073"),
        ("Palm Bay", "FL", None, "12009"),
        ("Punta Gorda", "FL", None, "12015"),
        ("Jacksonville", "FL", None, "12031"),
        ("Chicago", "IL", None, "17031"),
        ("City of Melbourne", "FL", None, "12009"),
        ("Ft. Myers", "FL", None, "12071"),
        ("St. Petersburg", "FL", None, "12103"),
        ("Saint Augustine", "FL", None, "12109"),
        ("  MIAMI ", "florida", None, "12086"),
    ],
)
def test_place_resolves(
    gz: Gazetteer, name: str, state: str, county: str | None, county_fips: str
) -> None:
    m = gz.place(name, state, county=county)
    assert m.ok and isinstance(m.value, Place) and m.value.county_fips == county_fips, m


def test_place_point_is_right(gz: Gazetteer) -> None:
    m = gz.place("Miami", "FL")
    assert m.status == "exact" and m.value is not None
    assert abs(m.value.lat - 25.77) < 0.1 and abs(m.value.lon + 80.19) < 0.1
    assert m.value.id == "fl:miami" and m.value.geoid is None


def test_place_ambiguous_without_county(gz: Gazetteer) -> None:
    m = gz.place("Northwood", "OH")
    assert m.status == "ambiguous" and m.value is None and len(m.candidates) >= 2
    assert "give a county" in m.note
    assert {p.county_fips for p in m.candidates} >= {"39173"}


def test_place_county_mismatch_is_ambiguous(gz: Gazetteer) -> None:
    m = gz.place("Miami", "FL", county="Orange")
    assert m.status == "ambiguous" and m.value is None and m.candidates
    assert "none in Orange County" in m.note


def test_place_spanning_counties(gz: Gazetteer) -> None:
    # Dallas lies mostly in Dallas County but also in Collin and Denton
    m = gz.place("Dallas", "TX", county="Collin")
    assert m.ok and m.value is not None and m.value.county_fips == "48113"
    assert "48085" in gz.place_counties(m.value)


def test_place_unresolved(gz: Gazetteer) -> None:
    assert gz.place("Nowhereville Xyz", "FL").status == "unresolved"
    assert gz.place("Miami", "XX").status == "unresolved"
    # townships are not places; never fall back to an unrelated place without the county
    assert not gz.place("Robinson Township", "PA").ok


def test_place_fuzzy_typo(gz: Gazetteer) -> None:
    m = gz.place("Pittsburgh", "NH")
    assert m.status == "fuzzy" and m.value is not None and m.value.name == "Pittsburg"


def test_match_ok() -> None:
    assert Match[int](1, "exact").ok and not Match[int](None, "unresolved").ok


@pytest.mark.parametrize(
    ("agency", "town"),
    [
        ("Miami Police Department", "Miami"),
        ("City of Melbourne Police Department", "Melbourne"),
        ("Town of Davie Police Department", "Davie"),
        ("Doral Police Dept", "Doral"),
        ("Doral Police Dept.", "Doral"),
        ("Bunnell Police Department ", "Bunnell"),
        ("Daytona Beach Shores Public Safety", "Daytona Beach Shores"),
        ("Jupiter Island Department of Public Safety", "Jupiter Island"),
        ("Boca Raton Police Services Department", "Boca Raton"),
        ("Village of Key Biscayne Police Department", "Key Biscayne"),
        ("Hollister Marshal's Office", "Hollister"),
        ("Lower Burrell Fourth Ward Constable", "Lower Burrell"),
        ("Derry Township Constable's Office", "Derry Township"),
        ("Melbourne International Airport Police Department", "Melbourne"),
        ("Sewall's Point Police Department", "Sewall's Point"),
    ],
)
def test_town_from_agency(agency: str, town: str) -> None:
    assert town_from_agency(agency) == town


@pytest.mark.parametrize(
    "agency",
    [
        "Arkansas State Police Department",
        "Northwest Regional Police Department",
        "Louisiana Alcohol and Tobacco Control",
        "Sarasota Manatee Airport Authority Police Department",
        "Police Department",
        "",
    ],
)
def test_town_from_agency_rejects(agency: str) -> None:
    assert town_from_agency(agency) is None


class _Asked:
    """A fallback that says where one place is and records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str | None]] = []

    def __call__(self, name: str, state: State, county: County | None) -> Match[Place] | None:
        self.asked.append((name, state.code, county.fips if county else None))
        if name == "Nowhereville":
            return Match(None, "unresolved", note="not found online either")
        return Match(Place("pa:derry-township", name, state.code, "42043", 40.27, -76.66), "online")


def test_the_fallback_is_asked_only_for_places_the_gazetteer_lacks(gz: Gazetteer) -> None:
    fallback = _Asked()
    asking = gz.with_fallback(fallback)
    assert asking.place("Key West", "FL").status == "exact"  # known: not asked
    assert asking.place("Greenwood", "LA").status == "ambiguous"  # needs a county, no guess
    found = asking.place("Derry Township", "PA")
    assert (found.status, found.value and found.value.lat) == ("online", 40.27)
    missing = asking.place("Nowhereville", "PA", county="Dauphin")
    assert missing.value is None and missing.note.endswith("; not found online either")
    assert fallback.asked == [("Derry Township", "PA", None), ("Nowhereville", "PA", "42043")]
    assert gz.fallback is None and gz.place("Derry Township", "PA").status == "unresolved"


def test_one_rate_limited_geocoder_serves_the_whole_process() -> None:
    # Nominatim's usage policy: at most one request a second, from all of this process's
    # imports together (geopy's RateLimiter keeps the time; what we owe is its setting).
    client = shared("http://127.0.0.1:9/nominatim", "desk@news.example.org", 5.0)
    assert shared("http://127.0.0.1:9/nominatim", "desk@news.example.org", 5.0) is client
    assert client._search.min_delay_seconds == 1.0


def test_the_geocoder_says_who_asks_and_refuses_the_public_server_without_a_contact() -> None:
    assert user_agent("desk@news.example.org").endswith("; contact desk@news.example.org)")
    assert user_agent("").startswith("policytrack/")
    with pytest.raises(GeocoderUnavailableError, match="POLICYTRACK_GEOCODER_CONTACT"):
        Nominatim("https://nominatim.openstreetmap.org", "", 5.0)
    with pytest.raises(GeocoderUnavailableError, match="no http"):
        Nominatim("file:///etc/passwd", "desk@news.example.org", 5.0)


def _shared_or_skip() -> Path:
    if ICE_XLSX.exists():
        return ICE_XLSX
    if os.environ.get("CI"):
        pytest.fail(f"{ICE_XLSX} missing: CI needs ../shared")
    pytest.skip("needs ../shared (not present on this machine)")


def _ice_rows(kind: str) -> list[tuple[str, str, str]]:
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(_shared_or_skip(), read_only=True).active
    rows = ws.iter_rows(values_only=True, min_row=2)
    return [
        (str(r[0]), str(r[1] or ""), str(r[3] or ""))
        for r in rows
        if r[0] and str(r[2] or "").strip() == kind
    ]


def test_ice_county_rows_resolve(gz: Gazetteer) -> None:
    rows = _ice_rows("County")
    failed = [(s, c) for s, _a, c in rows if not gz.county(c, s).ok]
    assert len(rows) > 500
    assert (len(rows) - len(failed)) / len(rows) >= 0.99, failed


def test_ice_municipal_rows_resolve(gz: Gazetteer) -> None:
    rows = _ice_rows("Municipality")
    resolved = 0
    for state, agency, county in rows:
        town = town_from_agency(agency)
        cty = None if county.strip().startswith("#") else county
        if town and gz.place(town, state, county=cty).ok:
            resolved += 1
    assert len(rows) > 150
    assert resolved / len(rows) >= 0.9, resolved
