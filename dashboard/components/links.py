"""Links that are safe to render: only http(s) URLs (checked again here), link text that is
a host name or our own words, never text from outside as markdown."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode, urlsplit

import streamlit as st

RECORD_PAGE = "app_pages/record.py"


def is_http(url: str | None) -> bool:
    """True for an http(s) URL with a host."""
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def host(url: str) -> str:
    """The site of a URL, `www.` dropped, for link text."""
    return (urlsplit(url).hostname or url).removeprefix("www.")


def markdown_link(url: str, text: str | None = None) -> str:
    """`[host](url)` with the URL percent-encoded so markdown cannot be broken out of."""
    shown = (text or host(url)).replace("[", "(").replace("]", ")")
    return f"[{shown}]({quote(url.strip(), safe=':/?&=%#~+,;@!$')})"


def source_list(sources: list[str]) -> None:
    """Each source: a link if it is an http(s) URL, otherwise the citation as plain text."""
    for source in sources:
        if is_http(source):
            st.markdown("- " + markdown_link(source))
        else:
            st.text(source)


def record_href(kind: str, key: str) -> str:
    """Relative URL of a record page (`kind` is vote, jurisdiction or agreement)."""
    return "record?" + urlencode({kind: key})


def escape_markdown(text: object) -> str:
    """Text with every markdown-active character backslash-escaped, so it shows literally
    where Streamlit renders markdown (page-link and button labels)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=^\"'])", r"\\\1", str(text))


def record_link(kind: str, key: str, label: str) -> None:
    """A link to a record page; the label (often a name from outside) is escaped, because
    Streamlit renders page-link labels as markdown."""
    st.page_link(RECORD_PAGE, label=escape_markdown(label), query_params={kind: key})
