"""A vote as the editor's form gives it back: the roll call's rows and the sources' URLs read
by the import rules (`ingest.fields`), the rest checked by the schema, every refusal named
by its field (InvalidEdit) so the form says it under that field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from policytrack.edits.refusals import InvalidEdit
from policytrack.ingest.fields import FieldError, parse_roll_call, parse_sources
from policytrack.schemas import VoteEventIn


def edited_vote(
    item: VoteEventIn, values: Mapping[str, Any], roll_call: Sequence[Mapping[str, Any]]
) -> VoteEventIn:
    """`item` with the form's `values` (its `sources` one URL per line) and `roll_call` rows
    (voter_name, option; rows without a name are dropped); InvalidEdit by field."""
    errors: dict[str, str] = {}
    edited = {**values}
    try:
        edited["roll_call"] = parse_roll_call(
            [dict(r) for r in roll_call if str(r.get("voter_name") or "").strip()]
        )
    except FieldError as error:
        errors["roll_call"] = str(error)
    try:
        urls = [u for u in str(edited.pop("sources")).split() if u.strip()]
        # a source the record came with keeps its publisher and date (a draft's article)
        known = {str(s.url): s for s in item.sources if s.url}
        edited["sources"] = [known.get(str(s.url), s) for s in parse_sources(urls)]
    except FieldError as error:
        errors["sources"] = str(error)
    if errors:
        raise InvalidEdit(errors)
    edited["notes"] = edited["notes"].strip() or None
    edited["disputed"] = edited["disputed"].strip() or None
    try:
        return VoteEventIn.model_validate({**item.model_dump(), **edited})
    except ValidationError as error:
        raise InvalidEdit({str(e["loc"][0]): str(e["msg"]) for e in error.errors()}) from None
