"""Timeline: being built (issue 4)."""

import streamlit as st

st.title("Timeline")
st.info("This page is being built.")
