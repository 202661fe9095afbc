"""Fewer false removals: an agreement ICE re-lists under another agency of its place (issue 14)
keeps its identity from an older list of another shape to the July 2025 list; only agreements
that really left the list are reported removed.

The older lists are made in the test from ICE's real July list (synthetic, written here): the
July names turned back into the names ICE printed before, an older shape (a title row, columns
renamed and reordered, no ADDENDUM), and rows taken out of the newer list for true removals.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import queries
from policytrack.db import make_engine
from policytrack.ingest.official_lists import import_official_list

from tests.conftest import Templates, require_shared

JUNE, JULY = dt.date(2025, 6, 1), dt.date(2025, 7, 18)
OLDER_HEADER = ["Agency", "State", "County", "Type", "Signed Date", "Support Type", "MOA"]
# July's name → the name the older list printed, for agreements ICE re-listed in between
# (the kinds the issue names: a department's new name, a sheriff's WSO agreement under the
# county's commissioners, a university's trustees under its police department; two
# universities of one day, which only their names tell apart).
RELISTED = {
    "Boca Raton Police Services Department": "Boca Raton Police Department",
    "Escambia County Board of County Commissioners": "Escambia County Sheriff's Office",
    "Okaloosa County Board of County Commissioners": "Okaloosa County Sheriff's Office",
    "University of Florida Police Department": "University of Florida Board of Trustees",
    "University of West Florida Police Department": "University of West Florida Board of Trustees",
}
# Agreements that really left: July rows taken out of the newer list. Each shares its place
# and date with another agreement (Okaloosa's sheriff's task force and its commissioners' WSO;
# a third university of the same day; Colbert's jail model and its WSO of the same day), so
# that a looser rule would take one for the other.
LEFT = {
    ("Okaloosa County Sheriff's Office", "Task Force Model"),
    ("New College of Florida Police Department", "Task Force Model"),
    ("Colbert County Sheriff's Office", "Jail Enforcement Model"),
}


@pytest.fixture(scope="module")
def july_file() -> Path:
    return require_shared() / "data" / "ice-287g" / "participating_2025-07-18.xlsx"


def july_rows(july_file: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(july_file)
    return [r for r in book.active.iter_rows(min_row=2, values_only=True) if any(r)]


def write_older_list(
    july_file: Path, target: Path, names: dict[str, str], as_of: dt.date = JUNE
) -> None:
    """The July list as an older list of another shape would have printed it: agreements
    signed by `as_of` only, agencies under their `names` of then."""
    out = openpyxl.Workbook()
    sheet = out.active
    sheet.append(["287(g) Participating Agencies (older export)"])
    sheet.append([])
    sheet.append(OLDER_HEADER)
    for state, agency, kind, county, model, signed, *_ in july_rows(july_file):
        if not isinstance(signed, dt.datetime) or signed.date() > as_of:
            continue
        name = str(agency).strip()
        sheet.append([names.get(name, name), state, county, kind, signed, model, "link pending"])
    out.save(target)


def write_newer_list(july_file: Path, target: Path, left: set[tuple[str, str]]) -> int:
    """ICE's July list with the rows of agreements that `left` blanked out (ICE's own file
    otherwise: its hyperlinks stay on their rows). Returns how many rows were blanked."""
    book = openpyxl.load_workbook(july_file)
    sheet = book.active
    blanked = 0
    for cells in sheet.iter_rows(min_row=2):
        agency, model = (str(cells[i].value or "").strip() for i in (1, 4))
        if (agency, model) in left:
            for cell in cells:
                cell.value, cell.hyperlink = None, None
            blanked += 1
    book.save(target)
    return blanked


def removed_agencies(engine: Engine) -> set[tuple[str, str]]:
    with Session(engine) as session:
        return {
            (str(c["agency"]), str(c["model"]))
            for c in queries.agreement_changes(session)
            if c["change"] == "removed"
        }


def story(engine: Engine) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    """What the database says happened, whatever the keys it gave: every change (list, what,
    agency) and every agreement (agency, model, dates, status)."""
    with Session(engine) as session:
        changes = {
            (c["as_of"], c["change"], c["state"], c["agency"], c["model"], c["before"], c["after"])
            for c in queries.agreement_changes(session)
        }
        agreements = {
            tuple(v for k, v in r.items() if k != "key") for r in queries.agreement_records(session)
        }
    return changes, agreements


def test_only_agreements_that_left_the_list_are_removed_in_either_order(
    backend: Templates, july_file: Path, tmp_path: Path
) -> None:
    older, newer = tmp_path / "participatingAgencies06012025.xlsx", tmp_path / "list.xlsx"
    write_older_list(july_file, older, RELISTED)
    assert write_newer_list(july_file, newer, LEFT) == len(LEFT)
    in_order, reversed_order = (make_engine(backend.fresh("migrated")) for _ in range(2))
    try:
        import_official_list(in_order, older)
        july = import_official_list(in_order, newer, as_of=JULY)
        assert july.how["relisted"] == len(RELISTED)
        assert july.removed == len(LEFT)
        models = {"Task Force Model": "task_force", "Jail Enforcement Model": "jail_enforcement"}
        assert removed_agencies(in_order) == {(agency, models[model]) for agency, model in LEFT}
        relisted = {n.value: n.message for n in july.notes if "(relisted" in n.message}
        assert set(relisted) == set(RELISTED)
        assert (
            "same state, place, model and signing date"
            in relisted["Escambia County Board of County Commissioners"]
        )
        with Session(in_order) as session:
            changes = queries.agreement_changes(session, since=dt.date(2025, 7, 1))
        renamings = {(c["before"], c["after"]) for c in changes if c["change"] == "renamed"}
        assert {(old, new) for new, old in RELISTED.items()} <= renamings
        # The older list found after the newer one (as after `seed`, which brings July's):
        import_official_list(reversed_order, newer, as_of=JULY)
        june = import_official_list(reversed_order, older)
        assert june.how["relisted"] == len(RELISTED) and june.removed == len(LEFT)
        assert story(reversed_order) == story(in_order)
    finally:
        in_order.dispose()
        reversed_order.dispose()


def test_relistings_that_only_a_person_can_tell_apart_are_doubtful_not_merged(
    engine: Engine, july_file: Path, tmp_path: Path
) -> None:
    # Two Louisiana state agencies' task-force agreements signed on one day, both printed
    # under other names before: either old name could be either new one.
    renamed = {
        "Louisiana Military Department": "Louisiana National Guard",
        "Louisiana Office of the State Fire Marshal": "Louisiana Department of Public Safety",
    }
    older = tmp_path / "participatingAgencies06012025.xlsx"
    write_older_list(july_file, older, renamed)
    import_official_list(engine, older)
    july = import_official_list(engine, july_file)
    assert "relisted" not in july.how
    doubtful = {n.value: n.message for n in july.notes if n.category == "doubtful"}
    assert set(doubtful) == set(renamed)
    for message in doubtful.values():
        assert "la:louisiana-national-guard" in message
        assert "la:louisiana-department-public-safety" in message
    assert {agency for agency, _ in removed_agencies(engine)} == set(renamed.values())
