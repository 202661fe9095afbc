"""Citations of one record (policytrack.citations): the same facts in plain text, BibTeX
and CSL-JSON, readable by the tools that import them."""

from __future__ import annotations

import datetime as dt
import json

from policytrack.citations import Citation, bibtex, bibtex_escaped, bibtex_key, csl_json, plain_text

URL = "https://policytrack.example/record?vote=fl-miami-2025-06-17"
VOTE = Citation(
    kind="vote",
    key="fl-miami-2025-06-17",
    title="Miami, FL: City Commission vote of 2025-06-17",
    as_of=dt.date(2026, 11, 30),
    url=URL,
    accessed=dt.date(2026, 12, 8),
)


def test_plain_text_names_publisher_title_as_of_url_and_accessed_date() -> None:
    assert plain_text(VOTE) == (
        "policytrack. “Miami, FL: City Commission vote of 2025-06-17” (vote record, as of "
        f"2026-11-30). {URL} (accessed 2026-12-08)."
    )


def test_plain_text_without_an_as_of_date_says_nothing_of_one() -> None:
    text = plain_text(Citation("agreement", "k", "Sheriff", None, URL, dt.date(2026, 1, 2)))
    assert "as of" not in text
    assert "(287(g) agreement record)" in text


def test_titles_from_outside_stay_on_one_line() -> None:
    cited = Citation("person", "p", "Ann\nLee", None, URL, dt.date(2026, 1, 2))
    assert "“Ann Lee”" in plain_text(cited)
    assert "Ann Lee" in bibtex(cited) and "\n\n" not in bibtex(cited)


def test_bibtex_is_one_misc_entry_with_every_field() -> None:
    entry = bibtex(VOTE)
    assert entry.startswith("@misc{policytrack:vote:fl-miami-2025-06-17,\n")
    assert entry.endswith("}\n")
    for line in (
        "  author = {{policytrack}},",
        "  title = {{Miami, FL: City Commission vote of 2025-06-17}},",
        f"  url = {{{URL}}},",
        "  urldate = {2026-12-08},",
        "  date = {2026-11-30},",
        "  year = {2026},",
    ):
        assert line in entry.splitlines()
    assert entry.count("{") == entry.count("}"), "braces balance"


def test_bibtex_escapes_what_latex_would_read_as_commands() -> None:
    assert bibtex_escaped("A&B 50% $1 #2 a_b {x} ~ ^ \\") == (
        r"A\&B 50\% \$1 \#2 a\_b \{x\} \~{} \^{} \textbackslash{}"
    )
    hostile = Citation("stakeholder_key", "x y/z", "}@misc{evil,", None, URL + "{", VOTE.accessed)
    entry = bibtex(hostile)
    assert "  title = {{\\}@misc\\{evil,}}," in entry.splitlines(), "braces escaped"
    assert bibtex_key(hostile) == "policytrack:stakeholder:x-y-z"
    assert "%7B" in entry


def test_csl_json_is_a_list_of_one_dataset_with_dates_as_parts() -> None:
    (item,) = json.loads(csl_json(VOTE))
    assert item["type"] == "dataset"
    assert item["title"] == VOTE.title
    assert item["author"] == [{"literal": "policytrack"}]
    assert item["publisher"] == "policytrack"
    assert item["URL"] == URL
    assert item["issued"] == {"date-parts": [[2026, 11, 30]]}
    assert item["accessed"] == {"date-parts": [[2026, 12, 8]]}
    assert item["id"] == "policytrack:vote:fl-miami-2025-06-17"
