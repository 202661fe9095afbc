"""A link to a page that does not exist (`/nonexistent-page`) opens the default page — which
Streamlit does without a word, and rewrites the address: say which page was asked for."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from components.links import escape_markdown


def asked_path() -> str:
    """The page path of the address opened (without the server's base path)."""
    path = unquote(urlsplit(str(st.context.url or "")).path).strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return path


def say_if_unknown(pages: list[StreamlitPage], shown: StreamlitPage) -> None:
    """A warning above the page when the address names a page there is none of."""
    asked = asked_path()
    known = {page.url_path for page in pages}
    # The default page sits at "/"; its own name (`/map`) opens it too.
    known |= {page.title.casefold() for page in pages if page.url_path == ""}
    if asked.casefold() in known or asked in known:
        return
    st.warning(
        escape_markdown(f"There is no page “{asked}” here: this is the {shown.title} page.")
        + " Choose a page in the sidebar.",
        icon=":material/search_off:",
    )
