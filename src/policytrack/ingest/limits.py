"""How big an input file may be, and the checks every reader (CSV, JSON, XLSX, ICE lists)
makes before and while reading it, so a hostile file is refused in seconds and bounded
memory instead of exhausting the machine.

One set of limits (`Limits`, from the settings) for every format:
- the file's size, and for an .xlsx the unpacked size its zip directory declares (Python's
  zipfile never unpacks more than a member declares: a lie fails its CRC check);
- rows (counted as they stream, so reading stops at the first row too many), columns, the
  characters of one cell;
- no NUL character in any text (PostgreSQL cannot store it; SQLite would).
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policytrack.config import get_settings
from policytrack.ingest.problems import ImportRefused, Problem

_SHOWN = 60  # characters of an oversized value quoted back


@dataclass(frozen=True)
class Limits:
    """What one input file may hold."""

    max_bytes: int
    max_rows: int
    max_columns: int
    max_cell_chars: int

    @classmethod
    def configured(cls) -> Limits:
        """The limits from the settings (`POLICYTRACK_MAX_INPUT_*`, `..._MAX_CELL_CHARS`)."""
        settings = get_settings()
        return cls(
            settings.max_input_bytes,
            settings.max_input_rows,
            settings.max_input_columns,
            settings.max_cell_chars,
        )


def _refuse(file: str, row: int | None, field: str, value: str, rule: str) -> ImportRefused:
    return ImportRefused([Problem(file, row, field, value, rule)])


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f} MB"


def check_file_size(path: Path, limits: Limits) -> None:
    """Refuse a file larger than the limit, before reading any of it."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        rule = (
            f"the file is {_megabytes(size)}; files up to {_megabytes(limits.max_bytes)} are "
            "read (setting POLICYTRACK_MAX_INPUT_BYTES): split it"
        )
        raise _refuse(path.name, None, "(file)", "", rule)


def check_workbook(path: Path, limits: Limits) -> None:
    """Refuse an .xlsx whose parts would unpack to more than the limit (a zip bomb), from
    its zip directory alone. A file that is no zip is left to the reader to refuse."""
    check_file_size(path, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_bytes:
        biggest = max(members, key=lambda member: member.file_size)
        rule = (
            f"the workbook unpacks to {_megabytes(unpacked)} ({biggest.filename}: "
            f"{_megabytes(biggest.file_size)}); workbooks up to {_megabytes(limits.max_bytes)} "
            "unpacked are read (setting POLICYTRACK_MAX_INPUT_BYTES): split it"
        )
        raise _refuse(path.name, None, "(file)", "", rule)
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            _check_sheet_rows(path, member, limits)


# A row's start tag (`<row ` or a prefixed `<x:row>`), not `<rowBreaks>`.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
# Rows a sheet may hold beyond the limit's: the header, and empty rows that carry formatting.
_ROW_ALLOWANCE = 1_000


def _check_sheet_rows(path: Path, member: zipfile.ZipInfo, limits: Limits) -> None:
    """Count a sheet's rows in its XML before any reader parses it: openpyxl reads a whole
    sheet at open when it does not declare its size (a 60 MB sheet took 41 s)."""
    most = limits.max_rows + _ROW_ALLOWANCE
    rows, tail = 0, b""
    with zipfile.ZipFile(path) as archive, archive.open(member) as sheet:
        while chunk := sheet.read(2**20):
            data = tail + chunk
            cut = data.rfind(b"<")  # a tag cut by the chunk's end is counted with the next
            cut = len(data) if cut < 0 else cut
            rows += len(_ROW_TAG.findall(data, 0, cut))
            tail = data[cut:]
            if rows > most:
                sheet_name = member.filename.rsplit("/", 1)[-1]
                rule = (
                    f"the sheet {sheet_name} holds more than {most:,} rows (empty rows that "
                    f"carry formatting count too); files of up to {limits.max_rows:,} rows are "
                    "read (setting POLICYTRACK_MAX_INPUT_ROWS): split it"
                )
                raise _refuse(path.name, None, "(file)", "", rule)


def _shown(value: str) -> str:
    return value if len(value) <= _SHOWN else value[:_SHOWN] + "…"


def text_problem(value: str, limits: Limits) -> str | None:
    """Why a text cell cannot be read (too long, a NUL character), or None."""
    if len(value) > limits.max_cell_chars:
        return (
            f"a cell of {len(value):,} characters; cells hold at most "
            f"{limits.max_cell_chars:,} (setting POLICYTRACK_MAX_CELL_CHARS)"
        )
    if "\x00" in value:
        return "contains a NUL character (\\x00), which no text may hold: remove it"
    return None


def cell_problems(file: str, row: int, cells: Mapping[str, Any], limits: Limits) -> list[Problem]:
    """Problems of one row's cells (strings anywhere inside nested JSON values too)."""
    problems = []
    for field, value in cells.items():
        for text in _strings(value):
            rule = text_problem(text, limits)
            if rule is not None:
                problems.append(Problem(file, row, str(field), _shown(text), rule))
                break
    return problems


def _strings(value: Any) -> Iterator[str]:
    """Every string in a cell: itself, or those inside JSON lists and objects."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def check_columns(file: str, row: int, count: int, limits: Limits) -> None:
    """Refuse a row wider than the limit."""
    if count > limits.max_columns:
        rule = (
            f"more than {limits.max_columns:,} columns: rows of up to {limits.max_columns:,} "
            "are read (setting POLICYTRACK_MAX_INPUT_COLUMNS)"
        )
        raise _refuse(file, row, "(row)", "", rule)


def too_many_rows(file: str, row: int, limits: Limits) -> ImportRefused:
    """The refusal of a file with more rows than the limit (`row`: the first one too many)."""
    rule = (
        f"more than {limits.max_rows:,} rows; files of up to {limits.max_rows:,} rows are "
        "read (setting POLICYTRACK_MAX_INPUT_ROWS): split it"
    )
    return _refuse(file, row, "(file)", "", rule)


def counted(file: str, rows: Iterable[Any], limits: Limits, first: int = 1) -> Iterator[Any]:
    """`rows` as they come, refusing the file at the first row beyond the limit (numbered
    from `first`): reading stops there, whatever the file's size."""
    for count, row in enumerate(rows, start=1):
        if count > limits.max_rows:
            raise too_many_rows(file, first + count - 1, limits)
        yield row


def csv_rows(
    file: str, lines: Iterable[str], limits: Limits, **options: Any
) -> Iterator[list[str]]:
    """CSV records (as lists of cells) from `lines`, each checked against the limits; a
    cell longer than the limit is refused with its record's number (header = 1)."""
    # The csv module's own cell limit is process-wide, shared by every thread and by every
    # read still under way: lowered for one read (and put back when its generator ended), it
    # stayed lowered while a refused read's generator lay unfinished, and broke every later
    # CSV read in the process (bundled data, key dates). It is only ever raised to ours; our
    # limit is checked on each record.
    if csv.field_size_limit() < limits.max_cell_chars:
        csv.field_size_limit(limits.max_cell_chars)
    yield from _checked_rows(file, csv.reader(lines, **options), limits)


def _checked_rows(file: str, reader: Any, limits: Limits) -> Iterator[list[str]]:
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            rule = f"cannot be read as CSV: {error}"
            if "field larger than field limit" in str(error):
                rule = _long_cell(limits)
            raise _refuse(file, number + 1, "(row)", "", rule) from None
        number += 1
        if any(len(cell) > limits.max_cell_chars for cell in record):
            raise _refuse(file, number, "(row)", "", _long_cell(limits))
        check_columns(file, number, len(record), limits)
        yield record


def _long_cell(limits: Limits) -> str:
    return (
        f"a cell longer than {limits.max_cell_chars:,} characters "
        "(setting POLICYTRACK_MAX_CELL_CHARS)"
    )


def refuse_cells(problems: Sequence[Problem]) -> None:
    """Refuse the file if any cell broke a limit."""
    if problems:
        raise ImportRefused(list(problems))
