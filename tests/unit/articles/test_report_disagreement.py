"""Where a report of a stored vote disagrees with it (tally, date), in words for `disputed`;
a value the report does not give is no disagreement. SYNTHETIC values."""

import datetime as dt

from policytrack.edits.article_drafts import disagreement
from policytrack.schemas import JurisdictionIn, SourceIn, VoteEventIn
from policytrack.vocab import Action, JurisdictionKind, Outcome, Topic

PLACE = JurisdictionIn(ocd_id="ocd-division/country:us/state:fl/place:doral", name="Doral",
                       kind=JurisdictionKind.PLACE, state="FL")  # fmt: skip
ARTICLE = SourceIn.from_url("https://news.example.org/a").model_copy(
    update={"publisher": "Example News", "published_on": dt.date(2025, 6, 20)}
)
STORED = VoteEventIn(
    key="fl-doral-2025-06-18", jurisdiction=PLACE, body="City Council",
    vote_date=dt.date(2025, 6, 18), motion_text="287(g) agreement",
    topic=Topic.AGREEMENT_287G, action=Action.APPROVE, outcome=Outcome.PASSED, yes=4, no=1,
    sources=[SourceIn.from_url("https://records.example.org/minutes")],
)  # fmt: skip


def reported(**values: object) -> VoteEventIn:
    return STORED.model_copy(update={"sources": [ARTICLE], **values})


def test_a_report_that_agrees_or_leaves_values_out_is_no_disagreement() -> None:
    assert disagreement(STORED, reported(), ARTICLE) is None
    assert disagreement(STORED, reported(yes=None, no=None, vote_date=None), ARTICLE) is None


def test_a_different_date_or_tally_is_named_with_the_report() -> None:
    words = disagreement(STORED, reported(vote_date=dt.date(2025, 6, 17), yes=3), ARTICLE)
    assert words == (
        "The report by Example News of 2025-06-20 (https://news.example.org/a) gives "
        "date 2025-06-17 (record: 2025-06-18); tally yes 3, no 1 (record: yes 4, no 1)."
    )
