"""`queries.values.as_date`: one reading of a date for what either database returns."""

import datetime as dt

import pytest

from policytrack.queries.values import as_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2025, 6, 17), dt.date(2025, 6, 17)),  # PostgreSQL
        ("2025-06-17", dt.date(2025, 6, 17)),  # SQLite, or an aggregate cast to text
        ("2025-07-18 00:00:00", dt.date(2025, 7, 18)),  # a timestamp's text
        (None, None),
        (float("nan"), None),  # pandas' missing value in an object column
    ],
)
def test_as_date(value: object, expected: dt.date | None) -> None:
    assert as_date(value) == expected
