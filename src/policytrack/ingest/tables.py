"""Read a table file (CSV, JSON or XLSX) into numbered rows of cells, as people count them,
within the input limits (`ingest.limits`): a file too big, too long, too wide or too deep is
refused before it is read whole."""

from __future__ import annotations

import csv
import datetime as dt
import json
import zipfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

from policytrack.ingest.limits import (
    Limits,
    cell_problems,
    check_columns,
    check_file_size,
    check_workbook,
    counted,
    csv_rows,
    refuse_cells,
    too_many_rows,
)
from policytrack.ingest.ocd_read import looks_like_ocd, read_event
from policytrack.ingest.problems import ImportRefused, Problem

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
    """Read `path` as CSV (UTF-8, a byte-order mark is fine), XLSX (the first sheet) or JSON
    (a list of objects, or an object holding the list under `list_key`)."""
    if not path.is_file():
        raise ImportRefused([Problem(str(path), None, "(file)", "", "file not found")])
    limits = Limits.configured()
    try:
        if path.suffix.lower() == ".json":
            return _read_json(path, list_key, limits)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return _read_xlsx(path, limits)
        return _read_csv(path, limits)
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error, *_XLSX_ERRORS) as error:
        rule = f"cannot be read as {path.suffix.lstrip('.').upper() or 'CSV'}: {error}"
        raise ImportRefused([Problem(path.name, None, "(file)", "", rule)]) from None


def _read_xlsx(path: Path, limits: Limits) -> Table:
    """The first sheet, header in row 1; dates as ISO text, every cell as text (openpyxl parses
    the XML with defusedxml, which is a dependency). Streamed (read-only mode): rows are
    counted as they come, and reading stops at the limit."""
    check_workbook(path, limits)
    import openpyxl  # here, not at the top: 8 MB a dashboard process needs only for uploads

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        # One column past the limit is read, to see that a row is too wide.
        width = min(sheet.max_column or limits.max_columns + 1, limits.max_columns + 1)
        lines = sheet.iter_rows(values_only=True, max_col=width)
        header = [
            _clean_header(str(c or "")) for c in _within(path.name, 1, next(lines, ()), limits)
        ]
        rows, problems = [], []
        for number, line in enumerate(counted(path.name, lines, limits, first=2), start=2):
            line = _within(path.name, number, line, limits)
            cells = {k: _cell_text(v) for k, v in zip(header, line, strict=False) if k}
            if any(cells.values()):
                problems += cell_problems(path.name, number, cells, limits)
                rows.append(Row(path.name, number, cells))
    finally:
        book.close()
    refuse_cells(problems)
    return Table(path.name, [h for h in header if h], rows)


def _within(file: str, number: int, line: tuple[Any, ...], limits: Limits) -> tuple[Any, ...]:
    """The row without its empty cells at the end; refused if wider than the limit."""
    end = len(line)
    while end and line[end - 1] is None:
        end -= 1
    check_columns(file, number, end, limits)
    return line[:end]


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


def _read_csv(path: Path, limits: Limits) -> Table:
    check_file_size(path, limits)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        records = csv_rows(path.name, handle, limits)
        columns = [_clean_header(c) for c in next(records, [])]
        rows, problems = [], []
        # Rows are numbered as a spreadsheet shows them: the header is row 1.
        for number, record in enumerate(counted(path.name, records, limits, first=2), start=2):
            if not any(cell.strip() for cell in record):
                continue
            # As csv.DictReader gave them: missing cells None, cells past the header dropped.
            values = {k: v for k, v in zip_longest(columns, record) if k}
            problems += cell_problems(path.name, number, values, limits)
            rows.append(Row(path.name, number, values))
    refuse_cells(problems)
    return Table(path.name, columns, rows)


def _read_json(path: Path, list_key: str, limits: Limits) -> Table:
    check_file_size(path, limits)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except RecursionError:
        rule = "nested too deeply to read: a votes file is a list of objects, one per vote"
        raise ImportRefused([Problem(path.name, None, "(file)", "", rule)]) from None
    records = data.get(list_key, data) if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        rule = f"JSON must be a list of objects (or {{{list_key!r}: [...]}})"
        raise ImportRefused([Problem(path.name, None, "(file)", "", rule)])
    if len(records) > limits.max_rows:
        raise too_many_rows(path.name, limits.max_rows + 1, limits)
    rows, problems, refused = [], [], []
    for number, record in enumerate(records, start=1):
        check_columns(path.name, number, len(record), limits)
        values = {_clean_header(k): v for k, v in record.items()}
        limit_problems = cell_problems(path.name, number, values, limits)
        if limit_problems:
            refused += limit_problems
            continue
        if looks_like_ocd(values):
            values, issues = read_event(values)
            problems += [
                Problem(path.name, number, i.field, _shown(i.value), i.rule) for i in issues
            ]
        rows.append(Row(path.name, number, values))
    if refused:
        raise ImportRefused(refused)
    columns = sorted({key for row in rows for key in row.values})
    return Table(path.name, columns, rows, problems)


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
