#!/usr/bin/env python3
"""Write data/seed/ice/: the facts of ICE's 287(g) lists as `policytrack import ice` reads them.

ICE's participating and pending lists are works of the US government: the project ships what
was read from them (one CSV of rows, one CSV of the reader's warnings, and `lists.json` with
each list's provenance), never the spreadsheets. `policytrack seed` loads them through the
same loader as a user's import (see `policytrack.ingest.ice_bundle`).

Usage: python tools/bundle_ice_lists.py LIST.xlsx [LIST.xlsx ...] [--out data/seed/ice]
       [--captured TEXT] [--source-url URL]
Re-run it after a change to the list reader; a test fails while the bundle differs from what
the reader makes of ../shared/data/ice-287g/.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from policytrack.ingest.ice_bundle import (
    FLAG_SEPARATOR,
    MANIFEST,
    PROBLEM_COLUMNS,
    ROW_COLUMNS,
)
from policytrack.ingest.ice_list import IceList, IceRow, read_ice_list
from policytrack.ingest.official_lists import ICE_287G_PAGE, file_digest
from policytrack.ingest.problems import Problem

REPO = Path(__file__).resolve().parents[1]
CAPTURED = (
    "the list ICE published on its 287(g) page on 2025-07-18 (evening list), as captured by "
    "a public daily archive of ICE's lists"
)


def row_record(row: IceRow) -> dict[str, str]:
    """One read row as CSV cells."""
    return {
        "row": str(row.row),
        "state_name": row.state_name,
        "state": row.state or "",
        "agency": row.agency,
        "agency_type": row.agency_type,
        "county": row.county,
        "model_text": row.model_text,
        "model": str(row.model),
        "signed_on": row.signed_on.isoformat() if row.signed_on else "",
        "signed_text": row.signed_text,
        "moa_url": row.moa_url or "",
        "addendum_url": row.addendum_url or "",
        "flags": FLAG_SEPARATOR.join(row.flags),
    }


def problem_record(problem: Problem) -> dict[str, str]:
    """One reader warning as CSV cells."""
    return {
        "row": "" if problem.row is None else str(problem.row),
        "field": problem.field,
        "value": problem.value,
        "rule": problem.rule,
        "severity": problem.severity,
    }


def _write(path: Path, columns: tuple[str, ...], records: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)


def bundle(listed: IceList, digest: str, out: Path, source_url: str, captured: str) -> dict:
    """Write one list's rows and report; its manifest entry."""
    stem = f"{listed.kind}_{listed.as_of.isoformat()}"
    rows_file, report_file = f"{stem}.csv", f"{stem}.report.csv"
    _write(out / rows_file, ROW_COLUMNS, [row_record(r) for r in listed.rows])
    _write(out / report_file, PROBLEM_COLUMNS, [problem_record(p) for p in listed.problems])
    return {
        "kind": listed.kind,
        "file": listed.file,
        "sha256": digest,
        "as_of": listed.as_of.isoformat(),
        "as_of_source": listed.as_of_source,
        "source_url": source_url,
        "captured": captured,
        "header_row": listed.header_row,
        "columns": listed.columns,
        "rows": len(listed.rows),
        "rows_file": rows_file,
        "report_file": report_file,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lists", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=REPO / "data" / "seed" / "ice")
    parser.add_argument("--captured", default=CAPTURED)
    parser.add_argument("--source-url", default=ICE_287G_PAGE)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    entries = [
        bundle(read_ice_list(path), file_digest(path), args.out, args.source_url, args.captured)
        for path in args.lists
    ]
    manifest = {
        "about": (
            "Facts of ICE's 287(g) lists (US government works, public domain) as read by "
            "`policytrack import ice`; written by tools/bundle_ice_lists.py. `sha256` is the "
            "original spreadsheet's; the spreadsheets themselves are not bundled."
        ),
        "lists": entries,
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (args.out / MANIFEST).write_text(text, encoding="utf-8")
    for entry in entries:
        print(f"{entry['rows_file']}: {entry['rows']} rows from {entry['file']}")


if __name__ == "__main__":
    main()
