""" "Cite this" on every record kind (issue 15): the permanent address, the citation in plain
text, BibTeX and CSL-JSON, each shown and downloadable, and the record as JSON and CSV."""

import datetime as dt
import json
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT
from policytrack.models import Agreement, Stakeholder, VoteEvent

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")
DOWNLOADS = {
    "Download (Plain text)",
    "Download (BibTeX)",
    "Download (CSL-JSON)",
    "Download this record (JSON)",
    "Download this record (CSV)",
}


@pytest.fixture
def engine(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    monkeypatch.setenv(
        "POLICYTRACK_DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False)
    )
    yield seeded_engine


def record_page(kind: str, key: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[kind] = key
    return at.switch_page("app_pages/record.py").run()


def cited(at: AppTest) -> tuple[str, str, list[dict[str, object]]]:
    """The plain-text, BibTeX and CSL-JSON citations shown on the page."""
    codes = [c.value for c in at.code]
    plain = next(c for c in codes if c.startswith("policytrack. “"))
    bib = next(c for c in codes if c.startswith("@misc{"))
    csl = json.loads(next(c for c in codes if c.startswith("[")))
    return plain, bib, csl


def some_key(engine: Engine, column: object) -> str:
    with Session(engine) as session:
        found = session.exec(select(column).order_by(column)).first()  # type: ignore[call-overload]
    assert found
    return str(found)


@pytest.mark.parametrize(
    ("kind", "key", "title"),
    [
        ("vote", "fl-miami-2025-06-17", "Miami, FL: City Commission vote of 2025-06-17"),
        ("jurisdiction", "ocd-division/country:us/state:fl/place:key_west", "Key West, FL"),
        ("person", "fl-key-west-donald-lee", "Donald Lee, Key West, FL"),
        ("agreement", None, None),
        ("stakeholder_key", None, None),
    ],
)
def test_every_record_kind_can_be_cited_in_three_formats(
    engine: Engine, kind: str, key: str | None, title: str | None
) -> None:
    if key is None:
        column = Agreement.key if kind == "agreement" else Stakeholder.key
        key = some_key(engine, column)
    at = record_page(kind, key)
    assert not at.exception
    plain, bib, (item,) = cited(at)
    url = next(c.value for c in at.code if c.value.startswith("http"))
    assert url.endswith("/record?" + re.sub(r"^.*/record\?", "", url))
    assert kind in url and url in plain and url in bib and item["URL"] == url
    if title:
        assert f"“{title}”" in plain and item["title"] == title
    assert item["publisher"] == "policytrack" and plain.startswith("policytrack. ")
    today = dt.date.today()
    assert f"(accessed {today.isoformat()})" in plain
    assert re.search(r", as of \d{4}-\d\d-\d\d\)", plain), "an as-of date"
    assert f"urldate = {{{today.isoformat()}}}" in bib
    assert {b.proto.label for b in at.get("download_button")} >= DOWNLOADS


def test_the_as_of_date_is_the_day_the_record_last_changed(engine: Engine) -> None:
    with Session(engine) as session:
        vote = session.exec(select(VoteEvent).where(VoteEvent.key == "fl-miami-2025-06-17")).one()
        vote.updated_at = dt.datetime(2030, 1, 2, 3, 4, tzinfo=dt.UTC)
        session.add(vote)
        session.commit()
    plain, bib, (item,) = cited(record_page("vote", "fl-miami-2025-06-17"))
    assert "(vote record, as of 2030-01-02)" in plain
    assert "date = {2030-01-02}" in bib
    assert item["issued"] == {"date-parts": [[2030, 1, 2]]}


def test_a_stakeholder_opened_by_name_is_cited_at_its_own_page(engine: Engine) -> None:
    with Session(engine) as session:
        holder = session.exec(select(Stakeholder).order_by(Stakeholder.key)).first()
    assert holder is not None
    plain, _, _ = cited(record_page("stakeholder", holder.name))
    assert f"record?stakeholder_key={holder.key}" in plain
