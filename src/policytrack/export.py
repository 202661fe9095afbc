"""Writers for what users take away: CSV (escaped against formula injection), JSON and
GeoJSON, written row by row so that a download of every row never needs them all at once.

Two audiences, one rule: files for people (the dashboard's downloads) carry the labels of
`policytrack.vocab` ("Task Force Model"); files for machines (the CLI's exports, Open Civic
Data, backups) carry the codes ("task_force"), the same codes everywhere (codebook on
Data & about)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

# OWASP / CWE-1236: a spreadsheet runs a text cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

VOTE_CSV_COLUMNS = (
    "key", "state", "jurisdiction", "jurisdiction_kind", "ocd_id", "fips", "body",
    "vote_date", "motion_text", "topic", "model", "action", "outcome",
    "yes", "no", "abstain", "absent", "roll_call", "positions", "sources",
    "confidence", "disputed", "warnings", "notes", "agreement",
)  # fmt: skip

AGREEMENT_CSV_COLUMNS = (
    "key", "state", "agency", "agency_type", "jurisdiction", "jurisdiction_kind",
    "jurisdiction_fips", "county_fips", "model", "signed_on", "status", "list_kind",
    "first_seen", "last_seen", "moa_url",
)  # fmt: skip


def escape_cell(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with `'`; numbers stay;
    a missing value (None, or pandas' NaN or NaT) is an empty cell, not "nan"."""
    if _missing(value):
        return None
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(value != value)  # NaN and NaT differ from themselves
    except TypeError:  # pandas.NA has no truth value
        return True


def flatten_vote(record: dict[str, Any]) -> dict[str, Any]:
    """One vote record as flat CSV cells (lists joined the way our importer reads them)."""
    flat = {column: record.get(column) for column in VOTE_CSV_COLUMNS}
    flat["roll_call"] = "; ".join(
        f"{m['voter_name']}: {m['option']}" for m in record.get("roll_call", [])
    )
    flat["positions"] = "; ".join(
        f"{p['stakeholder']} ({p['stance']})" for p in record.get("positions", [])
    )
    flat["sources"] = " ".join(record.get("sources", []))
    flat["warnings"] = "; ".join(record.get("warnings") or [])
    return flat


def csv_lines(rows: Iterable[dict[str, Any]], columns: Iterable[str]) -> Iterator[str]:
    """The header, then each row as a CSV line with every text cell escaped."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: escape_cell(value) for key, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def to_csv(rows: Iterable[dict[str, Any]], columns: Iterable[str]) -> str:
    """Rows as CSV text with every text cell escaped."""
    return "".join(csv_lines(rows, columns))


def json_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array written one record at a time (dates as ISO text)."""
    yield "["
    for index, record in enumerate(records):
        item = json.dumps(record, ensure_ascii=False, indent=2, default=_iso)
        yield ("," if index else "") + "\n  " + item.replace("\n", "\n  ")
    yield "\n]\n"


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def votes_csv(records: list[dict[str, Any]]) -> str:
    """Vote records as CSV."""
    return to_csv((flatten_vote(r) for r in records), VOTE_CSV_COLUMNS)


def agreements_csv(records: list[dict[str, Any]]) -> str:
    """Agreement records as CSV."""
    return to_csv(records, AGREEMENT_CSV_COLUMNS)


def to_json(records: list[dict[str, Any]]) -> str:
    """Records as pretty JSON (dates already ISO strings)."""
    return json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
