"""Sources for editors: add one by its URL (http/https only), correct its URL, title,
publisher or date, with the rules' messages under the field they concern, and its history
with revert. A save is checked against the values this editor loaded."""

from __future__ import annotations

from typing import Any

import streamlit as st

from policytrack.auth import Editor
from policytrack.edits.refusals import validated
from policytrack.edits.sources import (
    add_source,
    edit_source,
    new_source,
    revert_source,
    source_as_input,
    source_history,
    source_keys,
    source_revert_plan,
)
from policytrack.schemas import SourceIn

from components.edit_state import (
    attempt,
    field_error,
    hidden_note,
    notice,
    session,
    shown_earlier,
    stale_notice,
)
from components.outside_text import shown
from components.record_editing import add_form, history_with_revert, load_for_edit

SLOT = "edit-source"


def sources_panel(editor: Editor) -> None:
    """Add a source; pick one by key to correct, with its history."""
    _add_form(editor)
    st.subheader("Correct a source")
    with session() as db:
        keys = source_keys(db)
    key = st.selectbox("Source (its key: the URL, or article:… for a citation)", keys,
                       index=None, key="source-pick", placeholder="Pick a source",
                       format_func=shown)  # fmt: skip
    if not key:
        return
    loaded = load_for_edit(SLOT, key, lambda db: source_as_input(db, key))
    if loaded is None:
        return
    _edit_form(loaded, editor)
    _history(loaded, editor)


def _add_form(editor: Editor) -> None:
    add_form(
        f"{SLOT}-new", "source-new", "Add a source", "Add source",
        lambda slot, prefix: _fields(slot, prefix, None),
        lambda db, values: add_source(db, editor, new_source(values)),
    )  # fmt: skip


def _edit_form(loaded: SourceIn, editor: Editor) -> None:
    prefix = f"source-{loaded.key}"
    notice(SLOT)
    stale_notice(SLOT, prefix)
    with st.form(prefix):
        if loaded.citation:
            st.caption("Citation (not editable here)")
            st.text(shown(loaded.citation))
        values = _fields(SLOT, prefix, loaded)
        submitted = st.form_submit_button("Save source", type="primary")
    if submitted and shown_earlier(SLOT, prefix):
        attempt(SLOT, lambda db: edit_source(db, editor, loaded, _edited(loaded, values)),
                "Saved.")  # fmt: skip


def _fields(slot: str, prefix: str, item: SourceIn | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, label in (("url", "URL (http:// or https://)"), ("title", "Title"),
                        ("publisher", "Publisher")):  # fmt: skip
        current = getattr(item, name) if item else None
        values[name] = st.text_input(label, value=current or "", key=f"{prefix}-{name}")
        hidden_note(current)
        field_error(slot, name)
    values["published_on"] = st.date_input(
        "Published on", value=item.published_on if item else None, key=f"{prefix}-published"
    )
    field_error(slot, "published_on")
    return values


def _edited(loaded: SourceIn, values: dict[str, Any]) -> SourceIn:
    cleaned = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()}
    return validated(SourceIn, {**loaded.model_dump(), **cleaned})


def _history(loaded: SourceIn, editor: Editor) -> None:
    history_with_revert(
        SLOT, SLOT, lambda db: source_history(db, loaded.key), "No edits to this source yet.",
        lambda db, change, restore: source_revert_plan(db, change, loaded, restore),
        lambda db, change, restore: revert_source(db, editor, change, loaded, restore=restore),
        f"source-{loaded.key}",
    )  # fmt: skip
