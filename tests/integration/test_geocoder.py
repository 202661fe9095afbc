"""The opt-in online geocoder (issue 14 §4) against a local fake Nominatim: asked only when
switched on and only for places the offline gazetteer lacks, once per place, at most once a
second, saying who asks; every answer kept with its source and shown as a correction until
an editor reviews it. Nothing leaves the machine otherwise."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack import queries
from policytrack.auth import Editor
from policytrack.config import REPO_ROOT
from policytrack.db import session_scope
from policytrack.edits.place_lookups import review_place_lookup
from policytrack.ingest.ice_bundle import read_bundle
from policytrack.ingest.official_lists import ListImport, load_read_list
from policytrack.ingest.pipeline import import_votes
from policytrack.models import AuditEntry, Jurisdiction, PlaceLookup, VoteEvent
from policytrack.queries.place_lookups import PlaceAnswer, place_lookups

CONTACT = "desk@news.example.org"
DERRY = {
    "place_id": 1,
    "lat": "40.2709",
    "lon": "-76.6555",
    "display_name": "Derry Township, Dauphin County, Pennsylvania, United States",
    "class": "boundary",
    "type": "administrative",
    "address": {
        "township": "Derry Township",
        "county": "Dauphin County",
        "state": "Pennsylvania",
        "country": "United States",
        "country_code": "us",
    },
}
VOTES = (
    "state,jurisdiction,jurisdiction_kind,body,vote_date,policy,action,outcome,yes,no,sources\n"
    "PA,Derry Township,township,Board of Supervisors,2025-05-01,287(g) agreement,approve,"
    "passed,3,2,https://news.example.org/derry\n"
    "PA,Nowhereville,township,Board of Supervisors,2025-05-02,287(g) agreement,approve,"
    "passed,3,2,https://news.example.org/nowhere\n"
    "FL,Miami,city,City Commission,2025-06-17,287(g) agreement,approve,passed,3,2,"
    "https://news.example.org/miami\n"
)


def robinson(county: str) -> dict[str, object]:
    return {
        **DERRY,
        "lat": "40.45" if county == "Allegheny County" else "40.32",
        "display_name": f"Robinson Township, {county}, Pennsylvania, United States",
        "address": {"county": county, "state": "Pennsylvania", "country_code": "us"},
    }


def answer(query: dict[str, str]) -> list[dict[str, object]]:
    """What the fake Nominatim knows: Derry Township; two Robinson Townships in two counties;
    a Springfield Township in Ohio only."""
    if query.get("state") != "Pennsylvania":
        return []
    if query.get("city") == "Derry Township":
        return [DERRY]
    if query.get("city") == "Robinson Township":
        counties = (
            [query["county"]] if "county" in query else ["Allegheny County", "Washington County"]
        )
        return [robinson(county) for county in counties]
    if query.get("city") == "Springfield Township":
        return [{**DERRY, "address": {"county": "Clark County", "state": "Ohio"}}]
    return []


@dataclass
class FakeNominatim:
    """What the fake server was asked: each request's query and user agent."""

    url: str
    asked: list[dict[str, str]] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)

    def places(self) -> list[str]:
        return [q["city"] for q in self.asked]


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[ThreadingHTTPServer, list[FakeNominatim]]]:
    seen: list[FakeNominatim] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            fake = seen[-1]
            fake.asked.append({k: v[0] for k, v in parse_qs(parts.query).items()})
            fake.agents.append(self.headers.get("User-Agent", ""))
            if parts.path.startswith("/down/"):
                self.send_error(503, "down for maintenance")
                return
            body = json.dumps(answer(fake.asked[-1])).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd, seen
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def nominatim(
    server: tuple[ThreadingHTTPServer, list[FakeNominatim]], monkeypatch: pytest.MonkeyPatch
) -> FakeNominatim:
    """A fresh record of requests to the fake server, which the geocoder is pointed at (but
    not switched on: each test says whether it is)."""
    httpd, seen = server
    fake = FakeNominatim(f"http://127.0.0.1:{httpd.server_address[1]}")
    seen.append(fake)
    monkeypatch.delenv("POLICYTRACK_GEOCODER", raising=False)
    monkeypatch.setenv("POLICYTRACK_GEOCODER_URL", fake.url)
    monkeypatch.setenv("POLICYTRACK_GEOCODER_CONTACT", CONTACT)
    return fake


def switch_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYTRACK_GEOCODER", "nominatim")


def import_list(engine: Engine, agencies: set[str], digest: str) -> ListImport:
    """ICE's July list (as bundled), only the rows of `agencies`, under another checksum."""
    [participating, _] = read_bundle(REPO_ROOT / "data" / "seed" / "ice")
    rows = [r for r in participating.listed.rows if r.agency in agencies]
    with session_scope(engine) as session:
        return load_read_list(session, replace(participating.listed, rows=rows), digest * 64)


def votes_file(tmp_path: Path) -> Path:
    path = tmp_path / "votes.csv"
    path.write_text(VOTES, encoding="utf-8")
    return path


def vote(engine: Engine, key: str) -> tuple[VoteEvent, Jurisdiction]:
    with Session(engine) as session:
        found = session.exec(select(VoteEvent).where(VoteEvent.key == key)).one()
        return found, session.get_one(Jurisdiction, found.jurisdiction_id)


AGENCIES = {
    "Derry Township Constable's Office",  # no place "Derry Township" in the gazetteer
    "Greenwood Police Department",  # two Greenwoods in Louisiana: ambiguous, never guessed
    "Key West Police Department",  # in the gazetteer
}


def test_an_ice_list_asks_only_for_the_place_the_gazetteer_lacks_and_only_once(
    engine: Engine, nominatim: FakeNominatim, monkeypatch: pytest.MonkeyPatch
) -> None:
    switch_on(monkeypatch)
    first = import_list(engine, AGENCIES, "a")
    assert nominatim.places() == ["Derry Township"]
    [asked] = nominatim.asked
    assert (asked["state"], asked["country"], asked["countrycodes"]) == (
        "Pennsylvania",
        "United States",
        "us",
    )
    assert nominatim.agents[0].startswith("policytrack/") and CONTACT in nominatim.agents[0]
    derry = next(
        r for r in agreements(engine) if r["agency"] == "Derry Township Constable's Office"
    )
    assert (derry["jurisdiction"], derry["county_fips"]) == ("Derry Township", "42043")
    [note] = [n for n in first.notes if n.value == "Derry Township Constable's Office"]
    assert note.category == "corrected"
    assert "map point from OpenStreetMap Nominatim" in note.message
    assert "not reviewed yet" in note.message
    [answer] = place_lookups_of(engine)
    assert answer.found and (answer.lat, answer.lon) == (40.2709, -76.6555)
    assert answer.url.startswith(f"{nominatim.url}/search?") and "Derry+Township" in answer.url
    assert answer.review == "unreviewed"
    import_list(engine, AGENCIES, "b")  # a newer list: the answer is in the database
    assert nominatim.places() == ["Derry Township"]


def agreements(engine: Engine) -> list[dict[str, object]]:
    with Session(engine) as session:
        return queries.agreement_records(session)


def place_lookups_of(engine: Engine) -> list[PlaceAnswer]:
    with Session(engine) as session:
        return list(place_lookups(session))


def test_a_votes_import_places_a_township_and_remembers_what_was_not_found(
    engine: Engine, nominatim: FakeNominatim, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    switch_on(monkeypatch)
    import_votes(engine, votes_file(tmp_path))
    assert nominatim.places() == ["Derry Township", "Nowhereville"]
    derry, place = vote(engine, "pa-derry-township-2025-05-01")
    assert (place.lat, place.lon, place.county_fips) == (40.2709, -76.6555, "42043")
    assert any("map point from OpenStreetMap Nominatim" in w for w in derry.warnings)
    nowhere, unplaced = vote(engine, "pa-nowhereville-2025-05-02")
    assert unplaced.lat is None
    assert any(
        "not found in Pennsylvania by OpenStreetMap Nominatim" in w for w in nowhere.warnings
    )
    with Session(engine) as session:
        stored = {p.name: p.found for p in session.exec(select(PlaceLookup))}
    assert stored == {"Derry Township": True, "Nowhereville": False}
    import_votes(engine, votes_file(tmp_path))  # again: nothing asked twice
    assert len(nominatim.asked) == 2


def test_an_answer_naming_several_places_or_another_state_is_not_used(
    engine: Engine, nominatim: FakeNominatim, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    switch_on(monkeypatch)
    path = tmp_path / "votes.csv"
    path.write_text(
        "state,jurisdiction,jurisdiction_kind,county,body,vote_date,policy,action,outcome,sources\n"
        "PA,Robinson Township,township,,Board,2025-05-01,287(g),approve,passed,https://a.example/1\n"
        "PA,Robinson Township,township,Allegheny,Board,2025-05-02,287(g),approve,passed,"
        "https://a.example/2\n"
        "PA,Springfield Township,township,,Board,2025-05-03,287(g),approve,passed,"
        "https://a.example/3\n",
        encoding="utf-8",
    )
    import_votes(engine, path)
    anywhere, unplaced = vote(engine, "pa-robinson-township-2025-05-01")
    assert unplaced.lat is None
    assert any("knows 2 places of that name in Pennsylvania" in w for w in anywhere.warnings)
    _, allegheny = vote(engine, "pa-robinson-township-2025-05-02")
    assert (allegheny.lat, allegheny.county_fips) == (40.45, "42003")
    ohio, elsewhere = vote(engine, "pa-springfield-township-2025-05-03")
    assert elsewhere.lat is None and any("not found in Pennsylvania" in w for w in ohio.warnings)


def test_nothing_leaves_the_machine_unless_switched_on(
    engine: Engine, nominatim: FakeNominatim, tmp_path: Path
) -> None:
    import_votes(engine, votes_file(tmp_path))
    import_list(engine, AGENCIES, "c")
    assert nominatim.asked == []
    derry, place = vote(engine, "pa-derry-township-2025-05-01")
    assert place.lat is None and any("has no map point" in w for w in derry.warnings)


def test_an_unreachable_geocoder_is_asked_once_and_the_import_goes_on(
    engine: Engine, nominatim: FakeNominatim, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    switch_on(monkeypatch)
    monkeypatch.setenv("POLICYTRACK_GEOCODER_URL", f"{nominatim.url}/down")
    import_votes(engine, votes_file(tmp_path))
    assert nominatim.places() == ["Derry Township"]  # failed: Nowhereville not asked
    derry, place = vote(engine, "pa-derry-township-2025-05-01")
    assert place.lat is None
    assert any("online geocoder not asked" in w and "503" in w for w in derry.warnings)
    assert place_lookups_of(engine) == []  # nothing kept: asked again next time


def test_the_public_server_is_never_asked_without_a_contact(
    engine: Engine, nominatim: FakeNominatim, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    switch_on(monkeypatch)
    monkeypatch.setenv("POLICYTRACK_GEOCODER_URL", "https://nominatim.openstreetmap.org")
    monkeypatch.setenv("POLICYTRACK_GEOCODER_CONTACT", "")
    import_votes(engine, votes_file(tmp_path))
    derry, _ = vote(engine, "pa-derry-township-2025-05-01")
    assert any("set POLICYTRACK_GEOCODER_CONTACT" in w for w in derry.warnings)


def test_a_rejected_answer_is_taken_away_and_never_used_again(
    engine: Engine, nominatim: FakeNominatim, monkeypatch: pytest.MonkeyPatch
) -> None:
    switch_on(monkeypatch)
    import_list(engine, AGENCIES, "d")
    [answer] = place_lookups_of(engine)
    with session_scope(engine) as session:
        review_place_lookup(session, Editor("ann", "editor"), answer.key, "rejected")
    derry = next(
        r for r in agreements(engine) if r["agency"] == "Derry Township Constable's Office"
    )
    assert derry["county_fips"] is None
    with Session(engine) as session:
        [audited] = session.exec(select(AuditEntry)).all()
        place = session.exec(
            select(Jurisdiction).where(Jurisdiction.name == "Derry Township")
        ).one()
    assert (audited.user_name, audited.record_type, audited.after) == (
        "ann",
        "place_lookup",
        {"review": "rejected", "reviewed_by": "ann"},
    )
    assert place.lat is None
    newer = import_list(engine, AGENCIES, "e")
    [note] = [n for n in newer.notes if n.value == "Derry Township Constable's Office"]
    assert note.category == "unresolved" and "rejected" in note.message
    assert len(nominatim.asked) == 1
