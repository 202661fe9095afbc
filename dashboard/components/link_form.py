"""The agreement a vote concerns, for editors: link it to an agreement (one that fits, or any
by key), keep it unlinked, or hand it back to the automatic linker; the history with revert.
A change is checked against the link this editor loaded."""

from __future__ import annotations

import streamlit as st

from policytrack.auth import Editor
from policytrack.edits.links import (
    VoteLink,
    agreement_choices,
    link_history,
    link_revert_plan,
    release_link,
    revert_link,
    set_link,
    vote_link,
)

from components.edit_state import (
    attempt,
    field_error,
    notice,
    session,
    shown_earlier,
    stale_notice,
)
from components.outside_text import shown
from components.record_editing import history_with_revert, load_for_edit

SLOT = "edit-link"
LINK, UNLINKED, AUTOMATIC = (
    "Link to this agreement",
    "Keep unlinked (no agreement)",
    "Let the automatic linker decide",
)
HOW = {"auto": "linked automatically", "manual": "set by an editor", None: "no one has decided"}


def link_panel(vote_key: str, editor: Editor) -> None:
    """The vote's link as it is, a form to change it, and its history."""
    loaded = load_for_edit(SLOT, vote_key, lambda db: vote_link(db, vote_key))
    if loaded is None:
        return
    with session() as db:
        choices = agreement_choices(db, vote_key)
    st.caption("Now")
    st.text(shown(f"{loaded.agreement or 'not linked'} ({HOW.get(loaded.how, loaded.how)})"))
    prefix = f"link-{vote_key}"
    notice(SLOT)
    stale_notice(SLOT, prefix)
    _form(vote_key, loaded, choices, prefix, editor)
    _history(vote_key, loaded, editor)


def _form(
    vote_key: str, loaded: VoteLink, choices: dict[str, str], prefix: str, editor: Editor
) -> None:
    with st.form(prefix):
        what = st.radio("Change", [LINK, UNLINKED, AUTOMATIC], key=f"{prefix}-what")
        picked = st.selectbox(
            "Agreements of agencies there that fit the vote's model and date", list(choices),
            index=None, format_func=lambda k: shown(choices.get(k, k)), key=f"{prefix}-pick",
            placeholder="None fits" if not choices else "Pick an agreement",
        )  # fmt: skip
        typed = st.text_input("…or any agreement's key", key=f"{prefix}-key")
        field_error(SLOT, "agreement")
        submitted = st.form_submit_button("Save link", type="primary")
    if not submitted or not shown_earlier(SLOT, prefix):
        return
    if what == AUTOMATIC:
        attempt(SLOT, lambda db: release_link(db, editor, vote_key, loaded), "Saved.")
        return
    agreement = (typed.strip() or picked) if what == LINK else None
    if what == LINK and not agreement:
        st.session_state[f"{SLOT}-errors"] = {"agreement": "pick an agreement, or give its key"}
        st.rerun()
    attempt(SLOT, lambda db: set_link(db, editor, vote_key, agreement, loaded), "Saved.")


def _history(vote_key: str, loaded: VoteLink, editor: Editor) -> None:
    history_with_revert(
        SLOT, SLOT, lambda db: link_history(db, vote_key),
        "No editor has changed this vote's link.",
        lambda db, change, restore: link_revert_plan(db, change, loaded, restore),
        lambda db, change, restore: revert_link(db, editor, change, loaded, restore=restore),
        f"link-{vote_key}",
    )  # fmt: skip
