"""Positions on a vote for editors: the list (text as table cells), add or edit one with
the rules' messages under the field they concern, retire, and the history with revert.
Drawn only for a signed-in editor (the page checks first; the edits check again)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from policytrack.auth import Editor
from policytrack.edits.positions import (
    PositionEdit,
    add_position,
    edit_position,
    position_as_edit,
    position_history,
    position_revert_plan,
    positions_on,
    retire_position,
    revert_position,
)
from policytrack.edits.refusals import InvalidEdit, NotFound, validated
from policytrack.edits.stakeholders import stakeholder_names
from policytrack.edits.transactions import EditSession
from policytrack.vocab import Stance

from components.edit_state import (
    attempt,
    field_error,
    first_loaded,
    hidden_note,
    not_found,
    notice,
    session,
    shown_earlier,
    stale_notice,
)
from components.outside_text import shown, shown_table
from components.record_editing import history_with_revert

SLOT = "edit-position"
NEW = "(add a new position)"


def positions_panel(vote_key: str, editor: Editor) -> None:
    """Every position on the vote; add one, or pick one to edit or retire; the history."""
    try:
        with session() as db:
            rows = positions_on(db, vote_key)
            names = stakeholder_names(db)
    except NotFound as error:
        not_found(error)
        return
    _position_table(rows)
    labels = {r["key"]: _label(number, r) for number, r in enumerate(rows, start=1)}
    pick = st.selectbox(
        "Position", [NEW, *labels], key=f"position-pick-{vote_key}",
        format_func=lambda k: shown(labels.get(k, k)),
    )  # fmt: skip
    if pick == NEW:
        _add_form(vote_key, names, editor)
    else:
        _edit_form(pick, names, editor)
    _history(vote_key, editor)


def _label(number: int, row: dict[str, Any]) -> str:
    """Numbered as in the table: one stakeholder may hold the same stance in two sources."""
    speaker = f" · {row['speaker']}" if row["speaker"] else ""
    return f"{number}. {row['stakeholder']} · {row['stance']}{speaker}"


def _position_table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        st.caption("No positions on this vote yet.")
        return
    columns = ["stakeholder", "stance", "speaker", "summary", "quote", "version", "retired"]
    table = pd.DataFrame(rows)[columns]
    table.index = pd.RangeIndex(1, len(rows) + 1, name="no.")
    st.dataframe(shown_table(table))


def _add_form(vote_key: str, names: dict[str, str], editor: Editor) -> None:
    slot = f"{SLOT}-new"
    prefix = f"position-new-{vote_key}"
    notice(slot)
    with st.form(prefix):
        st.caption("A stakeholder's stance on this vote, as a source reports it.")
        values = _fields(slot, prefix, None, names)
        submitted = st.form_submit_button("Add position", type="primary")
    if submitted:
        add = lambda db: add_position(db, editor, vote_key, _build(values))  # noqa: E731
        attempt(slot, add, "Added.", clear=prefix)


def _edit_form(key: str, names: dict[str, str], editor: Editor) -> None:
    with session() as db:
        item, current, retired = position_as_edit(db, key)
    version = first_loaded(SLOT, key, current)
    prefix = f"position-{key}"
    notice(SLOT)
    stale_notice(SLOT, prefix)
    if retired:
        st.info("This position is retired (hidden everywhere). Revert its retirement below.")
        return
    with st.form(prefix):
        st.caption(f"Editing version {version} of this position")
        values = _fields(SLOT, prefix, item, names)
        submitted = st.form_submit_button("Save position", type="primary")
    if submitted and shown_earlier(SLOT, prefix):
        attempt(SLOT, lambda db: edit_position(db, editor, key, _build(values), version), "Saved.")
    _retire(key, version, editor)


def _fields(
    slot: str, prefix: str, item: PositionEdit | None, names: dict[str, str]
) -> dict[str, Any]:
    field_error(slot, "form")
    keys = list(names)
    current = keys.index(item.stakeholder) if item and item.stakeholder in names else None
    values: dict[str, Any] = {}
    values["stakeholder"] = st.selectbox(
        "Stakeholder", keys, index=current, key=f"{prefix}-stakeholder",
        format_func=lambda k: shown(names.get(k, k)), placeholder="Pick a stakeholder",
    )  # fmt: skip
    values["stakeholder_key"] = st.text_input(
        "…or the stakeholder's key", key=f"{prefix}-stakeholder-key",
        help="Add new stakeholders on the Stakeholders tab.",
    )  # fmt: skip
    field_error(slot, "stakeholder")
    stances = [s.value for s in Stance]
    values["stance"] = st.selectbox("Stance on the agreement", stances, key=f"{prefix}-stance",
        index=stances.index(str(item.stance)) if item else None)  # fmt: skip
    field_error(slot, "stance")
    for name, label in (("speaker", "Speaker (who said it)"), ("role", "Speaker's role")):
        values[name] = st.text_input(
            label, value=(getattr(item, name) if item else None) or "", key=f"{prefix}-{name}"
        )
        hidden_note(getattr(item, name) if item else None)
        field_error(slot, name)
    for name, label in (("summary", "Summary"), ("quote", "Quote (as printed)")):
        values[name] = st.text_area(
            label, value=(getattr(item, name) if item else None) or "", key=f"{prefix}-{name}"
        )
        hidden_note(getattr(item, name) if item else None)
        field_error(slot, name)
    values["said_on"] = st.date_input(
        "Said on", value=item.said_on if item else None, max_value=dt.date.today(),
        key=f"{prefix}-said-on",
    )  # fmt: skip
    field_error(slot, "said_on")
    values["sources"] = st.text_area(
        "Sources (one per line: an http(s) URL, or the key of a stored source)",
        value="\n".join(item.sources) if item else "", key=f"{prefix}-sources",
    )  # fmt: skip
    field_error(slot, "sources")
    return values


def _build(values: dict[str, Any]) -> PositionEdit:
    """The form's values as a position edit; InvalidEdit by field if pydantic refuses."""
    typed = str(values.pop("stakeholder_key") or "").strip()
    values["stakeholder"] = typed or values["stakeholder"] or ""
    if not values["stakeholder"]:
        raise InvalidEdit({"stakeholder": "pick a stakeholder, or give its key"})
    values["sources"] = [line for line in str(values["sources"]).splitlines() if line.strip()]
    if not values["sources"]:
        raise InvalidEdit({"sources": "cite at least one source (an http:// or https:// URL)"})
    return validated(PositionEdit, values)


def _retire(key: str, version: int, editor: Editor) -> None:
    with st.expander("Retire this position"):
        reason = st.text_input("Why (kept in the history)", key=f"position-{key}-retire-reason")
        if st.button("Retire position", key=f"position-{key}-retire", disabled=not reason.strip()):
            attempt(
                SLOT, lambda db: retire_position(db, editor, key, version, reason.strip()),
                "Retired. Revert the change below to bring it back.",
            )  # fmt: skip


def _history(vote_key: str, editor: Editor) -> None:
    st.subheader("History of the positions")

    def revert(db: EditSession, change: int, restore: bool) -> object:
        target = next(e for e in position_history(db, vote_key) if e.id == change)
        _, version, _ = position_as_edit(db, target.record_key)
        # Checked against the version this editor loaded if it is the one they have open,
        # otherwise against the version the history was drawn from just now.
        loaded = st.session_state.get(SLOT)
        if isinstance(loaded, tuple) and loaded[0] == target.record_key:
            version = loaded[1]
        return revert_position(db, editor, change, version, restore=restore)

    # Each position's form widgets start with its key, and its key with the vote's.
    history_with_revert(
        SLOT, f"positions-{vote_key}", lambda db: position_history(db, vote_key),
        "No edits yet: the positions are as imported.", position_revert_plan, revert,
        f"position-{vote_key}|",
    )  # fmt: skip
