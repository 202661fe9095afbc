"""Compare: being built (issue 4)."""

import streamlit as st

st.title("Compare")
st.info("This page is being built.")
