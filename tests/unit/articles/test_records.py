"""A reviewed draft becomes the project's input models, citing the article."""

from __future__ import annotations

import datetime as dt

import pytest

from policytrack.articles.records import DraftIncomplete, to_positions, to_vote_event
from policytrack.vocab import Action, JurisdictionKind, Outcome, Stance, VoteOption

from tests.unit.articles.helpers import draft

TEXT = (
    "The Boise City Council voted 3-2 on Monday to approve an agreement with ICE. "
    "Council members Ann Ortiz, Bo Lind and Cy Park voted in favor, while Dee Moss and "
    "Ed Vance opposed it."
)
URL = "https://example.org/news/2025/09/03/boise-ice"


def test_a_draft_becomes_a_vote_event_citing_the_article() -> None:
    vote = to_vote_event(draft(TEXT, "2025-09-03", URL), title="Boise approves ICE deal")
    assert vote.key == "id-boise-2025-09-01"
    assert vote.jurisdiction.kind is JurisdictionKind.PLACE and vote.jurisdiction.state == "ID"
    assert (vote.action, vote.outcome, vote.yes, vote.no) == (Action.APPROVE, Outcome.PASSED, 3, 2)
    assert vote.vote_date == dt.date(2025, 9, 1)
    assert {(m.voter_name, m.option) for m in vote.roll_call} >= {("Dee Moss", VoteOption.NO)}
    source = vote.sources[0]
    assert (source.url, source.publisher, source.published_on) == (
        URL,
        "example.org",
        dt.date(2025, 9, 3),
    )


def test_positions_cite_the_article_and_keep_stances() -> None:
    positions = to_positions(draft(TEXT, "2025-09-03", URL), "id-boise-2025-09-01")
    stances = {p.speaker: p.stance for p in positions}
    assert stances["Dee Moss"] is Stance.OPPOSE and stances["Ann Ortiz"] is Stance.SUPPORT
    assert all(p.sources[0].url == URL for p in positions)


def test_a_draft_without_a_source_or_an_action_is_refused_naming_what_is_missing() -> None:
    with pytest.raises(DraftIncomplete, match="no URL"):
        to_vote_event(draft(TEXT))
    with pytest.raises(DraftIncomplete, match="state, jurisdiction, action, outcome"):
        to_vote_event(draft("The weather was pleasant all week in town.", url=URL))


def test_a_non_http_url_is_refused() -> None:
    with pytest.raises(ValueError, match="http"):
        to_vote_event(draft(TEXT, url="javascript:alert(1)"))
