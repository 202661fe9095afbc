"""A hostile URL cannot put live markdown or HTML on any page: the search text comes back
in empty-state messages, which Streamlit renders as markdown, so it must arrive escaped."""

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from policytrack.config import REPO_ROOT

APP = str(REPO_ROOT / "dashboard" / "streamlit_app.py")
HOSTILE = "[click me](javascript:alert(document.cookie)) <img src=x onerror=alert(1)>"
PAGES = ["map", "timeline", "compare", "stakeholders", "data", "changes"]
LIVE_LINK = re.compile(r"(?<!\\)\]\(javascript")
LIVE_TAG = re.compile(r"(?<!\\)<img")


@pytest.fixture
def app(seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("POLICYTRACK_DATABASE_URL", seeded_engine.url.render_as_string(False))
    yield AppTest.from_file(APP, default_timeout=60)


def markdown_bodies(at: AppTest) -> list[str]:
    """Everything the page rendered through markdown (messages, captions, markdown)."""
    kinds = ("info", "warning", "error", "success", "caption", "markdown")
    return [str(element.value) for kind in kinds for element in at.get(kind)]


@pytest.mark.parametrize("page", PAGES)
def test_search_text_from_the_url_is_never_live_markdown(app: AppTest, page: str) -> None:
    app.switch_page(f"app_pages/{page}.py")
    app.query_params["q"] = HOSTILE
    if page == "compare":
        app.query_params["jurisdictions"] = ["Miami, FL", "Key West, FL"]
    app.run()
    assert not app.exception
    assert app.text_input(key="q").value == HOSTILE  # the filter took the text as text
    bodies = markdown_bodies(app)
    # Escaped (`\<img`, `\]\(`) renders as literal text; unescaped would be live.
    assert not any(LIVE_LINK.search(body) for body in bodies), bodies
    assert not any(LIVE_TAG.search(body) for body in bodies), bodies
    assert any("javascript" in body for body in bodies), "the search text should be echoed"
