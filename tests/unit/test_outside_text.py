"""The one path of outside text to the screen (dashboard/components/outside_text.py): the
hostile set shows literally in markdown, in plotly labels and in table cells. What the
browser finally draws is checked in tests/browser/test_hostile_text_in_browser.py."""

import importlib.util
import re
import sys
from types import ModuleType

import pandas as pd
import pytest

from policytrack.config import REPO_ROOT

HOSTILE = [
    '<a href="http://evil.example/">Official site</a>',
    '<span style="font-size:60px">big</span> <img src=x onerror=alert(1)>',
    "![](http://evil.example/x.png) [click](javascript:alert(1))",
    "Bare https://evil.example/a and www.evil.example and press@evil.example",
    r"$\href{https://evil.example}{click}$ $$\href{x}{y}$$",
    ":material/home: :material_home: :streamlit: :red[big] :small[s]",
    "# Heading\n\n- item\n> quote\n---\n1. one",
    "https://ok.example/\u202egpj.exe",
]
ACTIVE = set("\\`*_{}[]()#+-.!|<>~:$&=^\"'/")


@pytest.fixture(scope="module")
def text() -> ModuleType:
    """dashboard/components/outside_text.py, loaded as the dashboard loads it."""
    path = REPO_ROOT / "dashboard" / "components" / "outside_text.py"
    spec = importlib.util.spec_from_file_location("outside_text", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["outside_text"] = module
    spec.loader.exec_module(module)
    return module


def outside_code(markdown: str) -> str:
    """The markdown with its inline code spans taken out (code is shown literally)."""
    return re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", " ", markdown)


def unescaped_active(markdown: str) -> list[str]:
    """Markdown-active characters that are not backslash-escaped (outside inline code)."""
    found, rest = [], outside_code(markdown)
    index = 0
    while index < len(rest):
        if rest[index] == "\\":
            index += 2
            continue
        if rest[index] in ACTIVE:
            found.append(rest[index])
        index += 1
    return found


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_escapes_every_active_character(text: ModuleType, hostile: str) -> None:
    assert unescaped_active(text.markdown(hostile)) == []


def test_what_streamlit_links_or_draws_even_when_escaped_is_set_as_inline_code(
    text: ModuleType,
) -> None:
    shown = text.markdown(HOSTILE[3])
    for word in ("https://evil.example/a", "www.evil.example", "press@evil.example"):
        assert f"`{word}`" in shown
    assert "`:streamlit:`" in text.markdown(":streamlit:")
    assert "`:material_home:`" in text.markdown(":material_home:")
    # Streamlit rewrites ":material/" before parsing, inside code too: the slash is escaped.
    assert text.markdown("https://e.example/:material/home:") == (
        r"`https://e.example/`\:material\/home\:"
    )


def test_backticks_in_code_cannot_close_it_early(text: ModuleType) -> None:
    assert text.markdown("x`https://e.example`") == "`` x`https://e.example` ``"


def test_markdown_is_one_line_capped_and_shows_hidden_characters(text: ModuleType) -> None:
    assert text.markdown("a\n\n# b") == r"a \# b"
    assert text.markdown("x" * 500, 200) == "x" * 199 + "…"
    assert "[U+202E]" in text.markdown(HOSTILE[-1])


@pytest.mark.parametrize("hostile", HOSTILE)
def test_plotly_labels_hold_no_tag_and_no_entity(text: ModuleType, hostile: str) -> None:
    label = text.plotly(hostile)
    assert "<" not in label and ">" not in label
    assert re.findall(r"&\w+;", label) == re.findall(r"&(?:lt|gt|amp);", label)


def test_axis_labels_stay_distinct_after_the_cut(text: ModuleType) -> None:
    labels = text.plotly_labels(["a" * 100, "a" * 100 + "b", "a" * 100 + "c", "<b>"])
    assert len(set(labels)) == 4 and all(len(label) <= text.TICK for label in labels[:3])
    assert labels[3] == "&lt;b&gt;"


def test_table_cells_show_hidden_characters_and_leave_numbers_alone(text: ModuleType) -> None:
    frame = pd.DataFrame({"name": ["Ron\u200bDeSantis", None], "sources": [["a\u202eb"], []]})
    frame["n"] = [1, 2]
    shown = text.shown_table(frame)
    assert shown["name"].tolist()[0] == "Ron[U+200B]DeSantis" and pd.isna(shown["name"][1])
    assert shown["sources"].tolist() == [["a[U+202E]b"], []]
    assert shown["n"].tolist() == [1, 2]
    assert frame["name"][0] == "Ron\u200bDeSantis", "the frame given is not changed"
