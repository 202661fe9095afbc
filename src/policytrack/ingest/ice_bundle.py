"""ICE's 287(g) lists as policytrack bundles them (`data/seed/ice/`), loaded like a user's import.

ICE's lists are works of the US government, so their facts may ship with the project; the
spreadsheets themselves do not. `tools/bundle_ice_lists.py` reads each spreadsheet with the
same reader as `policytrack import ice` and writes what it read: one CSV of rows (agency,
state, type, county, model, signed date, MOA URL, ... with the reader's flags), one CSV of the
reader's warnings (the import report), and `lists.json` with each list's provenance (the
original file's name and SHA-256, ICE's page, the list date and how it was captured).

`import_bundled_lists` turns those files back into the reader's output and hands them to the
list loader, so identity, history, import notes and vote links are exactly those of a user's
import of the spreadsheet. The list is recorded under the original file's checksum: importing
that spreadsheet later changes nothing, and a newer list continues the history.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from policytrack.db import session_scope
from policytrack.ingest.ice_list import AsOfSource, IceList, IceRow, Kind
from policytrack.ingest.official_lists import ListImport, load_read_list
from policytrack.ingest.problems import ImportRefused, Problem, Severity
from policytrack.vocab import Model287g

MANIFEST = "lists.json"
ROW_COLUMNS = (
    "row",
    "state_name",
    "state",
    "agency",
    "agency_type",
    "county",
    "model_text",
    "model",
    "signed_on",
    "signed_text",
    "moa_url",
    "addendum_url",
    "flags",
)
PROBLEM_COLUMNS = ("row", "field", "value", "rule", "severity")
FLAG_SEPARATOR = " | "


@dataclass(frozen=True)
class BundledList:
    """One bundled list: what the reader read from ICE's file, and where that file came from."""

    listed: IceList
    sha256: str  # of ICE's original spreadsheet
    source_url: str
    captured: str  # how and when the spreadsheet was obtained, in words
    rows_file: str
    report_file: str


def read_bundle(folder: Path) -> list[BundledList]:
    """Every list in a bundle folder, oldest first (participating before pending on a day)."""
    manifest = folder / MANIFEST
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["lists"]
    except (OSError, ValueError, KeyError) as error:
        raise ImportRefused(
            [Problem(str(manifest), None, "(file)", "", f"not a bundle manifest: {error}")]
        ) from None
    bundled = [_bundled(folder, entry) for entry in entries]
    return sorted(bundled, key=lambda b: (b.listed.as_of, b.listed.kind != "participating"))


def _bundled(folder: Path, entry: dict[str, Any]) -> BundledList:
    rows = [_row(record) for record in _records(folder / entry["rows_file"])]
    problems = [
        _problem(entry["file"], record) for record in _records(folder / entry["report_file"])
    ]
    if len(rows) != entry["rows"]:
        rule = f"the manifest says {entry['rows']} rows, the file has {len(rows)}"
        raise ImportRefused([Problem(entry["rows_file"], None, "(file)", "", rule)])
    kind: Kind = "pending" if entry["kind"] == "pending" else "participating"
    as_of_source: AsOfSource = entry["as_of_source"]
    listed = IceList(
        file=entry["file"],
        kind=kind,
        as_of=dt.date.fromisoformat(entry["as_of"]),
        as_of_source=as_of_source,
        header_row=int(entry["header_row"]),
        columns=dict(entry["columns"]),
        rows=rows,
        problems=problems,
    )
    return BundledList(
        listed,
        entry["sha256"],
        entry["source_url"],
        entry["captured"],
        entry["rows_file"],
        entry["report_file"],
    )


def _records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _row(record: dict[str, str]) -> IceRow:
    flags = record["flags"]
    return IceRow(
        row=int(record["row"]),
        state_name=record["state_name"],
        state=record["state"] or None,
        agency=record["agency"],
        agency_type=record["agency_type"],
        county=record["county"],
        model_text=record["model_text"],
        model=Model287g(record["model"]),
        signed_on=dt.date.fromisoformat(record["signed_on"]) if record["signed_on"] else None,
        signed_text=record["signed_text"],
        moa_url=record["moa_url"] or None,
        addendum_url=record["addendum_url"] or None,
        flags=tuple(flags.split(FLAG_SEPARATOR)) if flags else (),
    )


def _problem(file: str, record: dict[str, str]) -> Problem:
    severity: Severity = "warning" if record["severity"] == "warning" else "error"
    row = int(record["row"]) if record["row"] else None
    return Problem(file, row, record["field"], record["value"], record["rule"], severity)


def import_bundled_lists(engine: Engine, folder: Path) -> list[ListImport]:
    """Load every bundled list not loaded yet, each in its own transaction, oldest first."""
    done = []
    for bundled in read_bundle(folder):
        with session_scope(engine) as session:
            done.append(load_read_list(session, bundled.listed, bundled.sha256))
    return done
