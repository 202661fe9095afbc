"""ICE's official lists: import with history, identity across lists, places, links, export.

Uses ICE's real July 2025 lists from ../shared (required in CI) and older lists derived from
them in the test (synthetic, written here): renamed agencies, re-dated rows, another shape.
"""

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from policytrack import queries
from policytrack.export import agreements_csv
from policytrack.ingest.links import link
from policytrack.ingest.official_lists import import_official_list
from policytrack.ingest.problems import ImportRefused
from policytrack.models import Agreement, ImportNote, Jurisdiction, OfficialList, VoteEvent

from tests.conftest import require_shared

JULY = dt.date(2025, 7, 18)


@pytest.fixture(scope="module")
def lists() -> Path:
    return require_shared() / "data" / "ice-287g"


def stats(engine: Engine) -> dict[str, object]:
    with Session(engine) as session:
        return queries.stats(session)


def agreements(engine: Engine) -> list[dict[str, object]]:
    with Session(engine) as session:
        return queries.agreement_records(session)


def test_july_list_gives_832_active_agreements_in_40_states_and_reimport_changes_nothing(
    engine: Engine, lists: Path
) -> None:
    result = import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    assert (result.kind, result.as_of, result.as_of_source) == ("participating", JULY, "file name")
    records = agreements(engine)
    assert len(records) == 832 and {r["status"] for r in records} == {"active"}
    assert len({r["state"] for r in records}) == 40
    before = stats(engine)
    again = import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    assert again.already_imported and stats(engine) == before
    pending = import_official_list(engine, lists / "pending_2025-07-18.xlsx")
    assert pending.kind == "pending"
    assert stats(engine)["agreements_by_status"] == {"active": 832, "pending": 26}


def test_agencies_land_in_the_right_counties_and_towns(engine: Engine, lists: Path) -> None:
    import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    by_agency = {(r["state"], r["agency"]): r for r in agreements(engine)}
    key_west = by_agency[("FL", "Key West Police Department")]
    assert (key_west["jurisdiction"], key_west["county_fips"]) == ("Key West", "12087")
    assert by_agency[("FL", "Orange County Sheriff's Office")]["jurisdiction_fips"] == "12095"
    assert by_agency[("TX", "Orange County Sheriff's Office")]["jurisdiction_fips"] == "48361"
    assert by_agency[("AR", "Arkansas State Police Department")]["jurisdiction_kind"] == "state"
    tennessee_typo = by_agency[("TN", "Grundy County Sheriff's Office")]
    assert tennessee_typo["jurisdiction_fips"] == "47061"


def test_resolution_rates_and_the_import_report_kept_in_the_database(
    engine: Engine, lists: Path
) -> None:
    result = import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    with Session(engine) as session:
        notes = session.exec(select(ImportNote)).all()
        [official] = session.exec(select(OfficialList)).all()
    unresolved_rows = {n.row for n in notes if n.category == "unresolved"}
    records = agreements(engine)
    assert len(notes) == len(result.notes) > 0
    by_type: dict[str, list[bool]] = {}
    for record in records:
        by_type.setdefault(str(record["agency_type"]), []).append(
            record["jurisdiction"] is not None
        )
    county, municipal = by_type["County"], by_type["Municipality"]
    assert sum(county) / len(county) >= 0.99
    assert sum(municipal) / len(municipal) >= 0.95
    assert len(unresolved_rows) == sum(1 for r in records if r["jurisdiction"] is None)
    corrected = {n.value: n.message for n in notes if n.category == "corrected"}
    assert "typo corrected" in corrected["Frankin County"]
    assert "typo corrected" in corrected["Lampass County"]
    assert "independent city" in corrected["Hopewell County"]
    assert "police department typed County" in corrected["Okeechobee Police Department"]
    assert "state agency typed Municipality" in corrected["Louisiana Alcohol and Tobacco Control"]
    assert official.rows == 832 and {n.official_list_id for n in notes} == {official.id}


def test_exported_agreements_carry_real_ice_moa_urls(engine: Engine, lists: Path) -> None:
    import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    rows = list(csv.DictReader(io.StringIO(agreements_csv(agreements(engine)))))
    urls = [r["moa_url"] for r in rows if r["moa_url"]]
    assert len(urls) > 400
    # As listed: most https, some http (kept as ICE printed them).
    assert all(u.startswith(("https://www.ice.gov/", "http://www.ice.gov/")) for u in urls)
    assert not any("safelinks" in u for u in urls)
    assert set(rows[0]) >= {
        "state", "agency", "jurisdiction", "jurisdiction_fips", "model", "signed_on", "status",
        "first_seen", "last_seen", "moa_url",
    }  # fmt: skip


def write_older_list(source: Path, target: Path, as_of: dt.date) -> tuple[dict[str, str], int]:
    """An older list of another shape made from the July list (synthetic, for this test):
    a title row, renamed and reordered columns, no ADDENDUM, three agencies renamed the way
    ICE renames them, two signing dates a few days off; only agreements signed by `as_of`,
    less ten. Returns the renamings and how many July rows it leaves out."""
    book = openpyxl.load_workbook(source)
    rows = [r for r in book.active.iter_rows(min_row=2, values_only=True) if any(r)]
    renamed = {
        "Miami Dade Sheriff's Office": "Miami-Dade Sheriff's Office",
        "Key West Police Department": "City of Key West Police Department",
        "Tulsa County Sheriff's Office": "Tulsa County Sheriffs Office",
    }
    redated = {"Atascosa County Sheriff's Office", "Bucks County Sheriff's Office"}
    out = openpyxl.Workbook()
    sheet = out.active
    sheet.append(["287(g) Participating Agencies (older export)"])
    sheet.append([])
    sheet.append(["Agency", "State", "County", "Type", "Signed Date", "Support Type", "MOA"])
    older = [r for r in rows if isinstance(r[5], dt.datetime) and r[5].date() <= as_of][:-10]
    for state, agency, kind, county, model, signed, *_ in older:
        name = agency.strip()
        if name in redated and isinstance(signed, dt.datetime):
            signed = signed - dt.timedelta(days=4)
        sheet.append([renamed.get(name, name), state, county, kind, signed, model, "link pending"])
    out.save(target)
    return renamed, len(rows) - len(older)


def test_history_across_an_older_list_of_another_shape(
    engine: Engine, lists: Path, tmp_path: Path
) -> None:
    older = tmp_path / "participatingAgencies06012025.xlsx"
    june = dt.date(2025, 6, 1)
    renamed, left_out = write_older_list(lists / "participating_2025-07-18.xlsx", older, june)
    first = import_official_list(engine, older)
    assert (first.as_of, first.as_of_source) == (june, "file name")
    assert first.how == {"new": 832 - left_out}
    july = import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    assert july.how.get("redated") == 2
    assert july.how["new"] == left_out and july.removed == 0
    records = agreements(engine)
    assert len(records) == 832 and {r["status"] for r in records} == {"active"}
    with Session(engine) as session:
        changes = queries.agreement_changes(session, since=dt.date(2025, 7, 1))
    kinds = {c["change"] for c in changes}
    assert {"renamed", "redated", "added"} <= kinds and "removed" not in kinds
    renamings = {(c["before"], c["after"]) for c in changes if c["change"] == "renamed"}
    assert {(old, new) for new, old in renamed.items()} <= renamings
    key_west = next(r for r in records if r["agency"] == "Key West Police Department")
    assert (key_west["first_seen"], key_west["last_seen"]) == ("2025-06-01", "2025-07-18")


def test_agreements_missing_from_the_newer_list_are_removed_not_deleted(
    engine: Engine, lists: Path, tmp_path: Path
) -> None:
    import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    book = openpyxl.load_workbook(lists / "participating_2025-07-18.xlsx")
    sheet = book.active
    gone = sheet.cell(row=2, column=2).value
    sheet.delete_rows(2)
    newer = tmp_path / "participatingAgencies08012025.xlsx"
    book.save(newer)
    result = import_official_list(engine, newer)
    assert result.removed == 1
    records = agreements(engine)
    assert len(records) == 832
    [removed] = [r for r in records if r["status"] == "removed"]
    assert removed["agency"] == gone.strip() and removed["last_seen"] == "2025-07-18"
    with Session(engine) as session:
        [change] = [c for c in queries.agreement_changes(session) if c["change"] == "removed"]
    assert change["as_of"] == dt.date(2025, 8, 1)


def test_pending_becomes_active(engine: Engine, lists: Path, tmp_path: Path) -> None:
    import_official_list(engine, lists / "pending_2025-07-18.xlsx")
    book = openpyxl.load_workbook(lists / "participating_2025-07-18.xlsx")
    sheet = book.active
    sheet.insert_rows(2)
    for column, value in enumerate(
        ["FLORIDA", "Largo Police Department", "Municipality", "Pinellas County",
         "Task Force Model", dt.datetime(2025, 7, 30), "link pending"],
        start=1,
    ):  # fmt: skip
        sheet.cell(row=2, column=column, value=value)
    newer = tmp_path / "participatingAgencies08012025.xlsx"
    book.save(newer)
    result = import_official_list(engine, newer)
    activated = result.how["activated"]
    assert activated >= 1
    largo = next(r for r in agreements(engine) if r["agency"] == "Largo Police Department")
    assert (largo["status"], largo["signed_on"]) == ("active", "2025-07-30")
    assert stats(engine)["agreements_by_status"]["pending"] == 26 - activated
    with Session(engine) as session:
        changes = queries.agreement_changes(session)
    largo_changes = {c["change"]: c for c in changes if c["agreement"].startswith("fl:largo")}
    status = largo_changes["status"]
    assert (status["before"], status["after"]) == ("pending", "active")
    assert largo_changes["signed"]["after"] == "2025-07-30"


def test_same_day_pending_and_participating_lists_stay_apart(engine: Engine, lists: Path) -> None:
    import_official_list(engine, lists / "pending_2025-07-18.xlsx")
    import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    assert stats(engine)["agreements_by_status"] == {"active": 832, "pending": 26}


@pytest.mark.parametrize(
    "content",
    [b"not a spreadsheet at all", b"PK\x03\x04 broken zip", b"<html><body>Error</body></html>"],
)
def test_a_corrupted_file_is_refused_and_nothing_changes(
    engine: Engine, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "participatingAgencies07182025.xlsx"
    path.write_bytes(content)
    before = stats(engine)
    with pytest.raises(ImportRefused) as refused:
        import_official_list(engine, path)
    assert refused.value.problems and refused.value.problems[0].file == path.name
    assert stats(engine) == before


def test_a_list_without_required_columns_is_refused(engine: Engine, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["STATE", "COUNTY"])
    book.active.append(["FLORIDA", "Monroe County"])
    path = tmp_path / "participating.xlsx"
    book.save(path)
    with pytest.raises(ImportRefused, match=r"(?i)agency"):
        import_official_list(engine, path)
    assert stats(engine)["agreements"] == 0


def test_a_row_without_an_agency_name_is_reported_not_an_agreement(
    engine: Engine, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE"])
    book.active.append(["FLORIDA", "Monroe County Sheriff's Office", "County", "Monroe", "JEM"])
    book.active.append(["FLORIDA", None, "County", "Monroe", "Task Force Model"])
    path = tmp_path / "pending.xlsx"
    book.save(path)
    result = import_official_list(engine, path, as_of=JULY)
    assert [r["agency"] for r in agreements(engine)] == ["Monroe County Sheriff's Office"]
    [note] = [n for n in result.notes if n.row == 3]
    assert note.field == "agency" and "not imported as an agreement" in note.message


def test_votes_link_to_their_agreement_automatically_and_by_hand(
    votes_engine: Engine, lists: Path
) -> None:
    result = import_official_list(votes_engine, lists / "participating_2025-07-18.xlsx")
    assert any(line.startswith("vote fl-key-west-2025-06-30 → agreement") for line in result.links)
    with Session(votes_engine) as session:
        votes = {v.key: v for v in session.exec(select(VoteEvent))}
        key_west = session.get(Agreement, votes["fl-key-west-2025-06-30"].agreement_id)
        assert key_west is not None and key_west.signed_on == dt.date(2025, 3, 5)
        # The lawsuit motion is not linked automatically: too loose a connection.
        assert votes["fl-key-west-2025-07-08-lawsuit"].agreement_id is None
        denton = session.exec(
            select(Agreement).where(col(Agreement.key).startswith("tx:denton"))
        ).all()
    assert denton == []  # Denton's jail agreement is only pending (not on this list)
    with Session(votes_engine) as session:
        message = link(session, "fl-key-west-2025-07-08-lawsuit", key_west.key)
        session.commit()
        assert "by hand" in message
    import_official_list(votes_engine, lists / "pending_2025-07-18.xlsx")
    with Session(votes_engine) as session:
        lawsuit = session.exec(
            select(VoteEvent).where(VoteEvent.key == "fl-key-west-2025-07-08-lawsuit")
        ).one()
        assert (lawsuit.agreement_id, lawsuit.agreement_link) == (key_west.id, "manual")
        exported = {r["key"]: r for r in queries.vote_records(session)}
    assert exported["fl-key-west-2025-06-30"]["agreement"] == key_west.key


def test_every_agreement_cites_the_list_and_its_moa(engine: Engine, lists: Path) -> None:
    import_official_list(engine, lists / "participating_2025-07-18.xlsx")
    with Session(engine) as session:
        for agreement in session.exec(select(Agreement)):
            keys = [s.key for s in agreement.sources]
            assert keys[0].startswith("ice-287g:participating:2025-07-18")
            if agreement.moa_url:
                assert agreement.moa_url in keys
        jurisdictions = session.exec(select(Jurisdiction)).all()
    assert all(j.lat is not None for j in jurisdictions)


def test_csv_copy_of_the_list_imports_the_same(engine: Engine, lists: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(lists / "participating_2025-07-18.xlsx")
    path = tmp_path / "participatingAgencies07182025.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        for row in book.active.iter_rows(values_only=True):
            writer.writerow(
                [v.strftime("%m/%d/%Y") if isinstance(v, dt.datetime) else v for v in row]
            )
    import_official_list(engine, path)
    assert stats(engine)["agreements_by_status"] == {"active": 832}
