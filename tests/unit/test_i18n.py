"""The Spanish catalogue is complete, consistent and held to the glossary (issue 15)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from policytrack import i18n

REPO = Path(__file__).resolve().parents[2]
GLOSSARY = Path(i18n.__file__).parent / "glossary.csv"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
METHODS = [("dashboard/**.py", "python"), ("src/policytrack/**.py", "python")]


def marked_in_code() -> set[str]:
    """Every text the code marks for translation (as `make messages` extracts it)."""
    found: set[str] = set()
    for _, _, message, _, _ in extract_from_dir(str(REPO), METHODS):
        found.add(message if isinstance(message, str) else message[0])
        if not isinstance(message, str):
            found.add(message[1])
    return found


def catalogue(language: str) -> Catalog:
    with i18n.catalogue_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def entries(language: str) -> Iterator[tuple[str, str]]:
    """(English, translation) of each entry: a plural entry gives its singular with the
    first form and its plural with each other form."""
    for message in catalogue(language):
        if not message.id:
            continue
        if isinstance(message.id, str):
            yield message.id, str(message.string)
            continue
        singular, plural = message.id[0], message.id[1]
        forms = list(message.string)
        yield singular, forms[0]
        yield from ((plural, form) for form in forms[1:])


def test_the_tools_config_names_the_same_files() -> None:
    """`make messages` reads tools/babel.cfg; this test reads METHODS: the same sections."""
    sections = re.findall(r"^\[python: (.+)\]$", (REPO / "tools" / "babel.cfg").read_text(), re.M)
    assert sections == [pattern for pattern, _ in METHODS]


def _forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def test_every_marked_text_is_translated_into_spanish() -> None:
    marked = marked_in_code()
    assert len(marked) >= 10, "no marked text found: the extraction checks nothing"
    spanish = catalogue("es")
    missing = sorted(m for m in marked if m not in spanish)
    assert not missing, f"run `make messages` and translate: {missing}"
    untranslated = [
        m.id
        for m in spanish
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert not untranslated, f"no Spanish yet (or fuzzy) in the catalogue: {untranslated}"
    unused = sorted(
        str(m.id)
        for m in spanish
        if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in marked
    )
    assert not unused, f"no longer in the code (run `make messages`): {unused}"


def test_placeholders_are_kept_in_translation() -> None:
    for english, spanish in entries("es"):
        assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(spanish)), (
            f"{english!r} → {spanish!r}"
        )


def glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def glossary_misses(pairs: Iterator[tuple[str, str]]) -> list[str]:
    """Translations of text naming a term of the trade that do not use the glossary's word."""
    terms = glossary()
    return [
        f"{english!r} → {spanish!r}: expected “{term['spanish']}”"
        for english, spanish in pairs
        for term in terms
        if re.search(rf"\b{re.escape(term['english'])}", english, re.I)
        and term["spanish"].casefold() not in spanish.casefold()
    ]


def test_the_glossarys_terms_are_used_everywhere() -> None:
    """Where the English names a term of the trade, the Spanish uses the glossary's word."""
    assert {"287(g)", "roll call", "rescind", "Task Force Model"} <= {
        t["english"] for t in glossary()
    }
    assert not glossary_misses(entries("es")), "\n".join(glossary_misses(entries("es")))


def test_a_translation_off_the_glossary_is_caught() -> None:
    pairs = [("Stakeholders", "Partes interesadas"), ("The roll call", "La lista")]
    assert len(glossary_misses(iter(pairs))) == 2
    assert not glossary_misses(iter([("Stakeholders", "Actores")]))


@pytest.mark.parametrize(
    ("language", "date", "number"),
    [("en", "June 17, 2025", "1,234,567.5"), ("es", "17 de junio de 2025", "1,234,567.5")],
)
def test_dates_and_numbers_are_written_for_the_language(
    language: str, date: str, number: str
) -> None:
    i18n.use(language)
    try:
        assert i18n.format_date(dt.date(2025, 6, 17)) == date
        assert i18n.format_number(1234567.5, digits=1) == number
    finally:
        i18n.use(i18n.SOURCE)


def test_text_follows_the_runs_language() -> None:
    assert i18n._("Map") == "Map"
    i18n.use("es")
    try:
        assert i18n._("Map") == "Mapa"
        assert i18n._("a text no catalogue has") == "a text no catalogue has"
    finally:
        i18n.use(i18n.SOURCE)


@pytest.mark.parametrize(
    ("asked", "language"), [("es", "es"), ("ES", "es"), ("es-US", "es"), ("fr", "en"), (None, "en")]
)
def test_a_links_language_is_read_or_english(asked: str | None, language: str) -> None:
    assert i18n.language_of(asked) == language
