"""policytrack dashboard: page config, the shared filters and the navigation; nothing else."""

from pathlib import Path

import streamlit as st

from components import style
from components.filters import render_filters

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
        st.Page("app_pages/record.py", title="Record", icon=":material/description:"),
        st.Page("app_pages/edit.py", title="Edit", icon=":material/edit:"),
    ],
}
navigation = st.navigation(pages)
st.session_state["filters"] = render_filters()
navigation.run()
