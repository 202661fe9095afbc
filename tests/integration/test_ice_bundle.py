"""ICE's lists ship with the bundled data (data/seed/ice/): what the list reader makes of ICE's
spreadsheets, loaded by `seed` through the same loader as `import ice`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from policytrack.config import REPO_ROOT
from policytrack.ingest.ice_bundle import read_bundle
from policytrack.ingest.ice_list import read_ice_list
from policytrack.ingest.official_lists import file_digest, import_official_list
from policytrack.ingest.problems import ImportRefused
from policytrack.models import Agreement, AgreementChange, ImportNote, OfficialList

from tests.conftest import require_shared

BUNDLE = REPO_ROOT / "data" / "seed" / "ice"


@pytest.mark.shared
def test_the_bundle_is_what_the_reader_makes_of_ices_files() -> None:
    """Fails when the list reader changes and the bundle was not rewritten (run
    tools/bundle_ice_lists.py on the spreadsheets in ../shared/data/ice-287g/)."""
    lists = require_shared() / "data" / "ice-287g"
    bundled = read_bundle(BUNDLE)
    assert [b.listed.file for b in bundled] == [
        "participating_2025-07-18.xlsx",
        "pending_2025-07-18.xlsx",
    ]
    for entry in bundled:
        original = lists / entry.listed.file
        assert entry.sha256 == file_digest(original)
        assert entry.listed == read_ice_list(original), entry.listed.file


def test_seeded_database_holds_every_listed_agreement(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        statuses = dict(
            session.exec(select(Agreement.status, func.count()).group_by(Agreement.status)).all()
        )
        lists = session.exec(select(OfficialList.kind, OfficialList.file_name)).all()
        notes = session.exec(select(func.count()).select_from(ImportNote)).one()
        added = session.exec(
            select(func.count()).where(col(AgreementChange.change) == "added")
        ).one()
    assert statuses == {"active": 832, "pending": 26}
    # Recorded under ICE's own file names, with the reader's warnings as the import report.
    assert sorted(lists) == [
        ("participating", "participating_2025-07-18.xlsx"),
        ("pending", "pending_2025-07-18.xlsx"),
    ]
    assert notes > 0 and added == 858


@pytest.mark.shared
def test_importing_ices_file_after_the_seed_changes_nothing(seeded_engine: Engine) -> None:
    original = require_shared() / "data" / "ice-287g" / "participating_2025-07-18.xlsx"
    with Session(seeded_engine) as session:
        before = session.exec(select(func.count()).select_from(AgreementChange)).one()
    result = import_official_list(seeded_engine, original)
    with Session(seeded_engine) as session:
        after = session.exec(select(func.count()).select_from(AgreementChange)).one()
    assert result.already_imported and after == before


def test_a_bundle_whose_rows_do_not_match_its_manifest_is_refused(tmp_path: Path) -> None:
    manifest = json.loads((BUNDLE / "lists.json").read_text(encoding="utf-8"))
    manifest["lists"] = [e for e in manifest["lists"] if e["kind"] == "pending"]
    (tmp_path / "lists.json").write_text(json.dumps(manifest), encoding="utf-8")
    report = "pending_2025-07-18.report.csv"
    (tmp_path / report).write_text((BUNDLE / report).read_text(encoding="utf-8"))
    rows = (BUNDLE / "pending_2025-07-18.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "pending_2025-07-18.csv").write_text("\n".join(rows[:-1]) + "\n")
    with pytest.raises(ImportRefused, match="the manifest says 26 rows, the file has 25"):
        read_bundle(tmp_path)
