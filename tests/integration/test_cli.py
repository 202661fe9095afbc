"""The `policytrack` command as a user runs it (a real process, a real database)."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select

from policytrack import queries
from policytrack.db import make_engine
from policytrack.models import Agreement, VoteEvent

from tests.conftest import Templates


def run(url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": url}
    command = [sys.executable, "-m", "policytrack.cli", *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        pytest.fail(f"{args} failed ({result.returncode}):\n{result.stderr}")
    return result


@pytest.fixture
def fresh_url(backend: Templates) -> str:
    return backend.fresh("empty")


@pytest.fixture
def migrated_url(backend: Templates) -> str:
    """A database `policytrack db upgrade` made (the template: upgrading through the command
    is tested once, in test_upgrade_seed_seed_give_identical_stats)."""
    return backend.fresh("migrated")


@pytest.fixture
def seeded_url(backend: Templates) -> str:
    """A database as `policytrack db upgrade` then `policytrack seed` leave it (the template,
    loaded by the same `seed`: seeding through the command is tested once, above)."""
    return backend.fresh("seeded")


def linked_and_stats(url: str) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """Which vote is linked to which agreement, and `policytrack stats`, read in-process."""
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            links = session.exec(
                select(VoteEvent.key, Agreement.key).join(
                    Agreement, col(VoteEvent.agreement_id) == Agreement.id
                )
            ).all()
            return sorted((vote, agreement) for vote, agreement in links), queries.stats(session)
    finally:
        engine.dispose()


def test_upgrade_seed_seed_give_identical_stats(fresh_url: str, seeded_url: str) -> None:
    run(fresh_url, "db", "upgrade")
    run(fresh_url, "seed")
    first = json.loads(run(fresh_url, "stats", "--json").stdout)
    run(fresh_url, "seed")
    second = json.loads(run(fresh_url, "stats", "--json").stdout)
    assert first == second
    # the `seeded` template the other tests copy is built in two steps (tests/conftest.py):
    # it holds what a real `seed` loads
    links, stats = linked_and_stats(fresh_url)
    assert links and (links, stats) == linked_and_stats(seeded_url)
    assert stats == first
    assert first["vote_events"] >= 30 and first["positions"] > 100
    assert set(first) >= {
        "jurisdictions", "vote_events", "positions", "stakeholders", "sources", "agreements",
        "agreements_by_status",
    }  # fmt: skip
    assert isinstance(first["agreements_by_status"], dict)


def test_export_votes_csv_and_json(seeded_url: str, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run(seeded_url, "export", "votes").stdout)))
    miami = next(r for r in rows if r["key"] == "fl-miami-2025-06-17")
    assert (miami["yes"], miami["no"], miami["outcome"]) == ("3", "2", "passed")
    assert "Christine King: no" in miami["roll_call"]
    assert "ACLU of Florida (oppose)" in miami["positions"]
    assert "https://305accident.net/?p=3526" in miami["sources"].split(" ")
    out = tmp_path / "votes.json"
    run(seeded_url, "export", "votes", "--format", "json", "-o", str(out))
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == len(rows)
    miami_json = next(r for r in records if r["key"] == "fl-miami-2025-06-17")
    assert miami_json["yes"] == 3 and miami_json["no"] == 2
    assert any(p["speaker"] == "Tessa Petit" for p in miami_json["positions"])


def test_bad_import_exits_non_zero_with_row_errors_and_writes_nothing(
    seeded_url: str, tmp_path: Path
) -> None:
    before = run(seeded_url, "stats", "--json").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "state,jurisdiction,jurisdiction_kind,body,vote_date,policy,action,outcome,yes,no,sources\n"
        "FL,Miami,city,City Commission,2025-07-01,287(g),approve,passed,3,2,javascript:alert(1)\n"
        "FL,Doral,city,City Council,2025-07-02,287(g),approve,passed,-4,0,https://a.example/x\n"
        "FL,Hialeah,city,City Council,2099-01-01,287(g),approve,passed,4,0,https://a.example/y\n",
        encoding="utf-8",
    )
    result = run(seeded_url, "import", "votes", str(bad), check=False)
    assert result.returncode == 1
    assert "bad.csv, row 2, field 'sources'" in result.stderr
    assert "bad.csv, row 3, field 'yes'" in result.stderr and "negative" in result.stderr
    assert "bad.csv, row 4, field 'vote_date'" in result.stderr and "future" in result.stderr
    assert "nothing written" in result.stderr
    assert run(seeded_url, "stats", "--json").stdout == before


# SQLite only: the escaping is the CSV writer's (Python), the same on either database; what
# the import writes is tested on both (test_import_votes.py).
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_csv_export_escapes_formulas(migrated_url: str, tmp_path: Path) -> None:
    evil = tmp_path / "evil.csv"
    evil.write_text(
        "state,jurisdiction,jurisdiction_kind,body,vote_date,policy,action,outcome,yes,no,sources\n"
        'FL,Miami,city,City Commission,2025-07-01,"=HYPERLINK(""http://x"")",approve,passed,3,2,'
        "https://a.example/x\n",
        encoding="utf-8",
    )
    run(migrated_url, "import", "votes", str(evil))
    [row] = list(csv.DictReader(io.StringIO(run(migrated_url, "export", "votes").stdout)))
    assert row["motion_text"] == '\'=HYPERLINK("http://x")'
    assert row["yes"] == "3"


def test_ice_lists_from_the_command_line(migrated_url: str, tmp_path: Path) -> None:
    from tests.conftest import require_shared

    lists = require_shared() / "data" / "ice-287g"
    first = run(migrated_url, "import", "ice", str(lists / "participating_2025-07-18.xlsx"))
    assert "participating list as of 2025-07-18 (date from the file name), 832 rows" in first.stdout
    assert "[unresolved]" in first.stdout and "[corrected]" in first.stdout
    again = run(migrated_url, "import", "ice", str(lists / "participating_2025-07-18.xlsx"))
    assert "already imported" in again.stdout
    run(migrated_url, "import", "ice", "--pending", "--as-of", "2025-07-18",
        str(lists / "pending_2025-07-18.xlsx"))  # fmt: skip
    stats = json.loads(run(migrated_url, "stats", "--json").stdout)
    assert stats["agreements"] == 858
    assert stats["agreements_by_status"] == {"active": 832, "pending": 26}
    rows = list(csv.DictReader(io.StringIO(run(migrated_url, "export", "agreements").stdout)))
    assert len(rows) == 858
    changes = run(migrated_url, "changes", "--since", "2025-07-01").stdout.splitlines()
    assert len(changes) == 858 and all(" added " in line for line in changes)
    broken = tmp_path / "participatingAgencies07182025.xlsx"
    broken.write_bytes(b"<html><body>Access denied</body></html>")
    refused = run(migrated_url, "import", "ice", str(broken), check=False)
    assert refused.returncode == 1 and "nothing written" in refused.stderr
    assert json.loads(run(migrated_url, "stats", "--json").stdout) == stats
    offline = run(migrated_url, "sync", "ice", "--url", "http://127.0.0.1:9/287g", check=False)
    assert offline.returncode == 1 and "database unchanged" in offline.stderr


# SQLite only: reading the password from stdin and refusing a name taken are the command's
# own; accounts and their checks are tested on both databases (test_sign_in_throttle.py).
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_users_add_stores_only_a_hash(migrated_url: str) -> None:
    env = {**os.environ, "POLICYTRACK_DATABASE_URL": migrated_url}
    command = [sys.executable, "-m", "policytrack.cli", "users", "add", "alice", "--password-stdin"]
    added = subprocess.run(
        command, input="a long enough passphrase\n", env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added editor 'alice'" in added.stdout
    assert "a long enough passphrase" not in added.stdout + added.stderr
    again = subprocess.run(
        command, input="another long passphrase\n", env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert again.returncode == 1 and "exists already" in again.stderr


def test_an_import_that_would_change_a_vote_lists_it_and_needs_update(
    seeded_url: str, tmp_path: Path
) -> None:
    collision = tmp_path / "collision.csv"
    collision.write_text(
        "vote_key,state,jurisdiction,jurisdiction_kind,body,vote_date,policy,action,outcome,"
        "yes,no,sources\n"
        "fl-miami-2025-06-17,FL,Miami,city,City Commission,2025-07-01,Another measure,approve,"
        "passed,5,0,https://example.org/other-report\n",
        encoding="utf-8",
    )
    before = run(seeded_url, "export", "votes", "--format", "json").stdout
    refused = run(seeded_url, "import", "votes", str(collision), check=False)
    assert refused.returncode == 3
    assert (
        "change vote_event fl-miami-2025-06-17 (collision.csv row 2, version 1)" in refused.stderr
    )
    assert "vote_date: '2025-06-17' → '2025-07-01'" in refused.stderr
    assert "yes: '3' → '5'" in refused.stderr
    assert "nothing written" in refused.stderr and "--update" in refused.stderr
    assert run(seeded_url, "export", "votes", "--format", "json").stdout == before
    done = run(seeded_url, "import", "votes", "--update", str(collision))
    assert "yes: '3' → '5'" in done.stdout and "updated: 1 vote_events" in done.stdout
