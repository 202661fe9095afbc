"""Embeds (issue 15): each chart's "Embed" snippet names the view with its filters and the
chart alone; `?only=CHART` draws that chart alone with its title and source line; a name
that is no chart of the page leaves the page as it is."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")


@pytest.fixture
def url(votes_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    value = votes_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", value)
    yield value


def page(path: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(path).run()


def snippets(at: AppTest) -> list[str]:
    return [c.value for c in at.code if c.value.startswith("<iframe")]


def test_each_timeline_chart_has_an_embed_snippet_with_the_view_s_filters(url: str) -> None:
    at = page("app_pages/timeline.py", state="FL")
    assert not at.exception
    found = snippets(at)
    assert len(found) == len({s.split("only=")[1].split('"')[0] for s in found}) >= 2
    votes = next(s for s in found if "only=votes-chart" in s)
    frame, source = votes.splitlines()
    assert frame.startswith('<iframe src="') and 'title="Votes by month"' in frame
    assert "state=" in frame and "embed=true" in frame
    assert 'height="' in frame and 'width="100%"' in frame
    assert (
        source.startswith("<p") and 'href="' in source and "policytrack: Votes by month" in source
    )
    back = source.split('href="')[1].split('"')[0]
    assert "state=" in back and "only=" not in back and "embed=" not in back


def test_only_draws_that_chart_with_its_title_and_source_line(url: str) -> None:
    at = page("app_pages/timeline.py", state="FL", only="votes-chart", embed="true")
    assert not at.exception
    assert [s.value for s in at.subheader if s.value == "Votes by month"], "the title"
    source = next(c.value for c in at.caption if c.value.startswith("Source: "))
    assert "state=" in source and "filters: states" in source and "as of " in source
    assert not [s for s in snippets(at) if "only=votes-chart" in s], "no controls for it"
    assert not at.warning, "`only` is a parameter the page understands"


def test_only_naming_no_chart_leaves_the_page_as_it_is(url: str) -> None:
    at = page("app_pages/timeline.py", only="no-such-chart")
    assert not at.exception
    assert not [c for c in at.caption if c.value.startswith("Source: ")]
    assert len(snippets(at)) >= 2


def test_a_record_chart_embeds_and_keeps_its_parameters(url: str) -> None:
    at = page("app_pages/record.py", vote="fl-miami-2025-06-17", only="tally-chart", embed="true")
    assert not at.exception
    title = "Miami, FL: City Commission vote of 2025-06-17, tally"
    assert [s for s in at.subheader if s.value.replace("\\", "") == title]
    assert at.query_params["only"] == "tally-chart" and at.query_params["embed"] == "true"


def test_the_county_map_embeds_alone(url: str) -> None:
    at = page("app_pages/map.py", level="Counties")
    assert not at.exception
    (snippet,) = [s for s in snippets(at) if "only=map-county&" in s or 'only=map-county"' in s]
    assert "level=Counties" in snippet and 'title="US counties by ' in snippet
    alone = page("app_pages/map.py", level="Counties", only="map-county", embed="true")
    assert not alone.exception
    assert [s for s in alone.subheader if s.value.startswith("US counties by ")]
    assert [c for c in alone.caption if c.value.startswith("Source: ")]
