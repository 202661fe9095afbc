"""The Atom feed of changes, read back as feed readers read it (feedparser)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import feedparser
import pytest

from policytrack.feed import atom_feed, public_base, record_url
from policytrack.queries.changes import Change, ListCount

BASE = "https://news.example.org/policytrack"
JULY, AUGUST = dt.date(2025, 7, 18), dt.date(2025, 8, 1)


def change(
    key: str = "fl:largo-police-department:task_force:2025-07-30", **given: object
) -> Change:
    values: dict[str, object] = {
        "id": f"agreement/{key}/status/participating-2025-08-01-0123456789ab",
        "record": "agreement",
        "key": key,
        "change": "status",
        "on": AUGUST,
        "at": dt.datetime(2025, 8, 1, tzinfo=dt.UTC),
        "state": "FL",
        "name": "Largo Police Department",
        "model": "task_force",
        "before": "pending",
        "after": "active",
        "source": "ICE participating list of 2025-08-01",
        "list_kind": "participating",
    }
    return Change(**{**values, **given})  # type: ignore[arg-type]


def vote_edit() -> Change:
    return change(
        "fl-miami-2025-06-17",
        id="vote/fl-miami-2025-06-17/vote_edited/20250802T101500.000000Z",
        record="vote",
        change="vote_edited",
        on=dt.date(2025, 8, 2),
        at=dt.datetime(2025, 8, 2, 10, 15, tzinfo=dt.UTC),
        name="Miami City Commission, vote of 2025-06-17",
        before=None,
        after="287(g) agreement",
        source="update by alice",
        list_kind=None,
    )


def test_a_valid_atom_feed_with_an_entry_per_change_linked_to_its_record() -> None:
    document = atom_feed([vote_edit(), change()], base=BASE, self_url=f"{BASE}/feed.xml")
    feed = feedparser.parse(document)
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.updated == "2025-08-02T10:15:00Z"
    assert {link.rel: link.href for link in feed.feed.links} == {
        "alternate": f"{BASE}/",
        "self": f"{BASE}/feed.xml",
    }
    [edit, largo] = feed.entries
    assert largo.title == "FL · Largo Police Department: moved from pending to active"
    assert (
        largo.link
        == f"{BASE}/record?agreement=fl%3Alargo-police-department%3Atask_force%3A2025-07-30"
    )
    assert largo.updated == "2025-08-01T00:00:00Z"
    assert "287(g) model: Task Force Model" in largo.summary
    assert "Seen on: ICE participating list of 2025-08-01" in largo.summary
    assert edit.link == f"{BASE}/record?vote=fl-miami-2025-06-17"
    assert "Edited on 2025-08-02 (update by alice)" in edit.summary
    assert [t.term for t in largo.tags] == ["status", "FL"]


def test_entry_ids_are_tag_uris_that_never_change() -> None:
    first = feedparser.parse(atom_feed([vote_edit(), change()], base=BASE))
    # Read again later, with a newer change on top: the same entries keep their ids.
    newer = change("fl:keller", id="agreement/fl:keller/removed/participating-2025-09-01-ab")
    second = feedparser.parse(
        atom_feed([replace_at(newer, dt.date(2025, 9, 1)), vote_edit(), change()], base=BASE)
    )
    ids = [e.id for e in first.entries]
    assert ids == [e.id for e in second.entries][1:]
    assert ids[1] == (
        "tag:news.example.org,2025:policytrack/agreement/"
        "fl:largo-police-department:task_force:2025-07-30/status/participating-2025-08-01-0123456789ab"
    )
    assert atom_feed([change()], base=BASE) == atom_feed([change()], base=BASE)  # same bytes


def replace_at(item: Change, day: dt.date) -> Change:
    return replace(item, on=day, at=dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC))


def test_outside_text_stays_text_and_hidden_characters_are_written_out() -> None:
    hostile = "<script>alert(1)</script> & ]]> \x0c\x00Sheriff\u202e"
    document = atom_feed([change(name=hostile, after=hostile)], base=BASE)
    assert b"<script>" not in document and b"&lt;script&gt;" in document
    feed = feedparser.parse(document)
    assert not feed.bozo
    [entry] = feed.entries
    assert entry.title_detail.type == "text/plain"
    # Written out as the dashboard writes them (hidden_text.visible): a form feed, a NUL
    # (neither can be carried by XML) and a right-to-left override.
    shown = "FL · <script>alert(1)</script> & ]]> [U+000C][U+0000]Sheriff[U+202E]:"
    assert entry.title.startswith(shown)


def test_the_first_list_on_record_is_one_entry_not_hundreds_of_additions() -> None:
    counts = [
        ListCount(JULY, "participating", True, {"added": 427}),
        ListCount(AUGUST, "participating", False, {"removed": 1}),
    ]
    feed = feedparser.parse(atom_feed([change()], base=BASE, first_lists=counts, states=("FL",)))
    assert [e.title for e in feed.entries] == [
        "FL · Largo Police Department: moved from pending to active",
        "ICE participating list of 2025-07-18: the first list on record, 427 agreements in FL",
    ]
    assert feed.entries[1].link == f"{BASE}/data?state=FL"
    assert feed.feed.id == "tag:news.example.org,2025:policytrack/changes/FL"


def test_an_empty_feed_is_still_valid_atom() -> None:
    now = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    feed = feedparser.parse(atom_feed([], base=BASE, now=now))
    assert not feed.bozo and feed.entries == [] and feed.feed.updated == "2026-01-02T03:04:05Z"


def test_the_public_base_url_is_checked() -> None:
    assert public_base("") == "http://127.0.0.1:8501"
    assert public_base("https://news.example.org/pt/") == "https://news.example.org/pt"
    assert (
        record_url("https://x.example", "vote", "a b&c") == "https://x.example/record?vote=a+b%26c"
    )
    for bad in ("javascript:alert(1)", "ftp://news.example.org", "news.example.org"):
        with pytest.raises(ValueError, match="http"):
            public_base(bad)
