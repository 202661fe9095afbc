"""SYNTHETIC benchmark data: a migrated policytrack database of made-up votes, fast.

Nothing this module writes is a real record. Every generated row carries a `synthetic`
marker so it can never be mistaken for (or mixed into) real data:

- sources: URL `https://example.invalid/synthetic/source/<n>`, publisher
  "policytrack bench (synthetic)", title starting "SYNTHETIC";
- vote events: key `synthetic-vote-<n>`, motion text starting "SYNTHETIC";
- member votes: voter name "Synthetic member <n>";
- positions: key `synthetic-position-<n>`, summary/quote starting "SYNTHETIC";
- stakeholders, agencies, agreements: keys starting `synthetic`, names saying "Synthetic";
- bodies: name ending "(synthetic)".

Jurisdictions are the only real-looking rows: they are real US geography (states, counties
and places from data/geo, built like the real loader builds them) so that maps and filters
see a realistic spread; the vote records attached to them are invented.

Shape (per vote event, on average): ~6.9 roll-call member votes, ~3 positions over a pool of
~20,000 stakeholders, ~1.8 cited sources from a reused pool of 50,000; dates 2005-01-01 ..
2026-10-31 skewed to recent years; ~22,000 jurisdictions with a Zipf-like spread of votes.
Deterministic for a given `--seed` and `--votes`.

    python -m bench.generate --votes 1000000 --out var/bench-1m.sqlite3
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy import Connection, Engine, create_engine, event

from policytrack import migrations
from policytrack.config import REPO_ROOT
from policytrack.geo import Place, load_gazetteer
from policytrack.ingest.jurisdictions import county_jurisdiction, place_jurisdiction, state_ocd_id
from policytrack.models import (
    Agency,
    Agreement,
    AgreementSource,
    Body,
    Jurisdiction,
    MemberVote,
    Position,
    PositionSource,
    Source,
    Stakeholder,
    VoteEvent,
    VoteEventSource,
)

SYNTHETIC_PUBLISHER = "policytrack bench (synthetic)"
SYNTHETIC_URL = "https://example.invalid/synthetic"
JURISDICTIONS = 22_193  # as in notes/PERF.md: 56 states + 3,231 counties + places
STAKEHOLDERS = 20_000
SOURCES = 50_000
FIRST_DAY = dt.date(2005, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)
UPDATED_AT = dt.datetime(2026, 11, 1, 12, 0, 0, tzinfo=dt.UTC)
CHUNK = 25_000  # vote events per batch (≈ 7 × member votes, 3 × positions)

TOPICS = (["287g_agreement", "ice_cooperation", "state_policy"], [0.70, 0.22, 0.08])
ACTIONS = (["approve", "reject", "rescind", "defer", "other"], [0.55, 0.15, 0.10, 0.12, 0.08])
MODELS = (
    ["task_force", "jail_enforcement", "warrant_service_officer", "unknown"],
    [0.40, 0.25, 0.20, 0.15],
)
STANCES = (["support", "oppose", "neutral", "mixed"], [0.40, 0.45, 0.08, 0.07])
CONFIDENCE = (["high", "medium", "low"], [0.80, 0.15, 0.05])
STAKEHOLDER_KINDS = (
    ["advocacy_org", "resident", "elected_official", "law_enforcement", "union",
     "government_agency", "party", "federal_government", "other"],
    [0.22, 0.30, 0.18, 0.10, 0.05, 0.06, 0.03, 0.02, 0.04],
)  # fmt: skip
STATUSES = (
    ["active", "pending", "removed", "superseded", "terminated"],
    [0.6, 0.15, 0.15, 0.05, 0.05],
)
SEATS = ([5, 7, 9], [0.30, 0.45, 0.25])
MOTIONS = {
    "approve": "SYNTHETIC: motion to approve a 287(g) {model} agreement with the {agency}",
    "reject": "SYNTHETIC: motion to decline a 287(g) {model} agreement proposed by the {agency}",
    "rescind": "SYNTHETIC: resolution terminating the 287(g) {model} agreement of the {agency}",
    "defer": "SYNTHETIC: motion to table the 287(g) {model} agreement of the {agency}",
    "other": "SYNTHETIC: resolution on local cooperation with ICE by the {agency}",
}
MODEL_WORDS = {
    "task_force": "Task Force",
    "jail_enforcement": "Jail Enforcement",
    "warrant_service_officer": "Warrant Service Officer",
    "unknown": "",
}


def _pick(rng: np.random.Generator, choices: tuple[list[Any], list[float]], n: int) -> np.ndarray:
    values, weights = choices
    p = np.asarray(weights, dtype=float)
    return rng.choice(np.asarray(values, dtype=object), size=n, p=p / p.sum())


def _fast_engine(url: str) -> Engine:
    """An engine for generation only: no journal, no fsync, a big page cache."""
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=OFF", "synchronous=OFF", "cache_size=-1000000",
            "temp_store=MEMORY", "foreign_keys=OFF", "locking_mode=EXCLUSIVE",
        ):  # fmt: skip
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    return engine


def _insert(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """SQLAlchemy core executemany in large batches."""
    for start in range(0, len(rows), 100_000):
        connection.execute(sa.insert(table.__table__), rows[start : start + 100_000])


# --- reference rows: jurisdictions, bodies, agencies, agreements, stakeholders, sources ---


def jurisdiction_rows(rng: np.random.Generator, total: int = JURISDICTIONS) -> list[dict[str, Any]]:
    """States, all counties and a seeded sample of places, shaped like the real loader's."""
    gazetteer = load_gazetteer()
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(row: dict[str, Any]) -> None:
        if row["ocd_id"] not in seen:
            seen.add(row["ocd_id"])
            rows.append(row)

    for state in gazetteer.states():
        add({"ocd_id": state_ocd_id(state), "name": state.name, "kind": "state",
             "state": state.code, "fips": state.fips, "county_fips": None,
             "lat": state.lat, "lon": state.lon})  # fmt: skip
    for county in gazetteer.counties():
        add(county_jurisdiction(county).model_dump(include=set(_JURISDICTION_FIELDS)))
    with (REPO_ROOT / "data" / "geo" / "places.csv").open(newline="", encoding="utf-8") as handle:
        places = [
            Place(r["id"], r["name"], r["state"], r["county_fips"] or None,
                  float(r["lat"]), float(r["lon"]))
            for r in csv.DictReader(handle)
        ]  # fmt: skip
    order = rng.permutation(len(places))
    for index in order:
        if len(rows) >= total:
            break
        add(place_jurisdiction(places[index]).model_dump(include=set(_JURISDICTION_FIELDS)))
    for jid, row in enumerate(rows, start=1):
        row["id"] = jid
        row["kind"] = str(row["kind"])
        row.setdefault("county_fips", None)
    return rows


_JURISDICTION_FIELDS = ("ocd_id", "name", "kind", "state", "fips", "county_fips", "lat", "lon")


def body_name(name: str, kind: str) -> str:
    suffix = {"state": "State Legislature", "county": "Board of Commissioners"}.get(kind, "Council")
    return f"{name} {suffix} (synthetic)"


def agency_rows(
    jurisdictions: list[dict[str, Any]], rng: np.random.Generator
) -> list[dict[str, Any]]:
    """A sheriff for every county, a police department for one place in six."""
    rows = []
    for jid, row in enumerate(jurisdictions, start=1):
        if row["kind"] == "county" or (row["kind"] == "place" and rng.random() < 1 / 6):
            office = "Sheriff's Office" if row["kind"] == "county" else "Police Department"
            name = f"Synthetic {row['name']} {office}"
            rows.append({"key": f"synthetic:{row['state'].lower()}:{jid}", "name": name,
                         "state": row["state"], "jurisdiction_id": jid,
                         "kind": "County" if row["kind"] == "county" else "Municipality"})  # fmt: skip
    return rows


def _days(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days since FIRST_DAY, skewed recent (density rising towards LAST_DAY)."""
    span = (LAST_DAY - FIRST_DAY).days
    back = np.floor(span * rng.random(n) ** 2.2).astype(np.int64)
    return span - back


def _dates(days: np.ndarray) -> list[dt.date]:
    base = FIRST_DAY.toordinal()
    return [dt.date.fromordinal(base + int(d)) for d in days]


def reference_data(rng: np.random.Generator) -> dict[str, Any]:
    jurisdictions = jurisdiction_rows(rng)
    agencies = agency_rows(jurisdictions, rng)
    n_agreements = min(len(agencies), 3_000)
    agency_ids = np.sort(rng.choice(len(agencies), size=n_agreements, replace=False)) + 1
    signed = _dates(_days(rng, n_agreements))
    models = _pick(rng, MODELS, n_agreements)
    statuses = _pick(rng, STATUSES, n_agreements)
    agreements = []
    for i, (agency_id, day, model, status) in enumerate(
        zip(agency_ids, signed, models, statuses, strict=True), start=1
    ):
        agency = agencies[agency_id - 1]
        agreements.append({
            "key": f"synthetic-agreement-{i:05d}", "agency_id": int(agency_id),
            "state": agency["state"], "model": model, "signed_on": day, "status": status,
            "list_kind": "pending" if status == "pending" else "participating",
            "moa_url": f"{SYNTHETIC_URL}/moa/{i}.pdf", "first_seen": day,
            "last_seen": LAST_DAY if status in ("active", "pending") else day,
            "notes": "SYNTHETIC agreement (bench data)", "version": 1, "updated_at": UPDATED_AT,
        })  # fmt: skip
    kinds = _pick(rng, STAKEHOLDER_KINDS, STAKEHOLDERS)
    stakeholders = [
        {"key": f"synthetic-stakeholder-{i:05d}", "name": f"Synthetic stakeholder {i:05d}",
         "kind": kind}
        for i, kind in enumerate(kinds, start=1)
    ]  # fmt: skip
    published = _dates(_days(rng, SOURCES))
    sources = [
        {"key": f"{SYNTHETIC_URL}/source/{i}", "url": f"{SYNTHETIC_URL}/source/{i}",
         "publisher": SYNTHETIC_PUBLISHER, "title": f"SYNTHETIC article {i}",
         "author": None, "published_on": day, "accessed_on": LAST_DAY, "citation": None}
        for i, day in enumerate(published, start=1)
    ]  # fmt: skip
    seats = _pick(rng, SEATS, len(jurisdictions)).astype(np.int64)
    bodies = [
        {"id": jid, "jurisdiction_id": jid, "name": body_name(row["name"], row["kind"]),
         "seats": int(seats[jid - 1])}
        for jid, row in enumerate(jurisdictions, start=1)
    ]  # fmt: skip
    return {
        "jurisdictions": jurisdictions, "bodies": bodies, "agencies": agencies,
        "agreements": agreements, "stakeholders": stakeholders, "sources": sources,
        "seats": seats,
    }  # fmt: skip


# --- vote events and everything hanging off them, in chunks ---


class VoteFactory:
    """Makes chunks of vote events with their roll calls, positions and citations."""

    def __init__(self, ref: dict[str, Any], rng: np.random.Generator) -> None:
        self.rng = rng
        jurisdictions = ref["jurisdictions"]
        n = len(jurisdictions)
        self.kind = np.array([j["kind"] for j in jurisdictions], dtype=object)
        self.state = np.array([j["state"] for j in jurisdictions], dtype=object)
        # Zipf-like popularity, counties weighted up (they hold most 287(g) votes).
        weight = 1.0 / np.arange(1, n + 1) ** 0.8
        weight = rng.permutation(weight) * np.where(self.kind == "county", 4.0, 1.0)
        weight *= np.where(self.kind == "state", 0.5, 1.0)
        self.p = weight / weight.sum()
        self.seats = ref["seats"]
        self.agency_name = {a["jurisdiction_id"]: a["name"] for a in ref["agencies"]}
        self.agreement_of = np.zeros(n + 1, dtype=np.int64)
        agency_jid = {i: a["jurisdiction_id"] for i, a in enumerate(ref["agencies"], start=1)}
        for i, agreement in enumerate(ref["agreements"], start=1):
            self.agreement_of[agency_jid[agreement["agency_id"]]] = i
        # Stakeholders: a few are everywhere, most speak rarely.
        sw = 1.0 / np.arange(1, STAKEHOLDERS + 1) ** 0.9
        self.stakeholder_p = sw / sw.sum()
        self.next_vote = 1
        self.next_member = 1
        self.next_position = 1

    def chunk(self, n: int) -> dict[str, list[dict[str, Any]]]:
        rng = self.rng
        ids = np.arange(self.next_vote, self.next_vote + n)
        self.next_vote += n
        jid = rng.choice(len(self.p), size=n, p=self.p) + 1
        kind = self.kind[jid - 1]
        state = self.state[jid - 1]
        days = _days(rng, n)
        dates = _dates(days)
        topic = _pick(rng, TOPICS, n)
        topic = np.where((kind == "state") & (rng.random(n) < 0.7), "state_policy", topic)
        action = _pick(rng, ACTIONS, n)
        model = _pick(rng, MODELS, n)
        confidence = _pick(rng, CONFIDENCE, n)
        seats = self.seats[jid - 1]
        # Tallies: members split yes/no around a per-vote lean; a few abstain or are absent.
        lean = rng.beta(2.5, 1.6, n)
        u = rng.random((n, 9))
        option = np.where(u < lean[:, None], 0, 1)  # 0 yes, 1 no
        extra = rng.random((n, 9))
        option = np.where(extra < 0.04, 2, np.where(extra > 0.95, 3, option))  # abstain/absent
        present = np.arange(9)[None, :] < seats[:, None]
        counts = np.stack([((option == k) & present).sum(axis=1) for k in range(4)], axis=1)
        passed = counts[:, 0] > counts[:, 1]
        outcome = np.where(passed, "passed", "failed").astype(object)
        outcome = np.where(action == "defer", "deferred", outcome)
        outcome = np.where(rng.random(n) < 0.03, "withdrawn", outcome)
        agreement = self.agreement_of[jid]
        linked = (agreement > 0) & (rng.random(n) < 0.6)
        disputed = rng.random(n) < 0.01

        votes = []
        for i in range(n):
            a = str(action[i])
            motion = (
                MOTIONS[a]
                .format(
                    model=MODEL_WORDS[str(model[i])],
                    agency=self.agency_name.get(int(jid[i]), "local law enforcement"),
                )
                .replace("  ", " ")
            )
            votes.append({
                "id": int(ids[i]), "key": f"synthetic-vote-{ids[i]:07d}",
                "jurisdiction_id": int(jid[i]), "body_id": int(jid[i]),
                "agreement_id": int(agreement[i]) if linked[i] else None,
                "agreement_link": "auto" if linked[i] else None,
                "state": state[i], "jurisdiction_kind": kind[i], "vote_date": dates[i],
                "vote_month": dates[i].strftime("%Y-%m"),
                "motion_text": motion, "topic": topic[i], "action": a, "outcome": outcome[i],
                "model": model[i], "yes": int(counts[i, 0]), "no": int(counts[i, 1]),
                "abstain": int(counts[i, 2]), "absent": int(counts[i, 3]),
                "confidence": confidence[i],
                "notes": "SYNTHETIC note: minutes summarised" if i % 10 == 0 else None,
                "disputed": "SYNTHETIC: sources disagree on the tally" if disputed[i] else None,
                "warnings": [], "version": 1, "updated_at": UPDATED_AT,
            })  # fmt: skip

        options = np.array(["yes", "no", "abstain", "absent"], dtype=object)
        members = []
        for i in range(n):
            vote_id = int(ids[i])
            for seat in range(int(seats[i])):
                members.append({"vote_event_id": vote_id, "voter_name": f"Synthetic member {seat + 1}",
                                "option": options[option[i, seat]]})  # fmt: skip
        self.next_member += len(members)

        # Citations: 1-3 distinct sources per vote from the reused pool.
        n_sources = rng.choice([1, 2, 3], size=n, p=[0.4, 0.4, 0.2])
        first = rng.integers(1, SOURCES + 1, size=n)
        vote_sources = [
            {"vote_event_id": int(ids[i]), "source_id": int((first[i] - 1 + k * 7919) % SOURCES + 1)}
            for i in range(n)
            for k in range(int(n_sources[i]))
        ]  # fmt: skip

        # Positions: ~3 per vote, distinct stakeholders are not required.
        n_positions = np.minimum(rng.poisson(3.0, n), 8)
        total = int(n_positions.sum())
        owner = np.repeat(np.arange(n), n_positions)
        holder = rng.choice(STAKEHOLDERS, size=total, p=self.stakeholder_p) + 1
        stance = _pick(rng, STANCES, total)
        said = days[owner] - rng.integers(0, 20, size=total)
        said_dates = _dates(np.maximum(said, 0))
        has_quote = rng.random(total) < 0.3
        psrc = rng.integers(1, SOURCES + 1, size=total)
        positions, position_sources = [], []
        for k in range(total):
            pid = self.next_position + k
            positions.append({
                "id": pid, "key": f"synthetic-position-{pid:08d}",
                "stakeholder_id": int(holder[k]), "vote_event_id": int(ids[owner[k]]),
                "agreement_id": None, "stance": stance[k],
                "speaker": f"Synthetic speaker {holder[k]}" if k % 3 == 0 else None,
                "role": None, "summary": f"SYNTHETIC summary: stakeholder states {stance[k]}",
                "quote": "SYNTHETIC quote: we ask the board to reconsider" if has_quote[k] else None,
                "said_on": said_dates[k], "version": 1, "updated_at": UPDATED_AT,
                # derived columns, as policytrack.derived keeps them (votes are all live)
                "live": True, "state": state[owner[k]], "jurisdiction_id": int(jid[owner[k]]),
                "vote_date": dates[owner[k]], "topic": topic[owner[k]],
                "action": str(action[owner[k]]), "outcome": outcome[owner[k]],
                "model": model[owner[k]], "jurisdiction_kind": kind[owner[k]],
            })  # fmt: skip
            position_sources.append({"position_id": pid, "source_id": int(psrc[k])})
        self.next_position += total
        return {
            "votes": votes, "members": members, "vote_sources": vote_sources,
            "positions": positions, "position_sources": position_sources,
        }  # fmt: skip


def generate(url: str, votes: int, seed: int = 4, log: bool = True) -> dict[str, Any]:
    """Migrate `url` (must be empty) and fill it with `votes` SYNTHETIC vote events."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    migrations.upgrade(url)
    timings["migrate_s"] = time.perf_counter() - started
    rng = np.random.default_rng(seed)
    engine = _fast_engine(url)
    counts: dict[str, int] = {}

    def say(text: str) -> None:
        if log:
            print(f"[{time.perf_counter() - started:7.1f} s] {text}", flush=True)

    ref = reference_data(rng)
    with engine.begin() as connection:
        if connection.execute(sa.select(sa.func.count()).select_from(VoteEvent)).scalar():
            raise SystemExit(f"{url} already holds vote events: write to a new file")
        for table, key in (
            (Jurisdiction, "jurisdictions"), (Body, "bodies"), (Agency, "agencies"),
            (Agreement, "agreements"), (Stakeholder, "stakeholders"), (Source, "sources"),
        ):  # fmt: skip
            _insert(connection, table, ref[key])
            counts[key] = len(ref[key])
        agreement_sources = [
            {"agreement_id": i, "source_id": (i * 13) % SOURCES + 1}
            for i in range(1, len(ref["agreements"]) + 1)
        ]
        _insert(connection, AgreementSource, agreement_sources)
        say(f"reference rows: {', '.join(f'{k} {v:,}' for k, v in counts.items())}")
        factory = VoteFactory(ref, rng)
        tables = {
            "votes": VoteEvent, "members": MemberVote, "vote_sources": VoteEventSource,
            "positions": Position, "position_sources": PositionSource,
        }  # fmt: skip
        done = 0
        for size in _chunks(votes):
            batch = factory.chunk(size)
            for key, table in tables.items():
                _insert(connection, table, batch[key])
                counts[key] = counts.get(key, 0) + len(batch[key])
            done += size
            if done % 200_000 == 0 or done == votes:
                say(f"{done:,} vote events")
    timings["insert_s"] = time.perf_counter() - started - timings["migrate_s"]
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    timings["total_s"] = time.perf_counter() - started
    timings["analyze_s"] = timings["total_s"] - timings["insert_s"] - timings["migrate_s"]
    say("ANALYZE done")
    return {"counts": counts, "timings": timings}


def _chunks(total: int) -> Iterator[int]:
    while total > 0:
        yield min(CHUNK, total)
        total -= CHUNK


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--votes", type=int, default=10_000, help="vote events to generate")
    parser.add_argument("--out", type=Path, required=True, help="new SQLite file to write")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = parser.parse_args(argv)
    if args.out.exists():
        if not args.force:
            raise SystemExit(f"{args.out} exists (use --force to replace it)")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.out}{suffix}").unlink(missing_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = generate(f"sqlite:///{args.out.resolve()}", args.votes, seed=args.seed)
    size = args.out.stat().st_size
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in result["counts"].items()))
    print("time: " + ", ".join(f"{k} {v:.1f}" for k, v in result["timings"].items()))
    print(f"file: {args.out} {size / 1e6:,.0f} MB")


if __name__ == "__main__":
    main()
