"""Validate rows of a positions table (`data/seed/positions.csv` columns) into `PositionIn`."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import ValidationError

from policytrack.ingest.fields import FieldError, parse_choice, parse_sources, text
from policytrack.ingest.problems import Problem, problems_from_validation
from policytrack.ingest.tables import Row
from policytrack.schemas import PositionIn, SourceIn
from policytrack.vocab import StakeholderKind, Stance

REQUIRED_COLUMNS = ("vote_key", "stakeholder", "stakeholder_kind", "stance")


def stakeholder_key(name: str) -> str:
    """A stakeholder's natural key: its name folded to ASCII lower-case words."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))


def position_key(
    vote_key: str, stakeholder: str, speaker: str | None, stance: str, source_key: str
) -> str:
    """A position's natural key: the same position imported twice, or added by an editor
    and imported later, is one record."""
    return "|".join([vote_key, stakeholder, stakeholder_key(speaker or ""), stance, source_key])


def position_from_row(
    row: Row, known_sources: dict[str, SourceIn]
) -> tuple[PositionIn | None, list[Problem]]:
    """One row as a position ready to load, or the problems that stop it."""
    problems: list[Problem] = []

    def parse(field: str, parser: Any) -> Any:
        try:
            return parser(row.values.get(field))
        except FieldError as error:
            problems.append(
                Problem(row.file, row.number, field, text(row.values.get(field)), str(error))
            )
            return None

    kind = parse("stakeholder_kind", lambda raw: parse_choice(raw, StakeholderKind))
    stance = parse("stance", lambda raw: parse_choice(raw, Stance))
    sources = parse("source_url", lambda raw: _sources(raw, row, known_sources))
    name = text(row.values.get("stakeholder"))
    if problems:
        return None, problems
    speaker = text(row.values.get("speaker") or row.values.get("person")) or None
    source_key = sources[0].key
    fields = {
        "key": position_key(
            text(row.values.get("vote_key")),
            stakeholder_key(name),
            speaker,
            str(stance),
            source_key,
        ),
        "vote_key": text(row.values.get("vote_key")),
        "stakeholder": {"key": stakeholder_key(name), "name": name, "kind": kind},
        "stance": stance,
        "speaker": speaker,
        "role": text(row.values.get("role")) or None,
        "summary": text(row.values.get("summary")) or None,
        "quote": text(row.values.get("quote")) or None,
        "sources": sources,
    }
    try:
        return PositionIn.model_validate(fields), []
    except ValidationError as error:
        return None, problems_from_validation(error, row.file, row.number, row.values)


def _sources(raw: Any, row: Row, known: dict[str, SourceIn]) -> list[SourceIn]:
    """The row's source URL, or the citation its `source_key` names."""
    key = text(row.values.get("source_key"))
    if key:
        if key not in known:
            raise FieldError(f"source_key {key!r} is not in the sources table")
        return [known[key]]
    return parse_sources(raw)


def source_from_row(row: Row) -> tuple[SourceIn | None, list[Problem]]:
    """One row of a sources table (`key,url,publisher,title,author,published_on,citation`)."""
    values = {k: (text(v) or None) for k, v in row.values.items()}
    try:
        source = SourceIn.model_validate(values)
    except ValidationError as error:
        return None, problems_from_validation(error, row.file, row.number, row.values)
    if source.url is None and not source.citation:
        rule = "a source needs a URL or a citation"
        return None, [Problem(row.file, row.number, "citation", "", rule)]
    return source, []
