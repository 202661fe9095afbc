"""`policytrack draft`: text, saved HTML and stdin in; one JSON object or a readable draft out."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from policytrack.cli import app

TEXT = (
    "The Boise City Council voted 4-2 on Tuesday to approve an agreement with ICE.\n"
    "Councilwoman Dee Moss and Councilman Ed Vance voted against it."
)
KEYS = {
    "vote_key", "jurisdiction", "jurisdiction_kind", "state", "body", "vote_date", "policy",
    "model", "action", "outcome", "tally", "roll_call", "stakeholders",
}  # fmt: skip


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["draft", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_is_one_object_with_the_scorer_keys(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    code, out, _ = run(
        str(article), "--json", "--published", "2025-09-04", "--url", "https://example.org/x"
    )
    assert code == 0
    draft = json.loads(out)
    assert set(draft) == KEYS
    assert draft["vote_date"] == "2025-09-02"
    assert draft["tally"] == {"yes": 4, "no": 2, "abstain": None, "absent": None}
    assert {(m["member"], m["vote"]) for m in draft["roll_call"]} == {
        ("Dee Moss", "no"),
        ("Ed Vance", "no"),
    }


def test_a_saved_html_page_is_reduced_to_its_main_text(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Boise approves ICE agreement</title></head><body>"
        "<nav>Home | Sports | Weather | Subscribe to our newsletter</nav><article>"
        f"<p>{TEXT.splitlines()[0]}</p><p>{TEXT.splitlines()[1]}</p>"
        "<p>The meeting lasted three hours and many residents spoke.</p></article>"
        "<footer>© 2025 Example News</footer></body></html>",
        encoding="utf-8",
    )
    code, out, _ = run(str(page), "--json")
    assert code == 0
    draft = json.loads(out)
    assert (draft["state"], draft["jurisdiction"], draft["action"]) == ("ID", "Boise", "approve")


def test_standard_input_and_the_readable_draft_show_evidence() -> None:
    code, out, _ = run("-", stdin=TEXT)
    assert code == 0
    assert "jurisdiction Boise" in out
    assert 'from [0:77] "The Boise City Council voted 4-2' in out
    assert "vote date    — (not stated in the text)" in out


def test_unreadable_file_and_bad_date_exit_2_with_a_message(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt: cannot be read" in err
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    code, _, err = run(str(article), "--published", "June 3")
    assert code == 2 and "YYYY-MM-DD" in err
