"""Read a table file (CSV, JSON or XLSX) into numbered rows of cells, as people count them."""

from __future__ import annotations

import csv
import datetime as dt
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policytrack.ingest.problems import ImportRefused, Problem
from policytrack.ocd import looks_like_ocd, read_event

_XLSX_ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError)


@dataclass
class Row:
    """One input record: its file, its number (spreadsheet row or JSON record) and cells."""

    file: str
    number: int
    values: dict[str, Any]


@dataclass
class Table:
    """The rows of one file and the columns it has."""

    file: str
    columns: list[str]
    rows: list[Row]
    # Structure problems of records read anyway (Open Civic Data): reported with the value
    # problems of the same rows, so that a file is fixed in one round.
    problems: list[Problem] = field(default_factory=list)


def read_table(path: Path, list_key: str = "votes") -> Table:
    """Read `path` as CSV (UTF-8, a byte-order mark is fine) or JSON (a list of objects, or
    an object holding the list under `list_key`)."""
    if not path.is_file():
        raise ImportRefused([Problem(str(path), None, "(file)", "", "file not found")])
    try:
        if path.suffix.lower() == ".json":
            return _read_json(path, list_key)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
        return _read_csv(path)
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error, *_XLSX_ERRORS) as error:
        rule = f"cannot be read as {path.suffix.lstrip('.').upper() or 'CSV'}: {error}"
        raise ImportRefused([Problem(path.name, None, "(file)", "", rule)]) from None


def _read_xlsx(path: Path) -> Table:
    """The first sheet, header in row 1; dates as ISO text, every cell as text (openpyxl parses
    the XML with defusedxml, which is a dependency)."""
    import openpyxl  # here, not at the top: 8 MB a dashboard process needs only for uploads

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = [_clean_header(str(c or "")) for c in next(lines, ())]
        rows = []
        for number, line in enumerate(lines, start=2):
            cells = {k: _cell_text(v) for k, v in zip(header, line, strict=False) if k}
            if any(cells.values()):
                rows.append(Row(path.name, number, cells))
    finally:
        book.close()
    return Table(path.name, [h for h in header if h], rows)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clean_header(name: str) -> str:
    return " ".join(name.split()).lower().replace(" ", "_")


def _read_csv(path: Path) -> Table:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = [_clean_header(c) for c in reader.fieldnames or []]
        reader.fieldnames = columns
        # Rows are numbered as a spreadsheet shows them: the header is row 1.
        rows = [
            Row(path.name, number, {k: v for k, v in record.items() if k})
            for number, record in enumerate(reader, start=2)
            if any((v or "").strip() for v in record.values() if isinstance(v, str))
        ]
    return Table(path.name, columns, rows)


def _read_json(path: Path, list_key: str) -> Table:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    records = data.get(list_key, data) if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        rule = f"JSON must be a list of objects (or {{{list_key!r}: [...]}})"
        raise ImportRefused([Problem(path.name, None, "(file)", "", rule)])
    rows, problems = [], []
    for number, record in enumerate(records, start=1):
        values = {_clean_header(k): v for k, v in record.items()}
        if looks_like_ocd(values):
            values, issues = read_event(values)
            problems += [
                Problem(path.name, number, i.field, _shown(i.value), i.rule) for i in issues
            ]
        rows.append(Row(path.name, number, values))
    columns = sorted({key for row in rows for key in row.values})
    return Table(path.name, columns, rows, problems)


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
