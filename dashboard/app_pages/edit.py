"""Edit: for signed-in editors only — change a vote (with its roll call and sources), retire
or revert it, and upload files. Viewers see the sign-in form and nothing that writes."""

from __future__ import annotations

import streamlit as st

from components.auth import sign_in_panel
from components.uploads import upload_panel
from components.vote_form import form, history_panel, load, retire_panel

st.title("Edit records")
editor = sign_in_panel()
if editor is None:
    st.info(
        "Viewing needs no account. Editing is for editors: an administrator adds accounts "
        "with `policytrack users add NAME --role editor`."
    )
    st.stop()

edit_tab, upload_tab = st.tabs(["Edit a vote", "Upload a file"])
with edit_tab:
    key = st.text_input(
        "Vote key", key="vote", bind="query-params",
        placeholder="e.g. fl-miami-2025-06-17 (shown on each vote's record page)",
    ).strip()  # fmt: skip
    loaded = load(key) if key else None
    if loaded is not None:
        item, version = loaded
        form(item, version, editor)
        retire_panel(item, version, editor)
        history_panel(item.key, version, editor)
with upload_tab:
    upload_panel(editor)
