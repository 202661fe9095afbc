"""policytrack dashboard: page config, the shared filters and the navigation; nothing else.
A page that fails shows what went wrong in words (`failure_page`), never Streamlit's
exception box."""

from pathlib import Path

import streamlit as st

import data
from components import style
from components.failure import failure_page
from components.filters import render_filters
from components.page_path import say_if_unknown

# A local image: emoji and Material page icons are fetched from the internet by the browser.
ICON = str(Path(__file__).parent / "static" / "favicon.png")
st.set_page_config(page_title="policytrack", page_icon=ICON, layout="wide")
style.apply()  # widths and print (components/style.py)

pages = {
    "Explore": [
        st.Page("app_pages/map.py", title="Map", icon=":material/map:", default=True),
        st.Page("app_pages/timeline.py", title="Timeline", icon=":material/timeline:"),
        st.Page("app_pages/compare.py", title="Compare", icon=":material/compare:"),
        st.Page("app_pages/stakeholders.py", title="Stakeholders", icon=":material/groups:"),
    ],
    "Records": [
        st.Page("app_pages/data.py", title="Data & about", icon=":material/table:"),
        st.Page(
            "app_pages/changes.py", title="Changes", icon=":material/update:", url_path="changes"
        ),
        st.Page("app_pages/record.py", title="Record", icon=":material/description:"),
        st.Page("app_pages/edit.py", title="Edit", icon=":material/edit:"),
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
