"""Stakeholders: being built (issue 4)."""

import streamlit as st

st.title("Stakeholders")
st.info("This page is being built.")
