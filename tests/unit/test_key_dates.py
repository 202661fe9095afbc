"""The key dates file: the bundled facts are read with their sources, and a row that breaks a
rule is refused naming the file, row, field and rule. (Rows below are synthetic, for tests.)"""

from pathlib import Path

import pytest

from policytrack.config import get_settings
from policytrack.key_dates import KEY_DATES_FILE, KeyDatesError, read_key_dates

HEADER = "day,precision,state,kind,text,source\n"
GOOD = "2025-02-01,month,FL,executive order,Synthetic order,Synthetic citation\n"


def test_every_bundled_fact_has_a_source_and_a_known_precision() -> None:
    facts = read_key_dates(get_settings().seed_dir / KEY_DATES_FILE)
    assert facts
    assert all(f.source.strip() and f.text.strip() for f in facts)
    assert all(f.precision == "day" or f.day.day == 1 for f in facts)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2025-02-30,day,FL,executive order,Order,Cite", "row 3, day '2025-02-30': a date"),
        ("2025-02-03,month,FL,executive order,Order,Cite", "the first of the month"),
        ("2025-02-01,week,FL,executive order,Order,Cite", "precision 'week': day or month"),
        ("2025-02-01,month,Florida,executive order,Order,Cite", "state 'Florida': a two-letter"),
        ("2025-02-01,month,FL,decree,Order,Cite", "kind 'decree': one of"),
        ("2025-02-01,month,FL,executive order,Order, ", "source ' ': required"),
    ],
)
def test_a_bad_row_is_refused_naming_file_row_field_and_rule(
    tmp_path: Path, row: str, message: str
) -> None:
    path = tmp_path / KEY_DATES_FILE
    path.write_text(HEADER + GOOD + row + "\n", encoding="utf-8")
    with pytest.raises(KeyDatesError, match=f"^{KEY_DATES_FILE} row 3, ") as refused:
        read_key_dates(path)
    assert message in str(refused.value)


def test_a_file_without_a_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / KEY_DATES_FILE
    path.write_text("day,precision,state,kind,text\n", encoding="utf-8")
    with pytest.raises(KeyDatesError, match=r"\['source'\] are missing"):
        read_key_dates(path)
