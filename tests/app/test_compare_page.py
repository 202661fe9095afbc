"""The Compare page through Streamlit's AppTest, on a real seeded database."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT
from policytrack.ingest.pipeline import import_dataset

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")
PAGE = "app_pages/compare.py"
PLACES = ["Miami, FL", "Key West, FL", "Fort Myers, FL"]
SEED = REPO_ROOT / "data" / "seed"


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", seeded_engine.url.render_as_string(False))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(PAGE)
    yield at


def summary(at: AppTest):  # type: ignore[no-untyped-def]
    """The "At a glance" table (the only one with a `differs` column)."""
    return next(d.value for d in at.dataframe if "differs" in d.value.columns)


def tables_with(at: AppTest, column: str, value: str) -> list:  # type: ignore[type-arg]
    """Tables shown whose `column` holds `value`."""
    frames = [d.value for d in at.dataframe]
    return [f for f in frames if column in f.columns and value in set(f[column])]


def texts(at: AppTest) -> list[str]:
    return [element.value for element in at.text]


def markdown_like(at: AppTest) -> list[str]:
    """Everything on the page that Streamlit renders as markdown."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "expander")
    found = []
    for kind in kinds:
        for element in at.get(kind):
            found.append(str(getattr(element, "label", None) or getattr(element, "value", "")))
    return found


def test_deep_link_restores_the_comparison_with_tallies(app: AppTest) -> None:
    app.query_params["jurisdictions"] = PLACES
    app.run()
    assert not app.exception
    assert app.multiselect(key="jurisdictions").value == PLACES
    table = summary(app)
    assert list(table["jurisdiction"]) == PLACES
    assert [str(v).rstrip(" ≠") for v in table["votes"]] == ["1", "3", "2"]
    shown = texts(app)
    for tally in ("3 yes · 2 no", "6 yes · 1 no", "4 yes · 2 no · 1 absent",
                  "2 yes · 4 no · 1 absent", "3 yes · 3 no · 1 absent",
                  "0 no · yes: not reported"):  # fmt: skip
        assert f"Tally: {tally}" in shown
    assert len(app.get("plotly_chart")) == 3
    link = app.code[0].value
    assert link.count("jurisdictions=") == 3 and "Key+West%2C+FL" in link


def test_each_vote_lists_stakeholders_by_stance_and_roll_call(app: AppTest) -> None:
    app.query_params["jurisdictions"] = PLACES
    app.run()
    [oppose] = tables_with(app, "stakeholder", "ACLU of Florida")
    aclu = oppose[oppose["stakeholder"] == "ACLU of Florida"]["said"]
    assert any("This is a shameful day for Miami" in said for said in aclu)
    assert "Ron DeSantis" not in set(oppose["stakeholder"])  # he is in the Support table
    # Miami, Key West (8 July) and Fort Myers (21 March): one Support table each.
    assert len(tables_with(app, "stakeholder", "Ron DeSantis")) == 3
    [roll] = tables_with(app, "name", "Fred Burson")  # Fort Myers, 17 March
    assert len(roll) == 6 and set(roll["option"]) == {"yes", "no"}


def test_without_two_places_it_says_what_to_do_and_offers_the_example(app: AppTest) -> None:
    app.run()
    assert any("Pick two to six jurisdictions" in info.value for info in app.info)
    app.button[0].click().run()
    assert app.multiselect(key="jurisdictions").value == PLACES
    assert len(summary(app)) == 3


def test_shared_filters_change_what_is_compared(app: AppTest) -> None:
    app.query_params["jurisdictions"] = PLACES
    app.query_params["outcome"] = ["Failed"]
    app.run()
    assert not app.exception
    assert [str(v).rstrip(" ≠") for v in summary(app)["votes"]] == ["0", "1", "1"]
    assert any(t.startswith("No votes recorded here that match the filters") for t in texts(app))
    assert "Tally: 3 yes · 2 no" not in texts(app)


def _hostile_dataset(folder: Path) -> Path:
    header = (SEED / "votes.csv").read_text("utf-8").splitlines()[0]
    vote = (
        "fl-miami-2025-07-01-x,FL,Miami,city,City Commission,2025-07-01,"
        '"<img src=x onerror=alert(1)> [x](javascript:alert(1))",,other,failed,1,4,,,,'
        "https://example.org/report,medium,,287g_agreement,Miami-Dade County,"
    )
    (folder / "votes.csv").write_text(f"{header}\n{vote}\n", "utf-8")
    positions = (
        "vote_key,stakeholder,stakeholder_kind,speaker,role,stance,summary,quote,source_url,source_key\n"
        'fl-miami-2025-07-01-x,[click](javascript:alert(1)),advocacy_org,"<b>Bold</b>",,oppose,'
        '"**not bold** <img src=x onerror=alert(2)>",<script>alert(1)</script>,https://example.org/report,\n'
    )
    (folder / "positions.csv").write_text(positions, "utf-8")
    return folder


def test_outside_text_is_shown_literally(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import_dataset(seeded_engine, _hostile_dataset(tmp_path))
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", seeded_engine.url.render_as_string(False))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(PAGE)
    at.query_params["jurisdictions"] = ["Miami, FL", "Key West, FL"]
    at.run()
    assert not at.exception
    [table] = tables_with(at, "stakeholder", "[click](javascript:alert(1))")
    row = table[table["stakeholder"] == "[click](javascript:alert(1))"].iloc[0]
    assert row["stakeholder"] == "[click](javascript:alert(1))"
    assert (
        row["said"]
        == "**not bold** <img src=x onerror=alert(2)> Quote: “<script>alert(1)</script>”"
    )
    assert "City Commission: <img src=x onerror=alert(1)> [x](javascript:alert(1))" in texts(at)
    for rendered in markdown_like(at):
        assert "javascript:" not in rendered and "<script>" not in rendered
        assert "onerror" not in rendered


def test_how_each_place_s_members_voted_across_its_votes(app: AppTest) -> None:
    """Issue 14: a body's members across its votes, each linked to their page."""
    app.query_params["jurisdictions"] = PLACES
    app.run()
    key_west = next(
        d.value for d in app.dataframe
        if "fl-key-west-2025-07-08" in d.value.columns and "member" in d.value.columns
    )  # fmt: skip
    lee = key_west[key_west.member == "Donald Lee"].iloc[0]
    assert lee["record"] == "record?person=fl-key-west-donald-lee"
    assert (lee["fl-key-west-2025-07-08"], lee["fl-key-west-2025-06-30"]) == ("Yes", "Yes")
    kaufman = key_west[key_west.member == "Samuel Kaufman"].iloc[0]
    assert kaufman["fl-key-west-2025-07-08"] == "Absent"
    henriquez = key_west[key_west.member == "Dee Dee Henriquez"].iloc[0]
    assert henriquez["fl-key-west-2025-06-30"] == "", "no vote of hers on record that day"
    assert any(e.label == "Miami, FL" for e in app.expander)
