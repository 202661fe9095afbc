"""policytrack dashboard: page config, the shared filters and the navigation; nothing else.
A page that fails shows what went wrong in words (`failure_page`), never Streamlit's
exception box."""

from pathlib import Path

import streamlit as st

from policytrack.i18n import _

import data
from components import style
from components.failure import failure_page
from components.filters import render_filters
from components.language import choose_language
from components.page_path import say_if_unknown

# A local image: emoji and Material page icons are fetched from the internet by the browser.
ICON = str(Path(__file__).parent / "static" / "favicon.png")
st.set_page_config(page_title="policytrack", page_icon=ICON, layout="wide")
style.apply()  # widths and print (components/style.py)
choose_language()  # before any text is made: ?lang=es (policytrack.i18n)

pages = {
    _("Explore"): [
        st.Page("app_pages/map.py", title=_("Map"), icon=":material/map:", default=True),
        st.Page("app_pages/timeline.py", title=_("Timeline"), icon=":material/timeline:"),
        st.Page("app_pages/compare.py", title=_("Compare"), icon=":material/compare:"),
        st.Page("app_pages/stakeholders.py", title=_("Stakeholders"), icon=":material/groups:"),
    ],
    _("Records"): [
        st.Page("app_pages/data.py", title=_("Data & about"), icon=":material/table:"),
        st.Page(
            "app_pages/changes.py", title=_("Changes"), icon=":material/update:", url_path="changes"
        ),
        st.Page("app_pages/record.py", title=_("Record"), icon=":material/description:"),
        st.Page("app_pages/edit.py", title=_("Edit"), icon=":material/edit:"),
    ],
}
navigation = st.navigation(pages)
say_if_unknown([page for section in pages.values() for page in section], navigation)
try:
    data.start_run()  # one data version for everything this run shows
    st.session_state["filters"] = render_filters()
    navigation.run()
except Exception as error:  # st.stop() and st.rerun() are BaseExceptions: they pass
    failure_page(error)
