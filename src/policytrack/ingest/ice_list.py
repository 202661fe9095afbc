"""Read ICE's published 287(g) lists (participating and pending agencies) into plain rows.

Accepts the `.xlsx` ICE publishes (hyperlinks are read for the MOA and addendum links) and
the same table as CSV. Columns are matched by name; whitespace is normalised everywhere; row
problems (typos in dates, unknown states, refused links, ...) never drop a row: they are
kept as flags on the row and as warnings for the import report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from policytrack.geo import Gazetteer, load_gazetteer
from policytrack.ingest.fields import text
from policytrack.ingest.ice_columns import Header, RawRow, Sheet, expected_names, load_sheet
from policytrack.ingest.ice_dates import date_from_file_name, parse_signed
from policytrack.ingest.problems import ImportRefused, Problem
from policytrack.schemas import check_http_url
from policytrack.vocab import Model287g, parse_model

Kind = Literal["participating", "pending"]
AsOfSource = Literal["option", "file name", "today"]
Progress = Callable[[int, int], None]

_PROGRESS_EVERY = 100
_NO_COUNTY = {"", "#n/a", "n/a", "#na", "na", "-"}
_TYPES = {"county": "County", "municipality": "Municipality", "stateagency": "State Agency"}
_SAFELINKS = "safelinks.protection.outlook.com"


@dataclass(frozen=True)
class IceRow:
    """One agreement (or pending agreement) as ICE lists it, cleaned but not interpreted."""

    row: int
    state_name: str
    state: str | None
    agency: str
    agency_type: str
    county: str
    model_text: str
    model: Model287g
    signed_on: dt.date | None
    signed_text: str
    moa_url: str | None
    addendum_url: str | None
    flags: tuple[str, ...]


@dataclass(frozen=True)
class IceList:
    """One ICE list file read: what it is, its date, where its header was, rows and warnings."""

    file: str
    kind: Kind
    as_of: dt.date
    as_of_source: AsOfSource
    header_row: int
    columns: dict[str, str]
    rows: list[IceRow]
    problems: list[Problem]


def read_ice_list(
    path: Path,
    *,
    pending: bool | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> IceList:
    """Read one ICE 287(g) list (.xlsx or .csv); raise ImportRefused if it cannot be one."""
    path = Path(path)
    sheet = load_sheet(path)
    kind = _kind(path.name, pending, sheet.header)
    missing = sheet.header.missing(needs_signed=kind == "participating")
    if missing:
        rule = (
            f"the {kind} list has no column for {expected_names(missing)}; "
            f"header found on row {sheet.header.row}"
        )
        found = ", ".join(text(c) for c in sheet.header.columns.values())
        raise ImportRefused([Problem(path.name, sheet.header.row, "(header)", found, rule)])
    day, source = _as_of(path.name, as_of, today)
    reader = _RowReader(path.name, sheet, day, gazetteer or load_gazetteer(), kind)
    rows = list(reader.read(progress))
    problems = sheet.problems + _header_problems(path.name, sheet.header) + reader.problems
    return IceList(
        path.name, kind, day, source, sheet.header.row, dict(sheet.header.columns), rows, problems
    )


# ----------------------------------------------------------------------------- the list
def _kind(name: str, pending: bool | None, header: Header) -> Kind:
    if pending is not None:
        return "pending" if pending else "participating"
    low = name.casefold()
    if "pending" in low:
        return "pending"
    if "participating" in low:  # then a missing SIGNED column is refused, not guessed away
        return "participating"
    return "participating" if "signed" in header.index else "pending"


def _as_of(name: str, as_of: dt.date | None, today: dt.date | None) -> tuple[dt.date, AsOfSource]:
    if as_of is not None:
        return as_of, "option"
    found = date_from_file_name(name)
    if found is not None:
        return found, "file name"
    return today or dt.date.today(), "today"


def _header_problems(file: str, header: Header) -> list[Problem]:
    problems = []
    if header.unknown:
        rule = "columns not read (not among the columns ICE lists carry)"
        problems.append(Problem(file, header.row, "(header)", ", ".join(header.unknown), rule))
    if header.repeated:
        rule = "a second column for a field already found; only the first is read"
        problems.append(Problem(file, header.row, "(header)", ", ".join(header.repeated), rule))
    return [Problem(p.file, p.row, p.field, p.value, p.rule, "warning") for p in problems]


# --------------------------------------------------------------------------------- rows
class _Notes:
    """The flags of one row, kept also as warnings for the import report."""

    def __init__(self, file: str, row: int) -> None:
        self.file, self.row = file, row
        self.problems: list[Problem] = []

    def add(self, field: str, value: str, rule: str) -> None:
        self.problems.append(Problem(self.file, self.row, field, value, rule, "warning"))

    def flags(self) -> tuple[str, ...]:
        return tuple(f"{p.field}: {p.rule}" for p in self.problems)


class _RowReader:
    """Turns raw rows into IceRows, collecting the warnings."""

    def __init__(
        self, file: str, sheet: Sheet, as_of: dt.date, gazetteer: Gazetteer, kind: Kind
    ) -> None:
        self.file, self.sheet, self.as_of, self.kind = file, sheet, as_of, kind
        self.gazetteer = gazetteer
        self.column = sheet.header.index
        self.problems: list[Problem] = []
        self.unlinked = 0  # CSV "link" cells, which cannot carry their URL

    def read(self, progress: Progress | None) -> Iterator[IceRow]:
        """Every non-empty row, in order; progress(done, total) on the way."""
        total = len(self.sheet.rows)
        for done, raw in enumerate(self.sheet.rows, start=1):
            if not self._is_blank(raw):
                yield self._row(raw)
            if progress is not None and (done % _PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        if self.unlinked:
            rule = (
                f"{self.unlinked} MOA/addendum cells say 'link' but a CSV file keeps no "
                "hyperlinks: read the .xlsx to get the URLs"
            )
            self.problems.append(Problem(self.file, None, "moa", "link", rule, "warning"))

    def _is_blank(self, raw: RawRow) -> bool:
        return not any(text(raw.value(i)) or raw.link(i) for i in self.column.values())

    def _cell(self, raw: RawRow, field: str) -> str:
        return text(text(raw.value(self.column.get(field))).replace("\u200b", ""))

    def _row(self, raw: RawRow) -> IceRow:
        notes = _Notes(self.file, raw.number)
        state_name, agency = self._cell(raw, "state"), self._cell(raw, "agency")
        if not agency:
            notes.add("agency", "", "no agency name: the row is not imported as an agreement")
        listed_type = self._cell(raw, "agency_type")
        agency_type = _TYPES.get(listed_type.casefold().replace(" ", ""), listed_type)
        model_text = self._cell(raw, "model")
        values: dict[str, Any] = {
            "state": self._state(state_name, notes),
            "county": self._county(raw, agency_type, notes),
            "model": _model(model_text, notes),
        }
        values["signed_on"], values["signed_text"] = self._signed(raw, notes)
        values["moa_url"] = self._url(raw, "moa", notes)
        values["addendum_url"] = self._url(raw, "addendum", notes)
        self.problems += notes.problems
        return IceRow(
            row=raw.number,
            state_name=state_name,
            agency=agency,
            agency_type=agency_type,
            model_text=model_text,
            flags=notes.flags(),
            **values,
        )

    def _state(self, name: str, notes: _Notes) -> str | None:
        found = None if name.isdigit() else self.gazetteer.state(name)
        if found is None:
            notes.add("state", name, "not a US state or territory (full name or two-letter code)")
        return found.code if found else None

    def _county(self, raw: RawRow, agency_type: str, notes: _Notes) -> str:
        county = self._cell(raw, "county")
        county = "" if county.casefold() in _NO_COUNTY else county
        if agency_type == "County" and not county and "county" in self.column:
            notes.add("county", "", "the agency is typed County but no county is given")
        return county

    def _signed(self, raw: RawRow, notes: _Notes) -> tuple[dt.date | None, str]:
        if "signed" not in self.column:
            return None, ""
        cell = raw.value(self.column["signed"])
        found = parse_signed(cell, self.as_of)
        if found.note:
            notes.add("signed", found.text or text(cell), found.note)
        elif found.value is None and self.kind == "participating":
            notes.add("signed", "", "no signed date")
        return found.value, found.text

    def _url(self, raw: RawRow, field: str, notes: _Notes) -> str | None:
        column = self.column.get(field)
        shown, link = self._cell(raw, field), raw.link(column)
        key = shown.casefold().replace(" ", "")
        if key in ("linkpending", "pending"):
            if link:
                notes.add(field, link, "hyperlink on a 'link pending' cell not read")
            return None
        if link is None and key in ("", "link"):
            if key and self.sheet.hyperlinks:
                notes.add(field, shown, "the cell says 'link' but has no hyperlink")
            self.unlinked += bool(key) and not self.sheet.hyperlinks
            return None
        return _checked_url(link or shown, field, notes)


def _model(model_text: str, notes: _Notes) -> Model287g:
    if not model_text:
        notes.add("model", "", "no 287(g) model given")
        return Model287g.UNKNOWN
    model = parse_model(model_text) or parse_model(_bare_model(model_text))
    if model is None:
        rule = "not a 287(g) model we know (Jail Enforcement, Task Force, Warrant Service Officer)"
        notes.add("model", model_text, rule)
        return Model287g.UNKNOWN
    return model


def _bare_model(model_text: str) -> str:
    """`Task Force Model (TFM)` / `287(g) Task Force Model` -> `Task Force Model`."""
    bare = model_text.casefold().replace("287(g)", "").replace("287g", "")
    return bare.split("(")[0].strip(" -:")


def unwrap_safelinks(url: str) -> str:
    """The real URL inside an Outlook safelinks URL (nested ones too); other URLs unchanged."""
    for _ in range(5):
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").casefold()
        if host != _SAFELINKS and not host.endswith("." + _SAFELINKS):
            break
        inner = parse_qs(parts.query).get("url")
        if not inner:
            break
        url = inner[0]
    return url.strip()


def _checked_url(candidate: str, field: str, notes: _Notes) -> str | None:
    url = unwrap_safelinks(candidate)
    try:
        url = check_http_url(url)
    except ValueError as error:
        notes.add(field, url, f"link not read: {error}")
        return None
    host = (urlsplit(url).hostname or "").casefold()
    if host != "ice.gov" and not host.endswith(".ice.gov"):
        notes.add(field, url, f"the link points outside ice.gov ({host})")
    return url
