"""Read an article: plain text, a saved HTML page (main text via trafilatura) or stdin."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<meta)", re.IGNORECASE)


class ArticleUnreadable(ValueError):
    """The article file cannot be read as text (names the file and why)."""


@dataclass(frozen=True)
class Article:
    """An article's text with what the caller knows about it (URL, publication date)."""

    text: str
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None


def read_article(
    path: str | Path, url: str | None = None, published: dt.date | None = None
) -> Article:
    """Read ARTICLE (`-` for standard input): `.html`/`.htm` or HTML-looking text is reduced
    to its main text with trafilatura; anything else is taken as plain text."""
    html = str(path).lower().endswith((".html", ".htm"))
    return article_from_text(_read_raw(path), url, published, where=str(path), html=html)


def article_from_text(
    raw: str,
    url: str | None = None,
    published: dt.date | None = None,
    where: str = "text",
    html: bool = False,
) -> Article:
    """Pasted, uploaded or fetched text: HTML (`html`, or text that looks like a page) is
    reduced to its main text; anything else is taken as plain text."""
    if html or _HTML_START.match(raw[:500]):
        return article_from_html(raw, url=url, published=published, where=where)
    return Article(text=normalise_text(raw), url=url, published=published)


def _read_raw(path: str | Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ArticleUnreadable(f"{file}: cannot be read ({error.strerror})") from None
    return decode(data)


def decode(data: bytes) -> str:
    """A file's bytes as text: UTF-8 (with or without a byte-order mark), else cp1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Saved pages from old sites are often Windows-1252; every byte decodes there.
        return data.decode("cp1252", errors="replace")


def article_from_html(
    html: str, url: str | None = None, published: dt.date | None = None, where: str = "HTML"
) -> Article:
    """The main text of a saved page, with its title and date when the caller gave none."""
    import trafilatura  # imported here: it takes ~0.3 s and only HTML needs it

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        raise ArticleUnreadable(f"{where}: no article text found in the page")
    title = getattr(doc, "title", None) or None
    body = normalise_text(text)
    if title and not body.startswith(title):
        body = f"{title}\n{body}"  # headlines carry the vote as often as the lead does
    return Article(
        text=body,
        url=url or getattr(doc, "url", None) or None,
        published=published or _page_date(getattr(doc, "date", None)),
        title=title,
    )


def _page_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def normalise_text(text: str) -> str:
    """Unify line ends and non-breaking spaces; nothing else, so spans stay readable."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
