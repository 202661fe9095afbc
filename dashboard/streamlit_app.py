"""policytrack dashboard: page config and navigation only; pages live in app_pages/."""

import streamlit as st

st.set_page_config(page_title="policytrack", page_icon=":ballot_box_with_check:", layout="wide")

pages = [
    st.Page("app_pages/votes.py", title="Votes", icon=":material/how_to_vote:", default=True),
]
st.navigation(pages).run()
