"""The table of an ICE 287(g) list: read the file (.xlsx or .csv), find the header and
match its columns by name, not by position.

ICE adds, renames and reorders columns without notice, and a title row or blank rows may
come before the header; names are compared ignoring case, spaces and punctuation. A file
that is not a spreadsheet is refused with the reason in words, as is one beyond the input
limits (`ingest.limits`) or one whose formulas carry no saved value.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policytrack.ingest.fields import text
from policytrack.ingest.limits import (
    Limits,
    check_columns,
    check_file_size,
    check_workbook,
    csv_rows,
    text_problem,
    too_many_rows,
)
from policytrack.ingest.problems import ImportRefused, Problem

HEADER_SCAN_ROWS = 30

#: our field -> the header names ICE has used or people write for it
ALIASES: dict[str, tuple[str, ...]] = {
    "state": ("STATE",),
    "agency": ("LAW ENFORCEMENT AGENCY", "AGENCY", "LEA", "AGENCY NAME"),
    "agency_type": ("TYPE", "AGENCY TYPE"),
    "county": ("COUNTY",),
    "model": ("SUPPORT TYPE", "MODEL", "287(G) MODEL", "TYPE OF SUPPORT"),
    "signed": ("SIGNED", "DATE SIGNED", "SIGNED DATE", "MOA SIGNED"),
    "moa": ("MOA", "MOA LINK"),
    "addendum": ("ADDENDUM", "ADDENDUM LINK"),
}
REQUIRED = ("state", "agency", "model")
MAX_BLANK_RUN = 1000  # stop reading a sheet after this many empty rows in a row
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def header_key(value: Any) -> str:
    """A header cell without case, spaces and punctuation ("287(G) Model" -> "287gmodel")."""
    return re.sub(r"[^0-9a-z]", "", text(value).casefold())


_BY_KEY: dict[str, str] = {
    header_key(alias): name for name, aliases in ALIASES.items() for alias in aliases
}


@dataclass(frozen=True)
class Header:
    """The header row found: where it is, which column holds each field, what was left over."""

    row: int
    index: dict[str, int]  # our field -> 0-based column
    columns: dict[str, str]  # our field -> header text found
    unknown: list[str] = field(default_factory=list)  # header texts we do not read
    repeated: list[str] = field(default_factory=list)  # second columns for a field, not read

    def missing(self, needs_signed: bool) -> list[str]:
        """Required fields with no column (`signed` only when the list is of signed agreements)."""
        needed = REQUIRED + (("signed",) if needs_signed else ())
        return [name for name in needed if name not in self.index]


def match_header(row: int, cells: Sequence[Any]) -> Header:
    """Match the cells of one row against the known column names."""
    index: dict[str, int] = {}
    columns: dict[str, str] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    for position, cell in enumerate(cells):
        shown = text(cell)
        name = _BY_KEY.get(header_key(cell))
        if name is None:
            if shown:
                unknown.append(shown)
        elif name in index:
            repeated.append(shown)
        else:
            index[name] = position
            columns[name] = shown
    return Header(row, index, columns, unknown, repeated)


def find_header(rows: Iterable[tuple[int, Sequence[Any]]]) -> Header | None:
    """The first row, among the first `HEADER_SCAN_ROWS`, that has a state and an agency column."""
    for count, (number, cells) in enumerate(rows):
        if count >= HEADER_SCAN_ROWS:
            break
        header = match_header(number, cells)
        if "state" in header.index and "agency" in header.index:
            return header
    return None


def expected_names(fields: Iterable[str]) -> str:
    """The usual header names of `fields`, for messages: `SUPPORT TYPE (model)`."""
    return ", ".join(f"{ALIASES[name][0]} ({name})" for name in fields)


@dataclass(frozen=True)
class RawRow:
    """One row of the sheet: its number as Excel shows it, its cells and their hyperlinks."""

    number: int
    values: tuple[Any, ...]
    links: tuple[str | None, ...] = ()

    def value(self, column: int | None) -> Any:
        """The cell in `column` (None when there is no such column)."""
        return self.values[column] if column is not None and column < len(self.values) else None

    def link(self, column: int | None) -> str | None:
        """The hyperlink target of the cell in `column`, if any."""
        return self.links[column] if column is not None and column < len(self.links) else None


@dataclass(frozen=True)
class Sheet:
    """The table found in a file: its header and the rows below it."""

    header: Header
    rows: list[RawRow]  # the rows after the header
    hyperlinks: bool  # False for CSV: a "link" cell there cannot carry its URL
    problems: list[Problem]


def refuse(file: str, rule: str) -> ImportRefused:
    """The error refusing a whole file, with the reason in words."""
    return ImportRefused([Problem(file, None, "(file)", "", rule)])


def load_sheet(path: Path) -> Sheet:
    """The table in an .xlsx (hyperlinks read) or .csv file; ImportRefused if there is none."""
    if not path.is_file():
        raise refuse(path.name, "file not found")
    limits = Limits.configured()
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _load_xlsx(path, limits)
    if suffix == ".csv":
        return _load_csv(path, limits)
    rule = f"files of type {suffix or '(no extension)'!r} are not read: use .xlsx or .csv"
    raise refuse(path.name, rule)


def _not_a_workbook(head: bytes) -> str | None:
    if head.startswith(b"PK\x03\x04"):
        return None
    if not head:
        return "the file is empty"
    if head.startswith(_OLE):
        return "this is an old-style Excel .xls (or other Office binary) file: save it as .xlsx"
    low = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low:
        return "this is a web page (HTML), not a spreadsheet: probably an error page was saved"
    return "this is not an Excel .xlsx workbook (an .xlsx file is a zip archive)"


def _load_xlsx(path: Path, limits: Limits) -> Sheet:
    check_file_size(path, limits)
    with path.open("rb") as handle:
        wrong = _not_a_workbook(handle.read(2048))
    if wrong:
        raise refuse(path.name, wrong)
    check_workbook(path, limits)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            import openpyxl  # here: 8 MB a dashboard process needs only for uploads

            # Streamed first, so that the whole workbook is loaded (the only way openpyxl
            # gives hyperlinks) only once its size is known to be within the limits.
            _refuse_problems(_scan_workbook(path, limits))
            book = openpyxl.load_workbook(path, data_only=True)
    except ImportRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds of error for a broken file
        rule = f"this zip file is not an Excel workbook that can be read ({error})"
        raise refuse(path.name, rule) from None
    for sheet in [book.active, *book.worksheets]:
        found = None if sheet is None else _sheet_header(sheet)
        if found is not None:
            return _xlsx_sheet(path.name, sheet, found)
    raise refuse(path.name, _no_header_rule())


def _refuse_problems(problems: list[Problem]) -> None:
    if problems:
        raise ImportRefused(problems)


def _scan_workbook(path: Path, limits: Limits) -> list[Problem]:
    """Stream every sheet in read-only mode (bounded memory): refuse rows, columns or cells
    beyond the limits; list formulas whose value the file does not hold (a file written by
    a program rather than saved by Excel): reading them as blank would lose the cell."""
    import openpyxl

    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        problems: list[Problem] = []
        for formula_sheet, value_sheet in zip(formulas.worksheets, values.worksheets, strict=True):
            if hasattr(formula_sheet, "iter_rows"):  # not a chart sheet
                problems += _scan_sheet(path.name, formula_sheet, value_sheet, limits)
        return problems
    finally:
        formulas.close()
        values.close()


def _scan_sheet(file: str, formula_sheet: Any, value_sheet: Any, limits: Limits) -> list[Problem]:
    width = min(formula_sheet.max_column or limits.max_columns + 1, limits.max_columns + 1)
    problems: list[Problem] = []
    rows, blank_run = 0, 0
    lines = zip(
        formula_sheet.iter_rows(max_col=width), value_sheet.iter_rows(max_col=width), strict=True
    )
    for number, (formulas, values) in enumerate(lines, start=1):
        filled = [i for i, cell in enumerate(formulas) if cell.value is not None]
        check_columns(file, number, filled[-1] + 1 if filled else 0, limits)
        blank_run = 0 if filled else blank_run + 1
        if blank_run > MAX_BLANK_RUN:
            break  # where the full read stops too (see _xlsx_sheet)
        rows += blank_run == 0
        if rows > limits.max_rows:
            raise too_many_rows(file, number, limits)
        problems += _cell_problems(file, number, formulas, values, limits)
    return problems


def _cell_problems(
    file: str, number: int, formulas: Sequence[Any], values: Sequence[Any], limits: Limits
) -> list[Problem]:
    problems = []
    for formula, value in zip(formulas, values, strict=True):
        where = f"cell {getattr(formula, 'coordinate', '?')}"
        if formula.data_type == "f" and value.value is None and value.data_type == "n":
            # Excel saves every formula's value (an empty text as type "str"); a program
            # writing the file may not, and the cell would read as blank.
            rule = (
                "a formula whose value is not saved in the file (written by a program, not "
                "Excel): open the file in Excel and save it, or paste the values, then import"
            )
            problems.append(Problem(file, number, where, str(formula.value), rule))
        elif isinstance(value.value, str) and (broken := text_problem(value.value, limits)):
            problems.append(Problem(file, number, where, value.value[:60], broken))
    return problems


def _sheet_header(sheet: Any) -> Header | None:
    if not hasattr(sheet, "iter_rows"):  # a chart sheet
        return None
    first = sheet.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True)
    return find_header(enumerate(first, start=1))


def _xlsx_sheet(file: str, sheet: Any, header: Header) -> Sheet:
    rows: list[RawRow] = []
    blank_run = 0
    for cells in sheet.iter_rows(min_row=header.row + 1):
        values = tuple(cell.value for cell in cells)
        blank_run = 0 if any(map(text, values)) else blank_run + 1
        if blank_run > MAX_BLANK_RUN:
            rule = (
                f"stopped after {MAX_BLANK_RUN} empty rows; the sheet claims rows up to "
                f"{sheet.max_row}: check nothing is listed further down"
            )
            problem = Problem(file, cells[0].row, "(file)", "", rule, "warning")
            return Sheet(header, rows, True, [problem])
        rows.append(RawRow(cells[0].row, values, tuple(_target(cell) for cell in cells)))
    return Sheet(header, rows, True, [])


def _target(cell: Any) -> str | None:
    link = getattr(cell, "hyperlink", None)
    if link is None:
        return None
    if link.target:
        return str(link.target)
    return f"#{link.location}" if link.location else None


def _no_header_rule() -> str:
    return (
        f"no header row found in the first {HEADER_SCAN_ROWS} rows: a row with a STATE column "
        "and a LAW ENFORCEMENT AGENCY (or AGENCY) column"
    )


def _load_csv(path: Path, limits: Limits) -> Sheet:
    check_file_size(path, limits)
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise refuse(path.name, "this is an Excel workbook (zip) named .csv: rename it .xlsx")
    if b"\x00" in data[:4096] or data.startswith(_OLE):
        raise refuse(path.name, "this is a binary file, not CSV text")
    content, problems = _decode(path.name, data)
    for delimiter in (",", ";", "\t"):
        records = _csv_records(path.name, content, delimiter, limits)
        header = find_header(enumerate(records, start=1))
        if header is not None:
            rows = [RawRow(n, tuple(r)) for n, r in enumerate(records, start=1) if n > header.row]
            return Sheet(header, rows, False, problems)
    raise refuse(path.name, _no_header_rule())


def _csv_records(file: str, content: str, delimiter: str, limits: Limits) -> list[list[str]]:
    """Every record, within the limits (title and blank rows count too: a CSV file has no
    formatted-but-empty rows to allow for, as a workbook does)."""
    records, problems = [], []
    lines = io.StringIO(content, newline="")
    for number, record in enumerate(csv_rows(file, lines, limits, delimiter=delimiter), start=1):
        if number > limits.max_rows + 1:  # the header is one more
            raise too_many_rows(file, number, limits)
        for column, cell in enumerate(record, start=1):
            rule = text_problem(cell, limits)
            if rule is not None:
                problems.append(Problem(file, number, f"column {column}", cell[:60], rule))
        records.append(record)
    _refuse_problems(problems)
    return records


def _decode(file: str, data: bytes) -> tuple[str, list[Problem]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        content = data.decode("cp1252")
    except UnicodeDecodeError:
        raise refuse(file, "this is not text in UTF-8 (or Windows-1252): not a CSV file") from None
    rule = "not UTF-8; read as Windows-1252 (what Excel's plain 'CSV' saves)"
    return content, [Problem(file, None, "(file)", "", rule, "warning")]
