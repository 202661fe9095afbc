"""Writing Open Civic Data VoteEvents (`vote_to_ocd`), for the CLI's `export votes --format
ocd`; `ingest.ocd_read` reads them back (its `extras.policytrack` keys are the ones read).

`result` has only pass/fail, so deferred and withdrawn (nothing was adopted) are written
"fail" and our outcome is kept in `extras.policytrack.outcome`. Only
http(s) sources are OCD sources; citation-only sources go to `extras.policytrack.citations`
(read back into `notes`, since votes files take URLs only). The linked agreement's key and
the positions go to `extras.policytrack.agreement` / `.positions` for readers; importing
votes does not read them (votes files link neither).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any

from policytrack.ingest.ocd_read import COUNT_COLUMNS, EXTRA_KEYS
from policytrack.vocab import Outcome

_OCD_RESULT = {Outcome.PASSED.value: "pass"}  # everything else was not adopted: "fail"


def vote_to_ocd(record: dict[str, Any]) -> dict[str, Any]:
    """One record of `queries.vote_records()` as an OCD VoteEvent."""
    urls, citations = _split_sources(record.get("sources") or [])
    return {
        "identifier": record["key"],
        "motion_text": record.get("motion_text") or "",
        "motion_classification": [],
        "start_date": _iso(record.get("vote_date")),
        "result": _OCD_RESULT.get(str(record.get("outcome")), "fail"),
        "organization": {"name": record.get("body"), "classification": "legislature"},
        "jurisdiction": _jurisdiction(record),
        "counts": [
            {"option": c, "value": record[c]} for c in COUNT_COLUMNS if record.get(c) is not None
        ],
        "votes": [
            {"option": str(m["option"]), "voter_name": m["voter_name"]}
            for m in record.get("roll_call") or []
        ],
        "sources": [{"url": url, "note": ""} for url in urls],
        "extras": {"policytrack": _extras(record, citations)},
    }


def votes_to_ocd_json(records: list[dict[str, Any]]) -> str:
    """Vote records as a pretty-printed JSON list of OCD VoteEvents (UTF-8 text)."""
    events = [vote_to_ocd(record) for record in records]
    return json.dumps(events, ensure_ascii=False, indent=2, default=str) + "\n"


def _split_sources(sources: Iterable[str]) -> tuple[list[str], list[str]]:
    urls: list[str] = []
    citations: list[str] = []
    for source in sources:
        is_url = re.match(r"https?://", source.strip(), re.IGNORECASE)
        (urls if is_url else citations).append(source)
    return urls, citations


def _iso(day: Any) -> str:
    if isinstance(day, dt.date):
        return day.isoformat()
    return str(day or "")


def _jurisdiction(record: dict[str, Any]) -> dict[str, Any]:
    division = record.get("ocd_id")
    government = None
    if isinstance(division, str) and division.startswith("ocd-division/"):
        government = "ocd-jurisdiction/" + division.removeprefix("ocd-division/") + "/government"
    return {"id": government, "name": record.get("jurisdiction"), "division_id": division}


def _extras(record: dict[str, Any], citations: list[str]) -> dict[str, Any]:
    ours = {key: _plain(record.get(key)) for key in EXTRA_KEYS if key != "vote_key"}
    ours = {"vote_key": record["key"], **ours, "county": _county(record)}
    if citations:
        ours["citations"] = citations
    for key in ("agreement", "positions"):  # for readers; importing votes does not link them
        if record.get(key):
            ours[key] = record[key]
    return ours


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, str) else value


def _county(record: dict[str, Any]) -> Any:
    """The record's county, else the county FIPS our ids add to same-named places."""
    if record.get("county"):
        return record["county"]
    found = re.search(r"/place:[^/~]+~(\d{5})$", str(record.get("ocd_id") or ""))
    return found.group(1) if found else None
