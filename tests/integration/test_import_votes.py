"""`import votes`: impossible data are refused with row, field and rule, and nothing is
written; suspicious data are kept with a visible warning."""

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from policytrack import queries
from policytrack.ingest.pipeline import import_votes
from policytrack.ingest.problems import ImportRefused
from policytrack.models import VoteEvent

COLUMNS = [
    "vote_key", "state", "jurisdiction", "jurisdiction_kind", "body", "vote_date", "policy",
    "model", "action", "outcome", "yes", "no", "abstain", "absent", "roll_call", "sources",
    "confidence", "notes", "seats",
]  # fmt: skip

GOOD = {
    "vote_key": "fl-palm-bay-2099-test",
    "state": "FL",
    "jurisdiction": "Palm Bay",
    "jurisdiction_kind": "city",
    "body": "City Council",
    "vote_date": "2025-04-03",
    "policy": "287(g) agreement",
    "model": "Task Force Model",
    "action": "approve",
    "outcome": "passed",
    "yes": "5",
    "no": "0",
    "sources": "https://palmbaylive.com/palm-bay-approves-ice-287g-agreement",
    "confidence": "high",
}


def write_votes(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return path


def snapshot(engine: Engine) -> dict[str, object]:
    with Session(engine) as session:
        return queries.stats(session)


def good_row(number: int, **changes: str) -> dict[str, str]:
    return {**GOOD, "vote_key": f"fl-test-{number}", **changes}


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"sources": "javascript:alert(1)"}, "sources", "http"),
        ({"sources": "  JavaScript:alert(document.cookie)"}, "sources", "http"),
        ({"sources": "DATA:text/html;base64,PHNjcmlwdD4="}, "sources", "http"),
        ({"sources": ""}, "sources", "at least one source"),
        ({"yes": "-1"}, "yes", "negative"),
        ({"vote_date": "2099-01-01"}, "vote_date", "future"),
        ({"state": "ZZ"}, "state", "unknown state"),
        (
            {"seats": "5", "yes": "5", "no": "2"},
            "yes",
            "7 votes counted but City Council has 5 seats",
        ),
        ({"outcome": "won"}, "outcome", "must be one of"),
    ],
)
def test_bad_row_is_refused_naming_row_field_and_rule_and_nothing_is_written(
    engine: Engine, tmp_path: Path, changes: dict[str, str], field: str, rule: str
) -> None:
    path = write_votes(tmp_path / "votes.csv", [good_row(1), good_row(2), good_row(3, **changes)])
    before = snapshot(engine)
    with pytest.raises(ImportRefused) as refused:
        import_votes(engine, path)
    assert snapshot(engine) == before
    [problem] = refused.value.problems
    assert (problem.file, problem.row, problem.field) == ("votes.csv", 4, field)
    assert rule in problem.rule
    assert f"votes.csv, row 4, field '{field}'" in refused.value.summary()


def test_every_bad_row_is_listed_at_once(engine: Engine, tmp_path: Path) -> None:
    rows = [good_row(1, yes="-2"), good_row(2), good_row(3, vote_date="2099-12-31")]
    with pytest.raises(ImportRefused) as refused:
        import_votes(engine, write_votes(tmp_path / "v.csv", rows))
    assert [(p.row, p.field) for p in refused.value.problems] == [(2, "yes"), (4, "vote_date")]


def test_seats_known_from_the_database_also_bound_the_tally(engine: Engine, tmp_path: Path) -> None:
    import_votes(engine, write_votes(tmp_path / "a.csv", [good_row(1, seats="5")]))
    with pytest.raises(ImportRefused, match="6 votes counted but City Council has 5 seats"):
        import_votes(engine, write_votes(tmp_path / "b.csv", [good_row(2, yes="6")]))


def test_missing_columns_are_named(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("state,jurisdiction\nFL,Miami\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="required column missing: jurisdiction_kind"):
        import_votes(engine, path)


def test_a_good_file_loads_and_reloading_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = write_votes(tmp_path / "v.csv", [good_row(1), good_row(2, vote_date="")])
    first = import_votes(engine, path)
    after = snapshot(engine)
    second = import_votes(engine, path)
    assert first.created["vote_events"] == 2 and second.unchanged["vote_events"] == 2
    assert snapshot(engine) == after


def test_suspicious_data_are_kept_with_warnings(engine: Engine, tmp_path: Path) -> None:
    rows = [
        # Northwood-style: the mayor broke a tie, so "passed" with yes <= no is possible.
        good_row(1, yes="3", no="3"),
        good_row(2, yes="2", no="0", roll_call="A: yes; B: yes; C: yes"),
    ]
    import_votes(engine, write_votes(tmp_path / "v.csv", rows))
    with Session(engine) as session:
        warnings = dict(session.exec(select(VoteEvent.key, VoteEvent.warnings)).all())
    assert any("passed with yes 3 ≤ no 3" in w for w in warnings["fl-test-1"])
    assert any("tally and roll call disagree: yes 2 vs 3 named" in w for w in warnings["fl-test-2"])


def test_json_votes_import_with_lists(engine: Engine, tmp_path: Path) -> None:
    record = {
        **good_row(1),
        "sources": ["https://palmbaylive.com/a", "https://thepalmbayer.com/b"],
        "roll_call": [{"voter_name": "Rob Medina", "option": "yes"}],
    }
    path = tmp_path / "votes.json"
    path.write_text(json.dumps({"votes": [record]}), encoding="utf-8")
    import_votes(engine, path)
    with Session(engine) as session:
        [vote] = queries.vote_records(session)
    assert vote["roll_call"] == [{"voter_name": "Rob Medina", "option": "yes"}]
    assert len(vote["sources"]) == 2


def test_a_file_that_is_not_csv_is_refused(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_bytes(b"\xff\xfe\x00garbage\x00\x81")
    with pytest.raises(ImportRefused, match="cannot be read"):
        import_votes(engine, path)


def test_xlsx_votes_import_like_csv(engine: Engine, tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(COLUMNS)
    row = good_row(1)
    book.active.append([row.get(c, "") for c in COLUMNS])
    bad = good_row(2, yes="-3")
    values = [bad.get(c, "") for c in COLUMNS]
    values[COLUMNS.index("vote_date")] = dt.datetime(2025, 4, 3)  # an Excel date cell
    book.active.append(values)
    path = tmp_path / "votes.xlsx"
    book.save(path)
    with pytest.raises(ImportRefused) as refused:
        import_votes(engine, path)
    assert [(p.file, p.row, p.field) for p in refused.value.problems] == [("votes.xlsx", 3, "yes")]
    book.active.delete_rows(3)
    book.save(path)
    import_votes(engine, path)
    with Session(engine) as session:
        [vote] = queries.vote_records(session)
    assert (vote["vote_date"], vote["yes"]) == ("2025-04-03", 5)


def test_a_broken_xlsx_is_refused(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "votes.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportRefused, match="cannot be read"):
        import_votes(engine, path)
