"""A record's files in real Chromium (issue 15): the record as CSV (one row, its lists as
JSON in their cells) and its citation as BibTeX, as downloaded."""

import csv
import io
import json

import pytest

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

MIAMI = "fl-miami-2025-06-17"


def downloaded(page, label: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=label).click()
    return download.value.suggested_filename, download.value.path().read_text("utf-8")


def test_a_vote_downloads_as_csv_and_its_citation_as_bibtex(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/record?vote={MIAMI}")
    page.get_by_text("Cite this record").wait_for(timeout=90_000)
    name, text = downloaded(page, "Download this record (CSV)")
    assert name == f"policytrack-vote-{MIAMI}.csv"
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["key"] == MIAMI and (row["yes"], row["no"]) == ("3", "2")
    roll_call = json.loads(row["roll_call"])
    assert len(roll_call) == 5 and {"voter_name", "option"} <= set(roll_call[0])
    page.get_by_role("tab", name="BibTeX").click()
    name, bib = downloaded(page, "Download (BibTeX)")
    assert name == f"policytrack-vote-{MIAMI}-citation.bib"
    assert bib.startswith(f"@misc{{policytrack:vote:{MIAMI},")
    assert f"url = {{{server.url}/record?vote={MIAMI}}}" in bib
    assert page.blocked.urls == []
