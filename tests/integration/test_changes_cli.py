"""`policytrack changes` and `policytrack feed` as a newsroom runs them (a real process on the
bundled data): a feed file a feed reader accepts, for one state, linked to the public site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser

from tests.conftest import Templates

PUBLIC = "https://news.example.org/policytrack"


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": url, "POLICYTRACK_PUBLIC_URL": PUBLIC}
    command = [sys.executable, "-m", "policytrack.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_feed_for_one_state_written_to_a_file(backend: Templates, tmp_path: Path) -> None:
    url, out = backend.fresh("seeded"), tmp_path / "site" / "florida.xml"
    out.parent.mkdir()
    written = run(url, "feed", "--state", "fl", "-o", str(out))
    assert written.returncode == 0, written.stderr
    assert [p.name for p in out.parent.iterdir()] == ["florida.xml"]  # no temporary left
    feed = feedparser.parse(out.read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    links = [entry.link for entry in feed.entries]
    assert links and all(link.startswith(f"{PUBLIC}/") for link in links)
    assert f"{PUBLIC}/record?vote=fl-miami-2025-06-17" in links
    assert {tag.term for entry in feed.entries for tag in entry.tags} & {"TX", "CA"} == set()
    first = [
        e.title for e in feed.entries if e.id.endswith("/first-list/participating/2025-07-18/FL")
    ]
    assert first == [
        "ICE participating list of 2025-07-18: the first list on record, 309 agreements in FL"
    ]
    refused = run(url, "feed", "--state", "Atlantis")
    assert refused.returncode == 2 and "'Atlantis': not a US state" in refused.stderr


def test_changes_as_json_lines_with_record_urls(backend: Templates) -> None:
    listed = run(backend.fresh("seeded"), "changes", "--json", "--state", "FL")
    assert listed.returncode == 0, listed.stderr
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    miami = next(r for r in records if r["key"] == "fl-miami-2025-06-17")
    assert (miami["change"], miami["summary"]) == ("vote_added", "vote added")
    assert miami["url"] == f"{PUBLIC}/record?vote=fl-miami-2025-06-17"
    assert {r["state"] for r in records} == {"FL"}
    assert sum(r["first_list"] for r in records) == 309 + 2  # FL on July's two lists
