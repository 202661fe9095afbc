"""Edit: for signed-in editors only — change a vote (with its roll call and sources), retire
or revert it, its positions and agreement link, stakeholders and sources, and upload files.
Viewers see the sign-in form and nothing that writes."""

from __future__ import annotations

import streamlit as st

from components.article_draft import article_draft_panel
from components.auth import sign_in_panel
from components.link_form import link_panel
from components.links import escape_markdown
from components.people_form import people_panel
from components.position_form import positions_panel
from components.source_form import sources_panel
from components.stakeholder_form import stakeholders_panel
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

TABS = ["Edit a vote", "Positions", "Agreement link", "Stakeholders", "People", "Sources",
        "Upload a file", "Draft from an article"]  # fmt: skip
(edit_tab, positions_tab, link_tab, stakeholders_tab, people_tab, sources_tab, upload_tab,
 draft_tab) = st.tabs(TABS)  # fmt: skip
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
for tab, panel in ((positions_tab, positions_panel), (link_tab, link_panel)):
    with tab:
        if loaded is None:
            st.info("Choose a vote on the “Edit a vote” tab first.")
        else:
            st.caption(f"Vote {escape_markdown(loaded[0].key)}")
            panel(loaded[0].key, editor)
with stakeholders_tab:
    stakeholders_panel(editor)
with people_tab:
    people_panel(editor)
with sources_tab:
    sources_panel(editor)
with upload_tab:
    upload_panel(editor)
with draft_tab:
    article_draft_panel(editor)
