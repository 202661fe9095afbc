"""Exports: spreadsheet formula injection is neutralised; numbers stay numbers."""

import csv
import io

import pytest

from policytrack.export import escape_cell, to_csv


@pytest.mark.parametrize("cell", ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_escaped(cell: str) -> None:
    assert escape_cell(cell) == "'" + cell


def test_plain_text_and_numbers_are_left_alone() -> None:
    assert escape_cell("Miami") == "Miami"
    assert escape_cell(-3) == -3
    assert escape_cell(2.5) == 2.5
    assert escape_cell(None) is None


def test_csv_escapes_every_text_cell() -> None:
    text = to_csv([{"name": "=cmd|' /C calc'!A0", "yes": 3, "no": -1}], ["name", "yes", "no"])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row == {"name": "'=cmd|' /C calc'!A0", "yes": "3", "no": "-1"}


def test_missing_values_are_empty_cells_not_nan() -> None:
    """A table column that pandas filled with NaN (or NaT, or NA) downloads as empty cells."""
    import pandas as pd

    rows = [{"fips": float("nan"), "when": pd.NaT, "n": pd.NA, "name": None, "zero": 0}]
    text = to_csv(rows, ["fips", "when", "n", "name", "zero"])
    assert text.splitlines()[1] == ",,,,0"
