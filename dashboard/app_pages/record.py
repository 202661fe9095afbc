"""Record: being built (issue 4)."""

import streamlit as st

st.title("Record")
st.info("This page is being built.")
