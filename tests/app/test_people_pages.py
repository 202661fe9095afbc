"""People through AppTest (one backend: page logic): a person's page and a stakeholder's
page by their URLs, and an editor's split and merge on the Edit page (issue 14 part 1)."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from policytrack.models import Stakeholder

from tests.app.conftest import APP, EDIT, add_editor, sign_in

KEY_WEST = "ocd-division/country:us/state:fl/place:key_west"


@pytest.fixture
def url(votes_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    value = votes_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", value)
    yield value


def record(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page("app_pages/record.py").run()


def test_a_person_s_page_lists_each_vote_as_printed_with_roles_and_downloads(url: str) -> None:
    at = record(person="fl-key-west-donald-lee")
    assert not at.exception
    assert not at.warning, "the page's parameter is understood"
    assert at.title[0].value == "Donald Lee"
    assert "Donald Lee; Donie Lee" in [t.value for t in at.text]
    votes = next(d.value for d in at.dataframe if "printed" in d.value.columns)
    assert votes[["record", "option", "printed"]].values.tolist() == [
        ["record?vote=fl-key-west-2025-07-08", "Yes", "Donie Lee"],
        ["record?vote=fl-key-west-2025-06-30", "Yes", "Donald Lee"],
    ]
    roles = next(d.value for d in at.dataframe if "first" in d.value.columns)
    assert roles.values.tolist() == [["City Commission", "2025-06-30", "2025-07-08", 2]]
    assert {"CSV", "JSON", "Download this record (JSON)"} <= {
        b.label for b in at.get("download_button")
    }


def test_a_stakeholder_s_page_links_the_person_they_are(url: str, votes_engine: Engine) -> None:
    with Session(votes_engine) as session:
        key = session.exec(
            select(Stakeholder.key).where(Stakeholder.name == "Christine King")
        ).one()
    at = record(stakeholder_key=key)
    assert not at.exception
    assert at.title[0].value == "Christine King"
    assert not at.warning, "the page's parameter is understood"
    by_name = record(stakeholder="Christine King")  # as the shared filter writes it
    assert by_name.title[0].value == "Christine King"
    links = [p.proto.query_string for p in at.get("page_link")]
    assert "person=fl-miami-christine-king" in links
    positions = next(d.value for d in at.dataframe if "stance" in d.value.columns)
    assert len(positions) >= 1
    assert all(s.startswith("http") for s in positions["sources"])


def test_no_such_person_says_so(url: str) -> None:
    at = record(person="nobody-at-all")
    assert not at.exception
    assert at.title[0].value == "No such record"


def test_an_editor_splits_a_person_then_merges_them_back(url: str, votes_engine: Engine) -> None:
    add_editor(votes_engine)
    at = sign_in(AppTest.from_file(APP, default_timeout=60).switch_page(EDIT).run())
    at.selectbox(key="people-place").select(KEY_WEST).run()
    assert not at.exception
    at.selectbox(key="people-split-person").select("fl-key-west-donald-lee").run()
    at.multiselect(key="people-split-names").select("Donie Lee")
    at.text_input(key="people-split-note").input("two different men")
    next(b for b in at.button if b.label == "Split").click().run()
    assert not at.exception
    assert any("Split Donie Lee off" in s.value for s in at.success)
    people = next(d.value for d in at.dataframe if "printed" in d.value.columns)
    assert {"fl-key-west-donald-lee", "fl-key-west-donald-lee-2"} <= set(people["key"])
    at.selectbox(key="people-keep").select("fl-key-west-donald-lee")
    at.selectbox(key="people-other").select("fl-key-west-donald-lee-2")
    next(b for b in at.button if b.label == "Merge").click().run()
    assert not at.exception
    people = next(d.value for d in at.dataframe if "printed" in d.value.columns)
    assert "fl-key-west-donald-lee-2" not in set(people["key"])
    history = next(d.value for d in at.dataframe if "who" in d.value.columns)
    assert {"merge", "split"} <= set(history["what"])
