"""Validate rows of a votes table (CSV or JSON, columns of `data/seed/votes.csv`) into
`VoteEventIn` records, collecting every problem in the file before refusing it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from policytrack.geo import Gazetteer, State
from policytrack.ingest.fields import (
    FieldError,
    parse_choice,
    parse_count,
    parse_date,
    parse_roll_call,
    parse_sources,
    text,
)
from policytrack.ingest.jurisdictions import AmbiguousJurisdiction, ocd_slug, resolve
from policytrack.ingest.problems import Problem, problems_from_validation
from policytrack.ingest.tables import Row
from policytrack.schemas import JurisdictionIn, VoteEventIn
from policytrack.vocab import (
    Action,
    Confidence,
    JurisdictionKind,
    Outcome,
    Topic,
    VoteOption,
    parse_jurisdiction_kind,
    parse_model,
)

REQUIRED_COLUMNS = ("state", "jurisdiction", "jurisdiction_kind", "body", "action", "outcome")
COUNT_FIELDS = ("yes", "no", "abstain", "absent")
_TALLY_OPTIONS = {
    "yes": (VoteOption.YES,),
    "no": (VoteOption.NO,),
    "abstain": (VoteOption.ABSTAIN,),
    "absent": (VoteOption.ABSENT, VoteOption.EXCUSED),
}


class _RowReader:
    """Reads one row's cells, recording a problem for each broken rule."""

    def __init__(self, row: Row) -> None:
        self.row = row
        self.problems: list[Problem] = []

    def get(self, field: str, parse: Callable[[Any], Any], *, default: Any = None) -> Any:
        raw = self.row.values.get(field)
        try:
            return parse(raw)
        except FieldError as error:
            self.error(field, raw, str(error))
            return default

    def error(self, field: str, raw: Any, rule: str) -> None:
        shown = raw if isinstance(raw, str) else text(raw)
        self.problems.append(Problem(self.row.file, self.row.number, field, shown, rule))


# The columns that give each field of a vote (a field is given when one is not blank).
_GIVEN_BY = {
    "vote_date": ("vote_date",), "motion_text": ("policy", "motion_text"), "topic": ("topic",),
    "action": ("action",), "outcome": ("outcome",), "model": ("model",),
    "confidence": ("confidence",), "roll_call": ("roll_call",), "sources": ("sources",),
    "seats": ("seats",), "notes": ("notes",), "disputed": ("disputed",),
    **{field: (field,) for field in COUNT_FIELDS},
}  # fmt: skip


def given_fields(row: Row) -> frozenset[str]:
    """The fields of a vote its row gives: blank cells and missing columns are not reported
    (they keep what is stored when the row matches a stored vote)."""
    return frozenset(
        field
        for field, columns in _GIVEN_BY.items()
        if any(_given(row.values.get(column)) for column in columns)
    )


def _given(value: Any) -> bool:
    return bool(value) if isinstance(value, list | dict) else bool(text(value))


def missing_columns(columns: list[str]) -> list[str]:
    """Required columns the table lacks (`policy` may be called `motion_text`)."""
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if "policy" not in columns and "motion_text" not in columns:
        missing.append("policy")
    if "sources" not in columns:
        missing.append("sources")
    return missing


def vote_from_row(
    row: Row, gazetteer: Gazetteer, today: dt.date
) -> tuple[VoteEventIn | None, list[Problem]]:
    """One row as a vote event ready to load, or the problems that stop it."""
    cells = _RowReader(row)
    state = cells.get("state", lambda raw: _parse_state(gazetteer, raw))
    kind = cells.get("jurisdiction_kind", _parse_kind)
    name = text(row.values.get("jurisdiction"))
    fields: dict[str, Any] = {
        "body": text(row.values.get("body")),
        "motion_text": text(row.values.get("policy") or row.values.get("motion_text")),
        "vote_date": cells.get("vote_date", lambda raw: parse_date(raw, today)),
        "action": cells.get("action", lambda raw: parse_choice(raw, Action)),
        "outcome": cells.get("outcome", lambda raw: parse_choice(raw, Outcome)),
        "model": cells.get("model", _parse_model),
        "confidence": cells.get(
            "confidence", lambda raw: parse_choice(raw, Confidence, Confidence.HIGH)
        ),
        "roll_call": cells.get("roll_call", parse_roll_call, default=[]),
        "sources": cells.get("sources", parse_sources, default=[]),
        "seats": cells.get("seats", parse_count),
        "notes": text(row.values.get("notes")) or None,
        "disputed": text(row.values.get("disputed")) or None,
    }
    for field in COUNT_FIELDS:
        fields[field] = cells.get(field, parse_count)
    fields["topic"] = cells.get("topic", lambda raw: _parse_topic(raw, fields["motion_text"], kind))
    place_warning = None
    if state is not None and kind is not None and name:
        fields["jurisdiction"], place_warning = _resolve(cells, gazetteer, name, kind, state)
    elif not name:
        cells.error("jurisdiction", "", "every vote needs the jurisdiction that held it")
    if cells.problems:
        return None, cells.problems
    fields["key"] = text(row.values.get("vote_key")) or _derived_key(state, name, fields)
    return _build(row, fields, place_warning)


def _build(
    row: Row, fields: dict[str, Any], warning: str | None
) -> tuple[VoteEventIn | None, list[Problem]]:
    try:
        vote = VoteEventIn(**fields)
    except ValidationError as error:
        return None, problems_from_validation(error, row.file, row.number, row.values)
    problems = seat_problems(vote, row)
    if problems:
        return None, problems
    vote.warnings = suspicious(vote) + ([warning] if warning else [])
    return vote, []


def _resolve(
    cells: _RowReader, gazetteer: Gazetteer, name: str, kind: JurisdictionKind, state: State
) -> tuple[JurisdictionIn | None, str | None]:
    county = text(cells.row.values.get("county")) or None
    try:
        resolution = resolve(gazetteer, name, kind, state, county)
    except AmbiguousJurisdiction as error:
        cells.error("jurisdiction", name, str(error))
        return None, None
    return resolution.jurisdiction, resolution.warning


def _parse_state(gazetteer: Gazetteer, raw: Any) -> State:
    state = gazetteer.state(text(raw))
    if state is None:
        raise FieldError("unknown state: use a two-letter postal code such as FL")
    return state


def _parse_kind(raw: Any) -> JurisdictionKind:
    kind = parse_jurisdiction_kind(text(raw))
    if kind is None:
        raise FieldError("jurisdiction_kind must be city, town, county, parish or state")
    return kind


def _parse_model(raw: Any) -> Any:
    model = parse_model(text(raw))
    if model is None:
        raise FieldError(
            "model must be a 287(g) model: Jail Enforcement Model, Task Force Model, "
            "Warrant Service Officer (or blank)"
        )
    return model


def _parse_topic(raw: Any, motion: str, kind: JurisdictionKind | None) -> Topic:
    if text(raw):
        return parse_choice(raw, Topic)
    # Without a topic column: state chambers make state policy; a motion that says it is
    # "not 287(g)" is other cooperation; everything else in this tracker concerns 287(g).
    if kind is JurisdictionKind.STATE:
        return Topic.STATE_POLICY
    if re.search(r"not\s+287\(g\)", motion, re.IGNORECASE) or "287(g)" not in motion:
        return Topic.ICE_COOPERATION
    return Topic.AGREEMENT_287G


def _derived_key(state: State, name: str, fields: dict[str, Any]) -> str:
    day = fields["vote_date"].isoformat() if fields["vote_date"] else "undated"
    return f"{state.code.lower()}-{ocd_slug(name).replace('_', '-')}-{day}"


def seat_problems(vote: VoteEventIn, row: Row | None, seats: int | None = None) -> list[Problem]:
    """More votes counted than the body has seats is impossible."""
    seats = seats if seats is not None else vote.seats
    total = sum(getattr(vote, field) or 0 for field in COUNT_FIELDS)
    if seats is None or total <= seats:
        return []
    file, number = (row.file, row.number) if row else ("record", None)
    rule = f"{total} votes counted but {vote.body} has {seats} seats"
    return [Problem(file, number, "yes", str(vote.yes), rule)]


def suspicious(vote: VoteEventIn) -> list[str]:
    """Possible but suspicious facts, kept with the record as visible warnings."""
    warnings = []
    counted = vote.yes is not None and vote.no is not None
    if vote.outcome is Outcome.PASSED and counted and (vote.yes or 0) <= (vote.no or 0):
        warnings.append(
            f"passed with yes {vote.yes} ≤ no {vote.no}: check the tally "
            "(a tie-break by a presiding officer can explain it)"
        )
    warnings += _roll_call_mismatches(vote)
    if vote.disputed:
        warnings.append(f"sources disagree: {vote.disputed}")
    return warnings


def _roll_call_mismatches(vote: VoteEventIn) -> list[str]:
    """Tally and roll call disagree: more named votes than counted, or a full roll call that
    differs from the tally."""
    if not vote.roll_call:
        return []
    counted = {f: getattr(vote, f) for f in COUNT_FIELDS}
    named = {
        f: sum(1 for m in vote.roll_call if m.option in options)
        for f, options in _TALLY_OPTIONS.items()
    }
    full = sum(c or 0 for c in counted.values()) == len(vote.roll_call)
    wrong = [
        f"{f} {counted[f]} vs {named[f]} named"
        for f in COUNT_FIELDS
        if counted[f] is not None and (named[f] > counted[f] or (full and named[f] != counted[f]))
    ]
    if wrong:
        return ["tally and roll call disagree: " + ", ".join(wrong)]
    return []
