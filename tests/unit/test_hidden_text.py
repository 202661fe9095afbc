"""Characters that hide or reorder text: refused in URLs at every entry (import cells, the
editor's source and position forms), written out visibly wherever text is shown."""

import pytest

from policytrack.edits.refusals import InvalidEdit
from policytrack.edits.sources import new_source
from policytrack.hidden_text import first_hidden, visible
from policytrack.ingest.fields import FieldError, parse_sources
from policytrack.schemas import SourceIn

RLO_URL = "https://ok.example/\u202egpj.exe"  # displays as "https://ok.example/exe.png"
HIDDEN_IN_URLS = [
    RLO_URL,
    "https://ok.example/a\u200bb",  # zero-width space
    "https://ok.example/\u2066x\u2069",  # isolates
    "https://ok.example/\u200fx",  # right-to-left mark
    "https://ok\u200d.example/",  # zero-width joiner in the host
    "https://ok.example/\ufeffx",  # zero-width no-break space
    "https://ok.example/\U000e0041",  # a tag character
]


@pytest.mark.parametrize("url", HIDDEN_IN_URLS)
def test_an_import_refuses_a_url_with_a_hidden_character_and_names_it(url: str) -> None:
    with pytest.raises(FieldError, match=r"invisible or text-reordering characters \(found U\+"):
        parse_sources(f"https://fine.example/1 {url}")


@pytest.mark.parametrize("url", HIDDEN_IN_URLS)
def test_an_editor_cannot_add_a_source_with_a_hidden_character(url: str) -> None:
    with pytest.raises(InvalidEdit) as refused:
        new_source({"url": url})
    assert "text-reordering" in refused.value.fields["url"]


def test_a_stored_source_cannot_be_made_with_one_either() -> None:
    with pytest.raises(ValueError, match="U\\+202E"):
        SourceIn(key="k", url=RLO_URL)


def test_ordinary_urls_are_untouched() -> None:
    assert [s.url for s in parse_sources("https://a.example/é?q=ü")] == ["https://a.example/é?q=ü"]


def test_hidden_characters_are_written_out_where_text_is_shown() -> None:
    assert visible(RLO_URL) == "https://ok.example/[U+202E]gpj.exe"
    assert visible("Ron\u200bDeSantis") == "Ron[U+200B]DeSantis"
    assert visible("a\x00b\x1bc") == "a[U+0000]b[U+001B]c"
    assert visible("tag\U000e0041") == "tag[U+E0041]"


def test_joiners_are_written_out_only_where_they_join_nothing() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji, joined
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a joiner between letters
    assert visible(family) == family and visible(persian) == persian
    assert visible("Ron\u200dDeSantis") == "Ron[U+200D]DeSantis"
    assert visible("\u200cx") == "[U+200C]x" and visible("x\u200c") == "x[U+200C]"


def test_plain_text_lines_and_tabs_stay_as_they_are() -> None:
    text = "Line one\n\tLine two — “quoted”, 3–2"
    assert visible(text) == text and first_hidden(text) is None
