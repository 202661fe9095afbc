"""Links that are safe to render: only http(s) URLs (checked again here), link text that is
a host name or our own words, never text from outside as markdown."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote, urlencode, urlsplit

import pandas as pd
import streamlit as st

from policytrack.hidden_text import first_hidden

from components import outside_text

RECORD_PAGE = "app_pages/record.py"


def is_http(url: str | None) -> bool:
    """True for an http(s) URL with a host and nothing inside that hides or reorders what it
    shows (a record stored before that rule was refused at import is shown as text)."""
    if not url:
        return False
    clean = url.strip()
    if first_hidden(clean) or any(c.isspace() for c in clean):
        return False
    parts = urlsplit(clean)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def http_only(urls: pd.Series) -> pd.Series:
    """The cells that are http(s) URLs (`is_http`); anything else is left out, never made a
    link (MOA columns of the agreement tables)."""
    return urls.where(urls.map(lambda u: isinstance(u, str) and is_http(u)), None)


def host(url: str) -> str:
    """The site of a URL, `www.` dropped, for link text."""
    return (urlsplit(url).hostname or url).removeprefix("www.")


def markdown_link(url: str, text: str | None = None) -> str:
    """`[host](url)` with the URL percent-encoded so markdown cannot be broken out of."""
    shown = outside_text.markdown(text or host(url), outside_text.HEADING)
    return f"[{shown}]({quote(url.strip(), safe=':/?&=%#~+,;@!$')})"


def source_list(sources: Sequence[str]) -> None:
    """Each source: a link if it is an http(s) URL, otherwise the citation as plain text."""
    for source in sources:
        if is_http(source):
            st.markdown("- " + markdown_link(source))
        else:
            st.text(outside_text.shown(source))


def record_href(kind: str, key: str) -> str:
    """Relative URL of a record page (`kind`: vote, jurisdiction, agreement, person or
    stakeholder_key)."""
    return "record?" + urlencode({kind: key})


def escape_markdown(text: object, limit: int | None = None) -> str:
    """Outside text that shows literally where Streamlit renders markdown (the one path:
    `outside_text.markdown`)."""
    return outside_text.markdown(text, limit)


def record_link(kind: str, key: str, label: str) -> None:
    """A link to a record page; the label (often a name from outside) is escaped, because
    Streamlit renders page-link labels as markdown."""
    shown = outside_text.markdown(label, outside_text.HEADING)
    st.page_link(RECORD_PAGE, label=shown, query_params={kind: key})
