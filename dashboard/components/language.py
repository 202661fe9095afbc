"""The reader's language: `?lang=es` in the URL, and a switch in the sidebar that keeps the
rest of the view (it is one more URL parameter). Read first in every run, before any text
is made (policytrack.i18n).

Not a `bind="query-params"` widget: a bound selectbox writes its shown label into the URL
(`?lang=Español`), and links say `?lang=es`."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from policytrack import i18n

KEY = "lang"  # the URL parameter, and the switch's key


def choose_language() -> str:
    """Use the language the link or the switch asks for in this run, and draw the switch.
    A link's language stays chosen on every page (Streamlit's page links drop the URL's
    parameters): it is written back while it is not English."""
    asked = st.query_params.get(KEY)
    if asked is not None:
        st.session_state[KEY] = i18n.language_of(asked)
    language = i18n.language_of(st.session_state.get(KEY))
    i18n.use(language)
    if language != i18n.SOURCE and asked != language:
        st.query_params[KEY] = language
    st.sidebar.selectbox(
        "Language · Idioma",
        list(i18n.LANGUAGES),
        format_func=i18n.language_name,
        key=KEY,
        on_change=_to_link,
    )
    if asked is not None and asked.strip().lower()[:2] not in i18n.LANGUAGES:
        _not_understood(asked)
    return language


def _to_link() -> None:
    """The switch moved: the link says so (English, the default, is left out)."""
    chosen = i18n.language_of(st.session_state.get(KEY))
    try:
        if chosen == i18n.SOURCE:
            del st.query_params[KEY]
        else:
            st.query_params[KEY] = chosen
    except (KeyError, StreamlitAPIException):
        pass


def _not_understood(asked: str) -> None:
    names = ", ".join(f"{code} ({name})" for code, name in i18n.LANGUAGES.items())
    st.warning(
        f"This link asks for a language not available here: “{asked[:20]}”. Showing English "
        f"instead; available: {names}.",
        icon=":material/translate:",
    )
