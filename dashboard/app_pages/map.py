"""Map: being built (issue 4)."""

import streamlit as st

st.title("Map")
st.info("This page is being built.")
