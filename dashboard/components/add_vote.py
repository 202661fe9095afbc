"""On an agreement's record page with no vote linked, for signed-in editors only: "No vote
found yet — add one", to the Edit page (viewers see nothing of it)."""

from __future__ import annotations

import streamlit as st

from policytrack.auth import may_edit

from components.auth import current_editor

EDIT_PAGE = "app_pages/edit.py"


def add_vote_prompt() -> None:
    """The prompt and the link, when the reader may edit."""
    editor = current_editor()
    if editor is None or not may_edit(editor):
        return
    st.page_link(EDIT_PAGE, label="No vote found yet — add one", icon=":material/add_circle:")
    st.caption(
        "Upload the vote on the Edit page's *Upload a file* tab (it is linked to this "
        "agreement when this is the only agreement that fits), or link a recorded vote on its "
        "*Agreement link* tab."
    )
