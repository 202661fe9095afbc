"""Input limits: every reader (votes CSV, JSON and XLSX; ICE lists as XLSX and CSV) refuses a
file beyond the limits with file, row, field and rule, before reading it whole. The limits
are lowered here so that small files show each rule; `bench/bombs.py` measures the real
bombs (time and peak memory)."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from policytrack.config import get_settings
from policytrack.ingest.ice_list import read_ice_list
from policytrack.ingest.limits import Limits
from policytrack.ingest.problems import ImportRefused, Problem
from policytrack.ingest.tables import read_table

SMALL = Limits(max_bytes=100_000, max_rows=3, max_columns=30, max_cell_chars=100)


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The limits lowered through the settings, as an operator would."""
    for name, value in vars(SMALL).items():
        setting = {"max_bytes": "max_input_bytes", "max_rows": "max_input_rows",
                   "max_columns": "max_input_columns"}.get(name, name)  # fmt: skip
        monkeypatch.setenv(f"POLICYTRACK_{setting.upper()}", str(value))
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


VOTES = ["vote_key", "state", "jurisdiction", "notes"]
ICE_HEADER = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED"]
ICE_ROW = ["FLORIDA", "Miami Police Department", "Municipality", "", "Task Force Model", ""]


def refused(read: Any, *args: Any, **kwargs: Any) -> list[Problem]:
    with pytest.raises(ImportRefused) as caught:
        read(*args, **kwargs)
    return caught.value.problems


def vote(number: int, notes: str = "") -> list[str]:
    return [f"v-{number}", "FL", "Miami", notes]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    lines = [",".join(f'"{cell}"' for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


# ------------------------------------------------------------------------------ cells
def test_a_csv_cell_over_the_limit_is_refused_naming_its_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "v.csv", [VOTES, vote(1), vote(2, "x" * 101)])
    [problem] = refused(read_table, path)
    assert (problem.file, problem.row) == ("v.csv", 3)
    assert "longer than 100 characters" in problem.rule


def test_a_json_cell_over_the_limit_is_refused_naming_row_and_field(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    records = [
        dict(zip(VOTES, vote(1), strict=True)),
        dict(zip(VOTES, vote(2, "x" * 101), strict=True)),
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    [problem] = refused(read_table, path)
    assert (problem.row, problem.field) == (2, "notes")
    assert "a cell of 101 characters" in problem.rule and len(problem.value) < 70


def test_an_xlsx_cell_over_the_limit_is_refused_naming_row_and_field(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "v.xlsx", [VOTES, vote(1, "x" * 101)])
    [problem] = refused(read_table, path)
    assert (problem.row, problem.field) == (2, "notes")


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_a_nul_character_is_refused_in_any_cell(tmp_path: Path, suffix: str) -> None:
    rows = [VOTES, vote(1), vote(2, "before\x00after")]
    path = tmp_path / f"v.{suffix}"
    if suffix == "csv":
        write_csv(path, rows)
    else:
        path.write_text(json.dumps([dict(zip(VOTES, r, strict=True)) for r in rows[1:]]))
    [problem] = refused(read_table, path)
    assert problem.field == "notes" and "NUL character" in problem.rule
    assert problem.row == (3 if suffix == "csv" else 2)


def test_a_nul_character_inside_a_json_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    record = {**dict(zip(VOTES, vote(1), strict=True)), "roll_call": [{"voter_name": "A\x00"}]}
    path.write_text(json.dumps([record]), encoding="utf-8")
    [problem] = refused(read_table, path)
    assert problem.field == "roll_call" and "NUL" in problem.rule


# ------------------------------------------------------------------------ whole files
def test_deep_json_is_one_clear_refusal(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 30_000 + "]" * 30_000, encoding="utf-8")  # within 100 kB
    [problem] = refused(read_table, path)
    assert (problem.file, problem.field) == ("deep.json", "(file)")  # not a RecursionError
    assert "nested too deeply" in problem.rule


@pytest.mark.parametrize("suffix", ["csv", "json", "xlsx"])
def test_a_file_larger_than_the_limit_is_refused_unread(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"v.{suffix}"
    path.write_bytes(b"\xff" * (SMALL.max_bytes + 1))  # not even valid: never read
    [problem] = refused(read_table, path)
    assert problem.field == "(file)" and "the file is 0.1 MB" in problem.rule
    assert "POLICYTRACK_MAX_INPUT_BYTES" in problem.rule


@pytest.mark.parametrize("suffix", ["csv", "json", "xlsx"])
def test_rows_beyond_the_limit_are_refused(tmp_path: Path, suffix: str) -> None:
    rows = [VOTES, *[vote(n) for n in range(1, 6)]]
    path = tmp_path / f"v.{suffix}"
    if suffix == "csv":
        write_csv(path, rows)
    elif suffix == "json":
        path.write_text(json.dumps([dict(zip(VOTES, r, strict=True)) for r in rows[1:]]))
    else:
        write_xlsx(path, rows)
    [problem] = refused(read_table, path)
    assert "more than 3 rows" in problem.rule and "POLICYTRACK_MAX_INPUT_ROWS" in problem.rule
    assert problem.row == (4 if suffix == "json" else 5)  # the first row too many


def test_csv_reading_stops_at_the_first_row_too_many(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "v.csv", [VOTES, *[vote(n) for n in range(1, 6)]])
    with path.open("ab") as handle:  # what follows would be refused as not UTF-8 if read
        handle.write(b"x" * 20_000 + b"\n\xff\xfe\n")
    [problem] = refused(read_table, path)
    assert "more than 3 rows" in problem.rule


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_rows_wider_than_the_limit_are_refused(tmp_path: Path, suffix: str) -> None:
    wide = [*vote(1), *["x"] * 40]
    path = tmp_path / f"v.{suffix}"
    write = write_csv if suffix == "csv" else write_xlsx
    write(path, [VOTES, wide])
    [problem] = refused(read_table, path)
    assert problem.row == 2 and "more than 30 columns" in problem.rule


def bomb(path: Path, cell: str) -> Path:
    """A small workbook whose one sheet unpacks to much more (a compressible cell)."""
    write_xlsx(path, [VOTES, vote(1, "placeholder")])
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(path.with_suffix(".tmp"), "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                row = f"<row r='3'><c r='A3' t='inlineStr'><is><t>{cell}</t></is></c></row>"
                data = data.replace(b"</sheetData>", row.encode() + b"</sheetData>")
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    shutil.move(path.with_suffix(".tmp"), path)
    return path


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_from_its_directory(
    tmp_path: Path,
) -> None:
    path = bomb(tmp_path / "v.xlsx", "A" * 300_000)
    assert path.stat().st_size < SMALL.max_bytes  # small on disk, big unpacked
    [problem] = refused(read_table, path)
    assert problem.field == "(file)" and "unpacks to 0.3 MB" in problem.rule
    assert "xl/worksheets/sheet1.xml" in problem.rule
    ice = bomb(tmp_path / "list.xlsx", "A" * 300_000)
    [problem] = refused(read_ice_list, ice)
    assert "unpacks to 0.3 MB" in problem.rule


# ------------------------------------------------------------------------- ICE lists
def ice_rows(count: int) -> list[list[Any]]:
    return [ICE_HEADER, *[[*ICE_ROW[:1], f"Agency {n}", *ICE_ROW[2:]] for n in range(count)]]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_ice_lists_beyond_the_row_limit_are_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"pending.{suffix}"
    write = write_csv if suffix == "csv" else write_xlsx
    write(path, ice_rows(5))
    [problem] = refused(read_ice_list, path)
    assert "more than 3 rows" in problem.rule


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_ice_list_cells_over_the_limit_are_refused(tmp_path: Path, suffix: str) -> None:
    rows = ice_rows(1)
    rows[1][1] = "y" * 101
    path = tmp_path / f"pending.{suffix}"
    write = write_csv if suffix == "csv" else write_xlsx
    write(path, rows)
    [problem] = refused(read_ice_list, path)
    assert problem.row == 2 and re.search(
        "a cell (of 101|longer than 100) characters", problem.rule
    )


def test_ice_list_csv_with_a_nul_character_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYTRACK_MAX_INPUT_ROWS", "1000")
    get_settings.cache_clear()
    rows = ice_rows(200)  # the NUL comes after the part sniffed for binary files
    rows[150][1] = "Agency\x00"
    path = write_csv(tmp_path / "pending.csv", rows)
    [problem] = refused(read_ice_list, path)
    assert problem.row == 151 and "NUL" in problem.rule


def test_a_sheet_with_far_too_many_rows_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYTRACK_MAX_INPUT_BYTES", str(2**24))  # the row count alone
    get_settings.cache_clear()
    path = write_xlsx(tmp_path / "list.xlsx", ice_rows(1_010))
    with zipfile.ZipFile(path) as source:  # cut the XML short: a parser would fail on it
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:-200]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    for read in (read_table, read_ice_list):
        [problem] = refused(read, path)
        assert "sheet1.xml holds more than 1,003 rows" in problem.rule


def test_a_read_leaves_the_process_wide_csv_limit_as_it_found_it(tmp_path: Path) -> None:
    """The csv module's cell limit is the process's: an import's lower limit left behind
    made every later CSV read in the process (the bundled data, key dates) fail."""
    import csv

    before = csv.field_size_limit()
    good = tmp_path / "votes.csv"
    good.write_text("vote_key,notes\nk,short\n", encoding="utf-8")
    read_table(good)
    assert csv.field_size_limit() == before
    long = tmp_path / "long.csv"
    long.write_text("vote_key,notes\nk," + "x" * 500 + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused):
        read_table(long)
    assert csv.field_size_limit() == before


def test_a_refused_read_left_unfinished_leaves_the_csv_limit_alone(tmp_path: Path) -> None:
    """A file refused for too many rows leaves its reader suspended (held by the error's
    traceback): a limit lowered for the read stayed lowered, and the bundled key dates
    failed to load later in the same process."""
    import csv

    before = csv.field_size_limit()
    path = tmp_path / "votes.csv"
    path.write_text("vote_key,notes\n" + "k,short\n" * 2_000, encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        read_table(path)
    assert "more than" in str(refused.value)
    assert csv.field_size_limit() == before
