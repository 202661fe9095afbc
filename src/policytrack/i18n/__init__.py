"""The reader's language: English (the source text) or Spanish (issue 15).

Text a reader sees is written in English in the code, marked with `_()` (or `ngettext` for
counted phrases), and translated through a gettext catalogue kept with Babel:
`locales/<language>/LC_MESSAGES/policytrack.po`, extracted from the code by `make messages`
(see README). The words of the trade (287(g), Task Force Model, roll call, rescind, …) are
fixed in `glossary.csv`, and a test holds every translation to them.

The language is chosen per run (`use`, from the `lang` URL parameter) and read where text
is made; cached query results never hold translated text, so a cached value serves every
language. Data are shown as recorded: a quote, a measure or a note is never translated.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import gettext as _gettext
import io
from pathlib import Path

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

HERE = Path(__file__).parent
LOCALES = HERE / "locales"
DOMAIN = "policytrack"
SOURCE = "en"
# Each language in its own name (what the switch shows), the source language first.
LANGUAGES = {"en": "English", "es": "Español"}
# Dates and numbers as written in the United States in each language (Spanish readers here
# write 1,234.5, as CLDR's es_US does; es would give 1.234,5).
FORMATS = {"en": "en_US", "es": "es_US"}

_current: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=SOURCE)


def catalogue_path(language: str) -> Path:
    """Where the language's catalogue is kept."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(language: str) -> _gettext.NullTranslations:
    """The language's translations, read from its catalogue once per process (fuzzy
    entries are left out: a guess is not a translation)."""
    if language == SOURCE or not catalogue_path(language).exists():
        return _gettext.NullTranslations()
    with catalogue_path(language).open("rb") as handle:
        catalogue = read_po(handle, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def language_of(asked: str | None) -> str:
    """The language to show for what a URL asked (`lang=es`); anything else is English."""
    code = (asked or "").strip().lower()[:2]
    return code if code in LANGUAGES else SOURCE


def use(language: str) -> None:
    """Show this run in `language` (a code of LANGUAGES)."""
    _current.set(language if language in LANGUAGES else SOURCE)


def current() -> str:
    """The language of this run."""
    return _current.get()


def _(message: str) -> str:
    """`message` (English, as written in the code) in the run's language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural phrase for `count`, in the run's language."""
    return translations(current()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined (a constant); translated with
    `_()` where it is shown."""
    return message


def format_date(day: dt.date, style: str = "long") -> str:
    """A date as a reader of the run's language writes it ("June 17, 2025",
    "17 de junio de 2025")."""
    return babel_dates.format_date(day, format=style, locale=FORMATS[current()])


def format_number(number: float, digits: int = 0) -> str:
    """A number with the separators of the run's language ("1,234.5" in both)."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return babel_numbers.format_decimal(number, format=pattern, locale=FORMATS[current()])


def language_name(language: str) -> str:
    """A language's name in that language ("Español")."""
    return LANGUAGES.get(language) or Locale.parse(language).get_display_name(language) or language
