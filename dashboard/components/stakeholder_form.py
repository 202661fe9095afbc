"""Stakeholders for editors: add one, rename it or change its kind (the key stays), with the
rules' messages under the field they concern, and its history with revert. A save is
checked against the name and kind this editor loaded."""

from __future__ import annotations

from typing import Any

import streamlit as st

from policytrack.auth import Editor
from policytrack.edits.refusals import validated
from policytrack.edits.stakeholders import (
    add_stakeholder,
    edit_stakeholder,
    new_stakeholder,
    revert_stakeholder,
    stakeholder_as_input,
    stakeholder_history,
    stakeholder_names,
    stakeholder_revert_plan,
)
from policytrack.schemas import StakeholderIn
from policytrack.vocab import StakeholderKind

from components.edit_state import (
    attempt,
    field_error,
    hidden_note,
    notice,
    session,
    shown_earlier,
    stale_notice,
)
from components.links import escape_markdown
from components.outside_text import shown
from components.record_editing import add_form, history_with_revert, load_for_edit

SLOT = "edit-stakeholder"
KINDS = [k.value for k in StakeholderKind]


def stakeholders_panel(editor: Editor) -> None:
    """Add a stakeholder; pick one (from the list or by key) to edit, with its history."""
    _add_form(editor)
    st.subheader("Edit a stakeholder")
    with session() as db:
        names = stakeholder_names(db)
    picked = st.selectbox(
        "Stakeholder", list(names), index=None, key="stakeholder-pick",
        format_func=lambda k: shown(names.get(k, k)), placeholder="Pick a stakeholder",
    )  # fmt: skip
    typed = st.text_input("…or its key", key="stakeholder-key").strip()
    key = typed or picked
    if not key:
        return
    loaded = load_for_edit(SLOT, key, lambda db: stakeholder_as_input(db, key))
    if loaded is None:
        return
    _edit_form(loaded, editor)
    _history(loaded, editor)


def _add_form(editor: Editor) -> None:
    add_form(
        f"{SLOT}-new", "stakeholder-new", "Add a stakeholder", "Add stakeholder",
        lambda slot, prefix: _fields(slot, prefix, None),
        lambda db, values: add_stakeholder(db, editor, new_stakeholder(values)),
    )  # fmt: skip


def _edit_form(loaded: StakeholderIn, editor: Editor) -> None:
    prefix = f"stakeholder-{loaded.key}"
    notice(SLOT)
    stale_notice(SLOT, prefix)
    with st.form(prefix):
        st.caption(f"Key {escape_markdown(loaded.key)} (stays when the name changes)")
        values = _fields(SLOT, prefix, loaded)
        submitted = st.form_submit_button("Save stakeholder", type="primary")
    if submitted and shown_earlier(SLOT, prefix):
        attempt(SLOT, lambda db: edit_stakeholder(db, editor, loaded, _edited(loaded, values)),
                "Saved.")  # fmt: skip


def _fields(slot: str, prefix: str, item: StakeholderIn | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    values["name"] = st.text_input("Name", value=item.name if item else "", key=f"{prefix}-name")
    hidden_note(item.name if item else None)
    field_error(slot, "name")
    values["kind"] = st.selectbox("Kind", KINDS, key=f"{prefix}-kind",
                                  index=KINDS.index(str(item.kind)) if item else None)  # fmt: skip
    field_error(slot, "kind")
    return values


def _edited(loaded: StakeholderIn, values: dict[str, Any]) -> StakeholderIn:
    return validated(StakeholderIn, {**values, "key": loaded.key})


def _history(loaded: StakeholderIn, editor: Editor) -> None:
    history_with_revert(
        SLOT, SLOT, lambda db: stakeholder_history(db, loaded.key),
        "No edits to this stakeholder yet.",
        lambda db, change, restore: stakeholder_revert_plan(db, change, loaded, restore),
        lambda db, change, restore: revert_stakeholder(
            db, editor, change, loaded, restore=restore
        ),
        f"stakeholder-{loaded.key}",
    )  # fmt: skip
