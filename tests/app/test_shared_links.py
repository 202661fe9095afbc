"""A shared link never shows more than it asks for: what no filter understands is named above
the page, and matches nothing; codes and names both work (issue 13, items 5 and 10)."""

import datetime as dt

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from tests.app.conftest import app_on

DATA = "app_pages/data.py"


def open_with(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, page: str, **params: object
) -> AppTest:
    at = app_on(engine, monkeypatch)
    for name, value in params.items():
        at.query_params[name] = value  # type: ignore[assignment]
    return at.switch_page(page).run()


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning).replace("\\", "")


def votes_shown(at: AppTest) -> int | None:
    found = [m.value for m in at.metric if m.label == "Votes shown"]
    return int(str(found[0]).replace(",", "")) if found else None


def nothing_matches(at: AppTest) -> bool:
    return any("No votes match these filters" in i.value for i in at.info)


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"state": ["ZZ"]}, "State “ZZ” (no US state or territory)"),
        ({"action": ["Explode"]}, "Action “Explode” (not one of Approve, Reject"),
        ({"stakeholder": "Nobody"}, "Stakeholder “Nobody” (no stakeholder of that name)"),
        ({"from": "notadate"}, "From “notadate” (not a date: write it YYYY-MM-DD)"),
        ({"q": "x" * 250}, "Search “xxxxx"),
    ],
)
def test_a_value_no_filter_understands_is_named_and_matches_nothing(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch, params: dict[str, object], named: str
) -> None:
    at = open_with(seeded_sqlite, monkeypatch, DATA, **params)
    assert not at.exception
    assert named in warnings(at)
    assert votes_shown(at) is None and nothing_matches(at)  # never the 35 votes


def test_an_unreadable_date_keeps_selecting_nothing_until_the_reader_clears_it(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_with(seeded_sqlite, monkeypatch, DATA, **{"from": "notadate"})
    at.run()  # a rerun: the link's value is gone from the URL, not from the filter
    assert nothing_matches(at) and "notadate" in warnings(at)
    next(b for b in at.button if b.label.startswith("Show the page without")).click().run()
    assert votes_shown(at) == 35 and not at.warning


def test_a_value_beside_one_not_understood_still_narrows(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_with(seeded_sqlite, monkeypatch, DATA, state=["MD", "ZZ"])
    assert votes_shown(at) == 4 and "State “ZZ”" in warnings(at)


@pytest.mark.parametrize("state", ["FL", "fl", "Florida", "florida"])
def test_states_by_code_or_name(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch, state: str
) -> None:
    at = open_with(seeded_sqlite, monkeypatch, DATA, state=[state])
    assert votes_shown(at) == 14 and not at.warning
    assert "Florida" in at.multiselect(key="state").options  # typing "Flo" finds it


def test_codes_and_labels_of_a_vocabulary_both_work(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_code = open_with(seeded_sqlite, monkeypatch, DATA, action=["rescind"])
    by_label = open_with(seeded_sqlite, monkeypatch, DATA, action=["Rescind"])
    assert votes_shown(by_code) == votes_shown(by_label) == 9
    assert not by_code.warning and not by_label.warning


def test_a_date_after_today_is_kept_as_asked(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_with(seeded_sqlite, monkeypatch, DATA, to="2099-01-01")
    assert at.date_input(key="to").value == dt.date(2099, 1, 1)
    assert votes_shown(at) == 33 and not at.warning  # every dated vote (2 have no date)


def test_changing_a_filter_after_a_link_raises_no_false_alarm(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_with(seeded_sqlite, monkeypatch, DATA, **{"from": "2025-01-01"})
    at.date_input(key="from").set_value(dt.date(2025, 6, 1)).run()
    at.multiselect(key="state").set_value(["FL"]).run()
    assert not at.warning and votes_shown(at) == 6


def test_an_unknown_parameter_and_a_map_setting_not_understood_are_named(
    seeded_sqlite: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_with(seeded_sqlite, monkeypatch, "app_pages/map.py", stat="FL", status="Bogus")
    assert "Parameter “stat=FL” (no filter or setting of that name)" in warnings(at)
    assert "Agreement status “Bogus” (showing “Active” instead)" in warnings(at)
