"""Reading ICE's 287(g) lists: synthetic workbooks for each rule, and the real lists."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import re
import time
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import openpyxl
import openpyxl.xml
import pytest

from policytrack.geo import load_gazetteer
from policytrack.ingest import ice_columns
from policytrack.ingest.ice_dates import (
    date_from_file_name,
    month_day_year_readings,
    parse_date_text,
    parse_signed,
)
from policytrack.ingest.ice_list import IceList, IceRow, read_ice_list, unwrap_safelinks
from policytrack.ingest.problems import ImportRefused
from policytrack.vocab import Model287g

from tests.conftest import require_shared

AS_OF = dt.date(2025, 7, 18)
ICE_PDF = "https://www.ice.gov/doclib/287gMOA/AlamanceCoSO_TFM_MOA_07.18.25.pdf"
SAFELINK = (
    "https://gcc02.safelinks.protection.outlook.com/?url="
    "https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA%2FAlamanceCoSO_TFM_MOA_07.18.25.pdf"
    "&data=05%7C02%7CERO287g%40ice.dhs.gov%7C062e&sdata=dJlt%3D&reserved=0"
)
HEADER = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA"]
ROW = ["NORTH CAROLINA", "Alamance County Sheriff's Office", "County", "Alamance County"]


def write_xlsx(
    path: Path, rows: list[Any], links: dict[tuple[int, int], str] | None = None
) -> Path:
    """A workbook with `rows` from A1 and hyperlinks at (row, column), both 1-based."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    for (r, c), target in (links or {}).items():
        sheet.cell(r, c).hyperlink = target
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8", sep: str = ",") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=sep).writerows(rows)
    return path


def simple(tmp_path: Path, signed: Any = dt.datetime(2025, 7, 1), **kw: Any) -> IceList:
    """A one-agreement participating list with the given SIGNED cell."""
    rows = [HEADER, [*ROW, "Task Force Model", signed, "link pending"]]
    return read_ice_list(write_xlsx(tmp_path / "list.xlsx", rows), as_of=AS_OF, **kw)


def test_openpyxl_parses_xml_with_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


# ------------------------------------------------------------------ a messy synthetic list
MESSY_HEADER = [
    "Agency Name",
    " state ",
    "Support\u00a0Type",
    "Date Signed",
    "Agency Type",
    "County",
    "MOA Link",
    "Notes",
]


@pytest.fixture
def messy(tmp_path: Path) -> IceList:
    """Title row, blank row, header on row 3: renamed, reordered, no ADDENDUM, one extra."""
    rows: list[list[Any]] = [
        ["ICE 287(g) participating agencies"],
        [],
        MESSY_HEADER,
        [
            "Alamance County  Sheriff's\u00a0Office ",
            "NORTH CAROLINA",
            "Task Force Model ",
            dt.datetime(2025, 7, 18),
            "County ",
            "Alamance\u00a0County",
            "link ",
            "n",
        ],
        [
            "Burlington PD",
            "nc",
            "Warrant Service Officer",
            "7/72025",
            "Municipality",
            "#N/A",
            "link pending",
        ],
        [],
        [
            "Atlantis Sheriff",
            "ATLANTIS",
            "Jail Enforcement Model",
            "05/082025",
            "county",
            "N/A",
            "link",
        ],
        ["Texas DPS", "TEXAS", "Mystery Model", "1112025", "STATE AGENCY", None, "link"],
        ["Graham PD", "North Carolina", "TFM", "July 1, 2025", "Municipality", "", None],
        [],
        [],
    ]
    links = {(4, 7): SAFELINK, (7, 7): "javascript:alert(1)"}
    path = write_xlsx(tmp_path / "participatingAgencies07182025pm.xlsx", rows, links)
    return read_ice_list(path)


def by_row(listed: IceList) -> dict[int, IceRow]:
    return {row.row: row for row in listed.rows}


def test_header_found_below_a_title_and_matched_by_name(messy: IceList) -> None:
    assert messy.header_row == 3
    assert messy.columns == {
        "agency": "Agency Name",
        "state": "state",
        "model": "Support Type",
        "signed": "Date Signed",
        "agency_type": "Agency Type",
        "county": "County",
        "moa": "MOA Link",
    }
    assert [row.row for row in messy.rows] == [4, 5, 7, 8, 9]  # blank rows skipped
    unknown = [p for p in messy.problems if p.field == "(header)"]
    assert [(p.value, p.severity) for p in unknown] == [("Notes", "warning")]


def test_whitespace_is_normalised(messy: IceList) -> None:
    first = by_row(messy)[4]
    assert first.agency == "Alamance County Sheriff's Office"
    assert (first.agency_type, first.county, first.model_text) == (
        "County",
        "Alamance County",
        "Task Force Model",
    )


def test_types_and_counties_are_normalised(messy: IceList) -> None:
    rows = by_row(messy)
    assert [row.agency_type for row in messy.rows] == [
        "County",
        "Municipality",
        "County",
        "State Agency",
        "Municipality",
    ]
    assert rows[5].county == "" and rows[7].county == "" and rows[9].county == ""
    assert not any(f.startswith("county") for f in rows[5].flags)  # #N/A: normal here
    assert any("typed County but no county" in flag for flag in rows[7].flags)


def test_states_by_name_or_code_and_unknown_kept(messy: IceList) -> None:
    rows = by_row(messy)
    assert [row.state for row in messy.rows] == ["NC", "NC", None, "TX", "NC"]
    assert rows[5].state_name == "nc"
    assert rows[7].agency == "Atlantis Sheriff"  # kept, flagged
    problem = next(p for p in messy.problems if p.field == "state")
    assert (problem.row, problem.value, problem.severity) == (7, "ATLANTIS", "warning")


def test_models_parsed_and_unknown_flagged(messy: IceList) -> None:
    models = [row.model for row in messy.rows]
    assert models == [
        Model287g.TASK_FORCE,
        Model287g.WARRANT_SERVICE_OFFICER,
        Model287g.JAIL_ENFORCEMENT,
        Model287g.UNKNOWN,
        Model287g.TASK_FORCE,
    ]
    assert any(flag.startswith("model:") for flag in by_row(messy)[8].flags)


def test_signed_dates_real_typed_and_typos(messy: IceList) -> None:
    rows = by_row(messy)
    assert (rows[4].signed_on, rows[4].signed_text) == (dt.date(2025, 7, 18), "")
    assert (rows[5].signed_on, rows[5].signed_text) == (dt.date(2025, 7, 7), "7/72025")
    assert rows[7].signed_on == dt.date(2025, 5, 8)
    assert rows[9].signed_on == dt.date(2025, 7, 1)
    assert rows[9].flags == ()
    # 1112025 spells 1/11/2025 or 11/1/2025; only the first is before the list date
    assert rows[8].signed_on == dt.date(2025, 1, 11)
    signed = [p for p in messy.problems if p.field == "signed"]
    assert [(p.row, p.value) for p in signed] == [(5, "7/72025"), (7, "05/082025"), (8, "1112025")]


def test_moa_links_unwrapped_checked_or_none(messy: IceList) -> None:
    rows = by_row(messy)
    assert rows[4].moa_url == ICE_PDF
    assert rows[5].moa_url is None and not any("moa" in f for f in rows[5].flags)
    assert rows[7].moa_url is None
    assert any(f.startswith("moa: link not read") for f in rows[7].flags)  # javascript:
    assert rows[8].moa_url is None
    assert any("no hyperlink" in f for f in rows[8].flags)
    assert rows[9].moa_url is None and rows[9].addendum_url is None


def test_kind_and_as_of_from_ice_file_name(messy: IceList) -> None:
    assert messy.file == "participatingAgencies07182025pm.xlsx"
    assert (messy.kind, messy.as_of, messy.as_of_source) == ("participating", AS_OF, "file name")


def test_every_problem_is_a_warning_naming_its_row(messy: IceList) -> None:
    assert messy.problems
    assert {p.severity for p in messy.problems} == {"warning"}
    for row in messy.rows:
        assert len(row.flags) == len([p for p in messy.problems if p.row == row.row])


# ------------------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7/18/2025", dt.date(2025, 7, 18)),
        ("07/18/2025", dt.date(2025, 7, 18)),
        ("07-18-2025", dt.date(2025, 7, 18)),
        ("07-18-25", dt.date(2025, 7, 18)),
        ("2025-07-18", dt.date(2025, 7, 18)),
        ("2025-07-18 00:00:00", dt.date(2025, 7, 18)),
        ("7/18/2025 0:00", dt.date(2025, 7, 18)),
        ("July 18, 2025", dt.date(2025, 7, 18)),
        ("Jul. 18 2025", dt.date(2025, 7, 18)),
        ("18 July 2025", dt.date(2025, 7, 18)),
    ],
)
def test_typed_dates_are_read(typed: str, expected: dt.date) -> None:
    found = parse_date_text(typed, AS_OF)
    assert (found.value, found.note) == (expected, "")


@pytest.mark.parametrize(
    ("typed", "as_of", "expected"),
    [
        ("7/72025", AS_OF, dt.date(2025, 7, 7)),
        ("05/082025", AS_OF, dt.date(2025, 5, 8)),
        ("1/112025", AS_OF, dt.date(2025, 1, 11)),  # 1/1/12025 is no year
        ("772025", AS_OF, dt.date(2025, 7, 7)),
        ("11/12025", dt.date(2026, 1, 1), dt.date(2025, 11, 1)),  # the slash fixes the month
        ("11/12025", AS_OF, None),  # its only reading is after the list date
        ("1112025", dt.date(2026, 1, 1), None),  # 2025-01-11 or 2025-11-01
        ("12/131999", AS_OF, None),  # before 2000
    ],
)
def test_typos_read_only_when_one_reading_is_sane(
    typed: str, as_of: dt.date, expected: dt.date | None
) -> None:
    found = parse_date_text(typed, as_of)
    assert found.value == expected
    assert found.text == typed and found.note  # always flagged for a person to check


def test_ambiguous_typo_says_both_readings() -> None:
    note = parse_date_text("1112025", dt.date(2026, 1, 1)).note
    assert "2025-01-11" in note and "2025-11-01" in note


def test_readings_keep_the_separators_typed() -> None:
    assert month_day_year_readings(["7", "72025"]) == [dt.date(2025, 7, 7)]
    assert month_day_year_readings(["11", "12025"]) == [dt.date(2025, 11, 1)]
    assert month_day_year_readings(["7", "18", "2025"]) == [dt.date(2025, 7, 18)]


@pytest.mark.parametrize(
    "typed", ["13/05/2025", "2/30/2025", "pending", "7/18/2099", "1/1/1999", "2025-13-01"]
)
def test_impossible_or_out_of_range_dates_are_not_read(typed: str) -> None:
    found = parse_date_text(typed, AS_OF)
    assert found.value is None and found.text == typed and found.note


def test_excel_cells_and_serials() -> None:
    assert parse_signed(dt.datetime(2025, 7, 2, 0, 0), AS_OF).value == dt.date(2025, 7, 2)
    assert parse_signed(None, AS_OF) == parse_signed("  ", AS_OF)
    serial = parse_signed(45840, AS_OF)  # 2025-07-02 as Excel counts days
    assert serial.value == dt.date(2025, 7, 2) and "serial" in serial.note
    # Excel counts 1900-01-01 as day 1 (and a 29 February 1900 that never was)
    assert parse_signed(1, AS_OF).note == "1900-01-01 is before 2000; not read"
    assert parse_signed(61, AS_OF).note == "1900-03-01 is before 2000; not read"
    future = parse_signed(dt.datetime(5025, 7, 7), AS_OF)  # the real list has this typo
    assert (future.value, future.text) == (None, "5025-07-07") and "after the list date" in (
        future.note
    )


def test_signed_problem_names_row_field_and_text(tmp_path: Path) -> None:
    listed = simple(tmp_path, signed="11/12025")
    assert listed.rows[0].signed_on is None
    assert listed.rows[0].signed_text == "11/12025"
    (problem,) = listed.problems
    assert (problem.row, problem.field, problem.value) == (2, "signed", "11/12025")
    assert listed.rows[0].flags == (f"signed: {problem.rule}",)


def test_blank_signed_date_flagged_on_participating_lists(tmp_path: Path) -> None:
    listed = simple(tmp_path, signed=None)
    assert listed.rows[0].signed_on is None
    assert listed.rows[0].flags == ("signed: no signed date",)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("participating_2025-07-18.xlsx", AS_OF),
        ("participatingAgencies07182025pm.xlsx", AS_OF),
        ("pendingAgencies07182025.xlsx", AS_OF),
        ("ice-20250718.csv", AS_OF),
        ("participatingAgencies.xlsx", None),
        ("list 13452025.xlsx", None),
    ],
)
def test_list_date_from_file_name(name: str, expected: dt.date | None) -> None:
    assert date_from_file_name(name) == expected


def test_as_of_option_then_file_name_then_today(tmp_path: Path) -> None:
    rows = [HEADER, [*ROW, "Task Force Model", dt.datetime(2025, 7, 1), "link pending"]]
    named = write_xlsx(tmp_path / "participating_2025-07-18.xlsx", rows)
    plain = write_xlsx(tmp_path / "list.xlsx", rows)
    option = read_ice_list(named, as_of=dt.date(2025, 8, 1))
    assert (option.as_of, option.as_of_source) == (dt.date(2025, 8, 1), "option")
    from_name = read_ice_list(named, today=dt.date(2030, 1, 1))
    assert (from_name.as_of, from_name.as_of_source) == (AS_OF, "file name")
    today = read_ice_list(plain, today=dt.date(2025, 9, 9))
    assert (today.as_of, today.as_of_source) == (dt.date(2025, 9, 9), "today")
    assert read_ice_list(plain).as_of == dt.date.today()


# ------------------------------------------------------------------------------- kind
def pending_rows() -> list[list[Any]]:
    return [HEADER[:5], [*ROW, "Jail Enforcement Model"]]


def test_kind_from_option_name_or_columns(tmp_path: Path) -> None:
    full = [HEADER, [*ROW, "Task Force Model", dt.datetime(2025, 7, 1), "link pending"]]
    neutral = write_xlsx(tmp_path / "list.xlsx", full)
    assert read_ice_list(neutral).kind == "participating"
    assert read_ice_list(neutral, pending=True).kind == "pending"
    named = write_xlsx(tmp_path / "PendingAgencies07182025.xlsx", full)
    assert read_ice_list(named).kind == "pending"
    assert read_ice_list(named, pending=False).kind == "participating"
    no_signed = write_xlsx(tmp_path / "agencies.xlsx", pending_rows())
    listed = read_ice_list(no_signed, today=AS_OF)
    assert listed.kind == "pending"
    assert listed.rows[0].signed_on is None and listed.rows[0].flags == ()


def test_participating_list_without_signed_column_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "agencies.xlsx", pending_rows())
    with pytest.raises(ImportRefused, match=r"SIGNED \(signed\).*header found on row 1"):
        read_ice_list(path, pending=False)
    named = write_xlsx(tmp_path / "participatingAgencies07182025.xlsx", pending_rows())
    with pytest.raises(ImportRefused, match="SIGNED"):
        read_ice_list(named)


def test_missing_columns_are_named_with_the_header_row(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["title"], ["State", "Agency", "County"], ["TEXAS", "X", "Y"]]
    with pytest.raises(ImportRefused) as caught:
        read_ice_list(write_xlsx(tmp_path / "list.xlsx", rows), pending=True)
    (problem,) = caught.value.problems
    assert problem.row == 2 and "SUPPORT TYPE (model)" in problem.rule
    assert "header found on row 2" in problem.rule


def test_no_header_is_refused(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["nothing"] for _ in range(40)] + [HEADER]
    with pytest.raises(ImportRefused, match="no header row found in the first 30 rows"):
        read_ice_list(write_xlsx(tmp_path / "list.xlsx", rows))


@pytest.mark.parametrize(
    ("header", "field"),
    [
        (["Agency", "STATE", "MODEL"], "model"),
        (["LEA", "State", "287(g) Model"], "model"),
        (["agency  name", "STATE", "Type of Support", "MOA Signed"], "signed"),
        (["Law Enforcement Agency", "STATE", "Support Type", "Signed Date"], "signed"),
        (["Law Enforcement Agency", "STATE", "Support Type", "Addendum"], "addendum"),
    ],
)
def test_column_aliases(header: list[str], field: str) -> None:
    found = ice_columns.match_header(1, header)
    assert {"agency", "state", field} <= set(found.index)


def test_second_column_for_a_field_is_not_read_and_said(tmp_path: Path) -> None:
    rows = [[*HEADER, "LEA"], [*ROW, "Task Force Model", dt.datetime(2025, 7, 1), "", "other"]]
    listed = read_ice_list(write_xlsx(tmp_path / "list.xlsx", rows), as_of=AS_OF)
    assert listed.rows[0].agency == "Alamance County Sheriff's Office"
    assert any(p.value == "LEA" and "second column" in p.rule for p in listed.problems)


# ------------------------------------------------------------------------ links (MOA)
def test_safelinks_unwrapped_others_unchanged() -> None:
    assert unwrap_safelinks(SAFELINK) == ICE_PDF
    assert unwrap_safelinks(ICE_PDF) == ICE_PDF
    nested = "https://nam11.safelinks.protection.outlook.com/?url=" + quote(SAFELINK, safe="")
    assert unwrap_safelinks(nested) == ICE_PDF


def test_link_cells(tmp_path: Path) -> None:
    evil = "https://gcc02.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)&data=x"
    header = [*HEADER, "ADDENDUM"]
    rows = [
        header,
        [*ROW, "Task Force Model", dt.datetime(2025, 7, 1), "LINK", "link"],
        [*ROW, "Jail Enforcement Model", dt.datetime(2025, 7, 1), "link", None],
        [*ROW, "Warrant Service Officer", dt.datetime(2025, 7, 1), " Link  Pending ", None],
        [*ROW, "Task Force Model", dt.datetime(2025, 7, 2), "link", None],
    ]
    links = {
        (2, 7): ICE_PDF,
        (2, 8): "https://www.ice.gov/doclib/287gMOA/addendum.pdf",
        (3, 7): evil,
        (4, 7): ICE_PDF,
        (5, 7): "https://example.org/moa.pdf",
    }
    listed = read_ice_list(write_xlsx(tmp_path / "l.xlsx", rows, links), as_of=AS_OF)
    first, evil_row, pending, outside = listed.rows
    assert first.moa_url == ICE_PDF and first.flags == ()
    assert first.addendum_url == "https://www.ice.gov/doclib/287gMOA/addendum.pdf"
    assert evil_row.moa_url is None and "link not read" in evil_row.flags[0]
    assert pending.moa_url is None and "link pending" in pending.flags[0]
    assert outside.moa_url == "https://example.org/moa.pdf"
    assert "outside ice.gov" in outside.flags[0]


# -------------------------------------------------------------------------------- CSV
def test_csv_with_bom_title_and_direct_urls(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["ICE list", "", "", ""],
        ["", "", "", ""],
        ["State", "Agency", "Support Type", "Date Signed", "MOA"],
        ["FLORIDA", "Ocala\u00a0PD ", "Task Force Model", "7/18/2025", ICE_PDF],
        ["FLORIDA", "Sanford PD", "Task Force Model", "2025-07-01 00:00:00", "link"],
        ["", "", "", "", ""],
    ]
    path = write_csv(tmp_path / "list.csv", rows, encoding="utf-8-sig")
    listed = read_ice_list(path, as_of=AS_OF)
    assert listed.header_row == 3 and [r.row for r in listed.rows] == [4, 5]
    ocala, sanford = listed.rows
    assert (ocala.agency, ocala.signed_on, ocala.moa_url) == ("Ocala PD", AS_OF, ICE_PDF)
    assert sanford.moa_url is None and sanford.flags == ()
    (note,) = listed.problems  # one note for the list, not one per row
    assert "CSV file keeps no hyperlinks" in note.rule


def test_csv_saved_by_excel_in_windows_1252_with_semicolons(tmp_path: Path) -> None:
    rows = [HEADER[:6], ["TEXAS", "O\u2019Brien Police Department", "", "", "WSO", "07-01-25"]]
    path = write_csv(tmp_path / "list.csv", rows, encoding="cp1252", sep=";")
    listed = read_ice_list(path, as_of=AS_OF)
    assert listed.rows[0].agency == "O\u2019Brien Police Department"
    assert listed.rows[0].signed_on == dt.date(2025, 7, 1)
    assert any("Windows-1252" in p.rule for p in listed.problems)


# ---------------------------------------------------------------------- refused files
def _zip_not_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.xlsx", b"\x8a\x01\xff" * 300, "not an Excel .xlsx workbook"),
        ("list.xlsx", b"<!DOCTYPE html><html><body>Access denied</body></html>", "web page"),
        ("list.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, ".xls"),
        ("list.xlsx", b"", "empty"),
        ("list.xls", b"whatever", "'.xls' are not read"),
        ("list.pdf", b"%PDF-1.4", "'.pdf' are not read"),
        ("list.csv", b"PK\x03\x04rest", "rename it .xlsx"),
        ("list.csv", b"\x00\x01\x02binary", "binary"),
        ("list.csv", b"STATE,AGENCY\r\n\x81\x8d\x8f\x90\x9d", "not text"),
        ("list.csv", b"a,b,c\n1,2,3\n", "no header row"),
    ],
)
def test_files_that_are_not_lists_are_refused(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=message) as caught:
        read_ice_list(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.field) == (name, None, "(file)")


def test_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    _zip_not_xlsx(path)
    with pytest.raises(ImportRefused, match="zip file is not an Excel workbook"):
        read_ice_list(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="file not found"):
        read_ice_list(tmp_path / "nope.xlsx")


# ------------------------------------------------------------------- progress, limits
def test_progress_reported_to_the_end(tmp_path: Path) -> None:
    data = [[*ROW, "Task Force Model", dt.datetime(2025, 7, 1), "link pending"]] * 250
    path = write_xlsx(tmp_path / "list.xlsx", [HEADER, *data])
    calls: list[tuple[int, int]] = []
    listed = read_ice_list(path, as_of=AS_OF, progress=lambda d, t: calls.append((d, t)))
    assert len(listed.rows) == 250
    assert calls == [(100, 250), (200, 250), (250, 250)]


def test_long_blank_run_stops_reading_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ice_columns, "MAX_BLANK_RUN", 3)
    row = [*ROW, "Task Force Model", dt.datetime(2025, 7, 1), "link pending"]
    path = write_xlsx(tmp_path / "list.xlsx", [HEADER, row, [], [], [], [], row])
    listed = read_ice_list(path, as_of=AS_OF)
    assert [r.row for r in listed.rows] == [2]
    assert any("stopped after 3 empty rows" in p.rule and "7" in p.rule for p in listed.problems)


# ------------------------------------------------------------------- the real ICE lists
@pytest.fixture(scope="module")
def participating() -> tuple[IceList, float]:
    path = require_shared() / "data" / "ice-287g" / "participating_2025-07-18.xlsx"
    load_gazetteer()
    started = time.perf_counter()
    listed = read_ice_list(path)
    return listed, time.perf_counter() - started


@pytest.mark.shared
def test_real_participating_list(participating: tuple[IceList, float]) -> None:
    listed, seconds = participating
    assert seconds < 3.0
    assert (listed.kind, listed.as_of, listed.as_of_source) == ("participating", AS_OF, "file name")
    assert listed.header_row == 1 and "addendum" in listed.columns
    assert len(listed.rows) == 832
    assert len({row.state for row in listed.rows}) == 40
    assert all(row.state for row in listed.rows)
    assert collections.Counter(row.agency_type for row in listed.rows) == {
        "County": 582,
        "Municipality": 189,
        "State Agency": 61,
    }
    assert Model287g.UNKNOWN not in {row.model for row in listed.rows}
    assert all(row.agency == " ".join(row.agency.split()) for row in listed.rows)


@pytest.mark.shared
def test_real_moa_links_unwrapped_to_ice_gov(participating: tuple[IceList, float]) -> None:
    listed, _ = participating
    urls = [row.moa_url for row in listed.rows if row.moa_url]
    assert len(urls) > 500
    assert all(url.startswith(("https://www.ice.gov/", "http://www.ice.gov/")) for url in urls)
    assert sum(url.startswith("http:") for url in urls) == 10  # as ICE linked them
    assert not any("safelinks" in url for url in urls)
    colbert = next(r for r in listed.rows if r.row == 4)  # a safelinks URL in the file
    assert colbert.moa_url == (
        "https://www.ice.gov/doclib/287gMOA/ColbertCoSheriffsOfficeAL_WSO_MOA_05.08.25.pdf"
    )


@pytest.mark.shared
def test_real_typos_read_and_flagged(participating: tuple[IceList, float]) -> None:
    listed, _ = participating
    rows = by_row(listed)
    assert (rows[775].signed_on, rows[775].signed_text) == (dt.date(2025, 7, 7), "7/72025")
    assert (rows[785].signed_on, rows[785].signed_text) == (dt.date(2025, 5, 8), "05/082025")
    assert rows[639].signed_on is None and rows[639].signed_text == "5025-07-07"
    assert "typed County but no county" in rows[257].flags[0]  # Okeechobee Police Department
    assert {p.severity for p in listed.problems} == {"warning"}


@pytest.mark.shared
def test_real_pending_list() -> None:
    path = require_shared() / "data" / "ice-287g" / "pending_2025-07-18.xlsx"
    listed = read_ice_list(path)
    assert (listed.kind, listed.as_of, len(listed.rows)) == ("pending", AS_OF, 26)
    assert "County " not in {row.agency_type for row in listed.rows}
    assert all(row.state and row.signed_on is None for row in listed.rows)


@pytest.mark.shared
def test_real_list_round_trips_through_csv(
    participating: tuple[IceList, float], tmp_path: Path
) -> None:
    listed, _ = participating
    path = require_shared() / "data" / "ice-287g" / "participating_2025-07-18.xlsx"
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    values = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    copy = read_ice_list(write_csv(tmp_path / "participating_2025-07-18.csv", values))
    assert [(r.row, r.agency) for r in copy.rows] == [(r.row, r.agency) for r in listed.rows]
    assert [r.signed_on for r in copy.rows] == [r.signed_on for r in listed.rows]
    assert [r.state for r in copy.rows] == [r.state for r in listed.rows]


def with_saved_values(path: Path, saved: dict[str, str]) -> Path:
    """`path` as Excel would have saved it: each formula cell in `saved` keeps its value
    (openpyxl writes formulas without their values)."""
    with zipfile.ZipFile(path) as book:
        parts = {item.filename: book.read(item.filename) for item in book.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for cell, value in saved.items():
        sheet = sheet.replace(f'<c r="{cell}">', f'<c r="{cell}" t="str">', 1)
        start = sheet.index(f'<c r="{cell}" t="str">')
        # An empty value is written `<v />`, or `<v></v>` when openpyxl writes with lxml.
        empty = re.compile(r"<v\s*/>|<v></v>")
        sheet = sheet[:start] + empty.sub(f"<v>{value}</v>", sheet[start:], count=1)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return path


def test_an_agency_formula_without_its_value_is_refused_naming_the_cell(tmp_path: Path) -> None:
    rows = [HEADER, [ROW[0], '="Alamance County"&" Sheriff"', *ROW[2:], "TFM", None, ""]]
    with pytest.raises(ImportRefused) as caught:
        read_ice_list(write_xlsx(tmp_path / "list.xlsx", rows), as_of=AS_OF)
    [problem] = caught.value.problems
    assert (problem.row, problem.field) == (2, "cell B2")
    assert problem.value.startswith("=") and "value is not saved" in problem.rule


def test_a_formula_reads_as_the_value_excel_saved_never_as_its_text(tmp_path: Path) -> None:
    rows = [HEADER, [*ROW[:3], '="Alamance"&" County"', "TFM", dt.datetime(2025, 7, 1), '=""']]
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    listed = read_ice_list(
        with_saved_values(path, {"D2": "Alamance County", "G2": ""}), as_of=AS_OF
    )
    assert listed.rows[0].county == "Alamance County"
    assert listed.rows[0].moa_url is None  # a formula whose saved value is empty text
