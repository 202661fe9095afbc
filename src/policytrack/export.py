"""Writers for what users take away: CSV (escaped against formula injection) and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
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


def to_csv(rows: Iterable[dict[str, Any]], columns: Iterable[str]) -> str:
    """Rows as CSV text with every text cell escaped."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: escape_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def votes_csv(records: list[dict[str, Any]]) -> str:
    """Vote records as CSV."""
    return to_csv((flatten_vote(r) for r in records), VOTE_CSV_COLUMNS)


def agreements_csv(records: list[dict[str, Any]]) -> str:
    """Agreement records as CSV."""
    return to_csv(records, AGREEMENT_CSV_COLUMNS)


def to_json(records: list[dict[str, Any]]) -> str:
    """Records as pretty JSON (dates already ISO strings)."""
    return json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
