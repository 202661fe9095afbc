"""Every record that crosses a boundary (from a file, from an editor's form) refuses text
holding a NUL character, which PostgreSQL cannot store and SQLite would: one rule, the same
answer on both databases, said next to the field."""

import datetime as dt
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from policytrack.edits.refusals import InvalidEdit
from policytrack.edits.stakeholders import new_stakeholder
from policytrack.schemas import (
    JurisdictionIn,
    MemberVoteIn,
    PositionIn,
    SourceIn,
    StakeholderIn,
    VoteEventIn,
)

SOURCE = {"key": "https://example.org/a", "url": "https://example.org/a"}
PLACE = {"ocd_id": "ocd-division/country:us/state:fl/place:miami", "name": "Miami",
         "kind": "place", "state": "FL"}  # fmt: skip
STAKEHOLDER = {"key": "aclu", "name": "ACLU", "kind": "advocacy_org"}
VOTE = {"key": "v", "jurisdiction": PLACE, "body": "City Commission", "motion_text": "287(g)",
        "topic": "287g_agreement", "action": "approve", "outcome": "passed",
        "vote_date": dt.date(2025, 6, 17), "sources": [SOURCE]}  # fmt: skip
POSITION = {"key": "p", "vote_key": "v", "stakeholder": STAKEHOLDER, "stance": "oppose",
            "sources": [SOURCE]}  # fmt: skip


@pytest.mark.parametrize(
    ("model", "values", "field"),
    [
        (SourceIn, {**SOURCE, "title": "A\x00"}, "title"),
        (JurisdictionIn, {**PLACE, "name": "Mia\x00mi"}, "name"),
        (MemberVoteIn, {"voter_name": "Joe\x00", "option": "yes"}, "voter_name"),
        (VoteEventIn, {**VOTE, "notes": "checked\x00"}, "notes"),
        (StakeholderIn, {**STAKEHOLDER, "name": "AC\x00LU"}, "name"),
        (PositionIn, {**POSITION, "quote": "\x00"}, "quote"),
    ],
)
def test_text_with_a_nul_character_is_refused_in_every_record(
    model: type[BaseModel], values: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        model.model_validate(values)
    [error] = refused.value.errors()
    assert error["loc"] == (field,) and "NUL character" in error["msg"]


def test_an_editor_is_told_next_to_the_field() -> None:
    with pytest.raises(InvalidEdit) as refused:
        new_stakeholder({"name": "ACLU\x00", "kind": "advocacy_org"})
    assert "NUL character" in refused.value.fields["name"]
