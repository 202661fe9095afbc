"""Dates worth marking on time charts: state mandates and bans, and the days ICE's official
lists were published. Each carries its source.

State-law votes come from the records themselves (votes with topic `state_policy`), so the
marks always match the data. Facts that are not votes are data, bundled in
`data/seed/key_dates.csv` (one row a fact, each with its source) and read by
`state_actions`: today one, Florida's executive order, known from the bundled news report by
month and year only — it is shown as "Feb 2025", never with an invented day.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, cast

import pandas as pd

from policytrack.config import get_settings

Precision = Literal["day", "month"]

KEY_DATES_FILE = "key_dates.csv"  # in the seed folder (`Settings.seed_dir`)
KINDS = ("state law vote", "executive order", "official list")
_COLUMNS = ("day", "precision", "state", "kind", "text", "source")


@dataclass(frozen=True)
class KeyDate:
    """One dated fact to mark on a timeline, with where it comes from."""

    day: dt.date  # the first of the month when only the month is known
    precision: Precision
    state: str | None  # two-letter code; None for national events
    kind: str  # "state law vote", "executive order", "official list"
    text: str  # one line
    source: str  # an http(s) URL, or a citation when there is no URL

    @property
    def month(self) -> str:
        """The "YYYY-MM" month of the fact."""
        return self.day.strftime("%Y-%m")

    @property
    def shown_date(self) -> str:
        """The date as precisely as it is known: 2026-02-03, or Feb 2025."""
        return self.day.isoformat() if self.precision == "day" else self.day.strftime("%b %Y")


class KeyDatesError(ValueError):
    """A row of the key dates file that breaks a rule: names the file, row, field and rule."""


def read_key_dates(path: Path) -> tuple[KeyDate, ...]:
    """The dated facts of a key dates file (`KEY_DATES_FILE`); KeyDatesError at the first
    row that breaks a rule (a day as YYYY-MM-DD, the first of the month when only the month
    is known; a known kind; a two-letter state or none; a text and a source)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise KeyDatesError(f"{path.name}: the columns {missing} are missing")
        return tuple(_key_date(path.name, number, row) for number, row in enumerate(reader, 2))


def _key_date(file: str, number: int, row: dict[str, str]) -> KeyDate:
    def refuse(field: str, rule: str) -> KeyDatesError:
        return KeyDatesError(f"{file} row {number}, {field} {row.get(field)!r}: {rule}")

    try:
        day = dt.date.fromisoformat(row["day"])
    except ValueError:
        raise refuse("day", "a date as YYYY-MM-DD") from None
    precision = row["precision"]
    if precision not in ("day", "month"):
        raise refuse("precision", "day or month")
    if precision == "month" and day.day != 1:
        raise refuse("day", "the first of the month when only the month is known")
    state = row["state"].strip() or None
    if state is not None and not (len(state) == 2 and state.isalpha() and state.isupper()):
        raise refuse("state", "a two-letter state code, or blank for a national event")
    if row["kind"] not in KINDS:
        raise refuse("kind", f"one of {', '.join(KINDS)}")
    for field in ("text", "source"):
        if not row[field].strip():
            raise refuse(field, "required: every fact says what it is and where it comes from")
    kind, text, source = row["kind"], row["text"], row["source"]
    return KeyDate(day, cast(Precision, precision), state, kind, text, source)


@cache
def bundled_state_actions() -> tuple[KeyDate, ...]:
    """The bundled facts that are not votes (read once)."""
    return read_key_dates(get_settings().seed_dir / KEY_DATES_FILE)


def from_state_law_votes(votes: pd.DataFrame) -> list[KeyDate]:
    """Key dates from votes on state mandates and bans (`timeline.state_law_votes` rows)."""
    return [
        KeyDate(
            day=_date(row["vote_date"]),
            precision="day",
            state=str(row["state"]),
            kind="state law vote",
            text=f"{row['motion_text']} — {row['outcome']}",
            source=str(row["source"] or ""),
        )
        for row in votes.to_dict("records")
    ]


def from_official_lists(lists: pd.DataFrame) -> list[KeyDate]:
    """One key date per day on which ICE published the lists imported (`list_dates` rows)."""
    marks = []
    for day, group in lists.groupby("as_of", sort=True):
        kinds = " and ".join(sorted(str(k) for k in group["kind"]))
        marks.append(
            KeyDate(
                day=_date(day),
                precision="day",
                state=None,
                kind="official list",
                text=f"ICE's {kinds} 287(g) list as of this date "
                f"({int(group['rows'].sum()):,} rows imported)",
                source=", ".join(sorted(str(f) for f in group["file_name"])),
            )
        )
    return marks


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def state_actions(
    states: Iterable[str] = (), since: dt.date | None = None, until: dt.date | None = None
) -> list[KeyDate]:
    """The bundled facts that are not votes, in the chosen states and dates (all if none)."""
    wanted = set(states)
    return [
        fact
        for fact in bundled_state_actions()
        if (not wanted or fact.state in wanted)
        and (since is None or fact.day >= since.replace(day=1))
        and (until is None or fact.day <= until)
    ]


def combine(*groups: Iterable[KeyDate]) -> list[KeyDate]:
    """All key dates, oldest first."""
    return sorted((d for group in groups for d in group), key=lambda d: (d.day, d.kind, d.text))


def short_label(dates: list[KeyDate]) -> str:
    """A few words for a chart mark standing for the key dates of one month."""
    words = []
    for kind, shown in (
        ("state law vote", "{} law vote"),
        ("executive order", "{} exec. order"),
        ("official list", "ICE list"),
    ):
        states = sorted({d.state or "" for d in dates if d.kind == kind})
        if states:
            words.append(shown.format("/".join(s for s in states if s)).strip())
    return " · ".join(words)


def by_month(dates: Iterable[KeyDate]) -> dict[str, list[KeyDate]]:
    """Key dates grouped by "YYYY-MM" month, oldest first."""
    months: dict[str, list[KeyDate]] = {}
    for date in sorted(dates, key=lambda d: d.day):
        months.setdefault(date.month, []).append(date)
    return months
