"""Dates in ICE's 287(g) lists: signed dates as people type them (typos included) and the
list's own date in its file name.

Slash dates are read month first (ICE is a US agency). A typed date missing a separator
(`7/72025`) is read only when exactly one reading is a real date between 2000 and the list's
date; otherwise it is left unread and said so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from openpyxl.utils.datetime import from_excel

from policytrack.ingest.fields import text

EARLIEST = dt.date(2000, 1, 1)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_MONTH_FIRST = re.compile(r"([a-z]+)\.? +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2}) +([a-z]+)\.?,? +(\d{4})")
_TIME = re.compile(r" +\d{1,2}:\d{2}(?::\d{2})?(?: *[ap]m)?$")
_NUMERIC = re.compile(r"\d+(?:[/.\-]\d+){0,2}")
_ISO_NAME = re.compile(r"(?<!\d)(20\d\d)[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")
_EIGHT_DIGITS = re.compile(r"(?<!\d)(\d{8})(?!\d)")


@dataclass(frozen=True)
class SignedDate:
    """A signed-date cell read: the date (or None), the cell text if it was not a real Excel
    date, and a note in words when the reading needs a person's eye ("" when clean)."""

    value: dt.date | None
    text: str = ""
    note: str = ""


def parse_signed(cell: Any, as_of: dt.date) -> SignedDate:
    """Read one SIGNED cell: an Excel date, a serial number, or a date typed as text."""
    if isinstance(cell, dt.datetime):
        return _in_range(cell.date(), "", as_of)
    if isinstance(cell, dt.date):
        return _in_range(cell, "", as_of)
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _from_serial(cell, as_of)
    raw = text(cell)
    if not raw:
        return SignedDate(None)
    return parse_date_text(raw, as_of)


def parse_date_text(raw: str, as_of: dt.date) -> SignedDate:
    """Read a date typed as text: `7/18/2025`, `07-18-25`, `2025-07-18`, `July 18, 2025`,
    and a slash date missing one separator when only one reading is sane."""
    low = _TIME.sub("", raw.strip().lower())
    day = _iso(low) or _named(low)
    if day is not None:
        return _in_range(day, raw, as_of)
    if _NUMERIC.fullmatch(low):
        return _numeric(low, raw, as_of)
    return SignedDate(None, raw, f"{raw!r} is not a date")


def _iso(low: str) -> dt.date | None:
    match = _ISO.fullmatch(low)
    return _make(*(int(g) for g in match.groups())) if match else None


def _named(low: str) -> dt.date | None:
    match = _MONTH_FIRST.fullmatch(low)
    if match:
        name, day, year = match.groups()
    else:
        match = _DAY_FIRST.fullmatch(low)
        if not match:
            return None
        day, name, year = match.groups()
    month = _MONTHS.get(name)
    return _make(int(year), month, int(day)) if month else None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _numeric(low: str, raw: str, as_of: dt.date) -> SignedDate:
    parts = re.split(r"[/.\-]", low)
    if len(parts) == 3 and len(parts[2]) == 2:  # 7/18/25, 07-18-25 (Excel's mm-dd-yy)
        day = _make(2000 + int(parts[2]), int(parts[0]), int(parts[1]))
        return _in_range(day, raw, as_of) if day else _not_a_date(raw)
    readings = month_day_year_readings(parts)
    sane = [day for day in readings if EARLIEST <= day <= as_of]
    if len(parts) == 3:  # well formed: one reading at most
        return _in_range(readings[0], raw, as_of) if readings else _not_a_date(raw)
    if len(sane) == 1:
        note = (
            f"{raw!r} has a separator missing; read as {sane[0].isoformat()}, the only sane reading"
        )
        return SignedDate(sane[0], raw, note)
    if sane:
        shown = " or ".join(day.isoformat() for day in sane)
        return SignedDate(None, raw, f"{raw!r} is ambiguous: it could be {shown}; not read")
    if readings:
        shown = ", ".join(day.isoformat() for day in readings)
        rule = f"{raw!r} reads only as {shown}, not between 2000 and the list date; not read"
        return SignedDate(None, raw, rule)
    return _not_a_date(raw)


def month_day_year_readings(parts: list[str]) -> list[dt.date]:
    """Every valid M/D/YYYY date the digit groups can spell, keeping the separators typed:
    `["7", "72025"]` gives 2025-07-07 only; `["1112025"]` gives 2025-01-11 and 2025-11-01."""
    digits = "".join(parts)
    cuts = set(accumulate(len(part) for part in parts[:-1]))
    readings = []
    for month_end in (1, 2):
        for day_end in (month_end + 1, month_end + 2):
            if len(digits) - day_end != 4 or not cuts <= {month_end, day_end}:
                continue
            month, day = int(digits[:month_end]), int(digits[month_end:day_end])
            found = _make(int(digits[day_end:]), month, day)
            if found is not None:
                readings.append(found)
    return readings


def _not_a_date(raw: str) -> SignedDate:
    return SignedDate(None, raw, f"{raw!r} is not a valid month/day/year date")


def _in_range(day: dt.date, raw: str, as_of: dt.date) -> SignedDate:
    if EARLIEST <= day <= as_of:
        return SignedDate(day, raw)
    why = "before 2000" if day < EARLIEST else f"after the list date {as_of.isoformat()}"
    return SignedDate(None, raw or day.isoformat(), f"{day.isoformat()} is {why}; not read")


def _from_serial(number: float, as_of: dt.date) -> SignedDate:
    shown = text(number)
    if not 1 <= number < 2958466:  # Excel's serials: 1900-01-01 .. 9999-12-31
        return SignedDate(None, shown, f"the number {shown} is not a date")
    day = from_excel(number).date()  # openpyxl's reading: Excel's 1900 leap-day bug included
    found = _in_range(day, shown, as_of)
    note = found.note or f"the number {shown} was read as an Excel date serial ({day})"
    return SignedDate(found.value, shown, note)


def date_from_file_name(name: str) -> dt.date | None:
    """The list's date in its file name: `2025-07-18`, `07182025` (ICE's MMDDYYYY) or
    `20250718`; None if there is none."""
    match = _ISO_NAME.search(name)
    if match:
        found = _make(*(int(g) for g in match.groups()))
        if found:
            return found
    for match in _EIGHT_DIGITS.finditer(name):
        digits = match.group(1)
        month_first = _make(int(digits[4:]), int(digits[:2]), int(digits[2:4]))
        year_first = _make(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        for found in (month_first, year_first):
            if found and 2000 <= found.year < 2100:
                return found
    return None
