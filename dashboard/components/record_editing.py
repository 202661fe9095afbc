"""What every record's edit form shares (votes, positions, stakeholders, sources, links):
load the record as this editor first saw it, show its history with revert, and the form
that adds a new one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from policytrack.edits.audit import Change
from policytrack.edits.refusals import NotFound
from policytrack.edits.transactions import EditSession

from components.change_history import Planner, Reverter, history_table, revert_panel
from components.edit_state import attempt, first_loaded, not_found, notice, session

T = TypeVar("T")


def load_for_edit(slot: str, key: str, read: Callable[[EditSession], T]) -> T | None:
    """Record `key` as this editor first loaded it (`first_loaded`), read by `read`; None,
    said on the page, if there is no such record."""
    try:
        with session() as db:
            current = read(db)
    except NotFound as error:
        not_found(error)
        return None
    return first_loaded(slot, key, current)


def history_with_revert(
    slot: str,
    panel: str,
    read: Callable[[EditSession], list[Change]],
    empty: str,
    preview: Planner,
    revert: Reverter,
    widget_prefix: str,
) -> list[Change]:
    """The record's changes (`read`), or `empty` said when there are none, then the revert
    panel (`change_history.revert_panel`) over them; returns the changes shown."""
    with session() as db:
        entries = read(db)
    if not entries:
        st.caption(empty)
    else:
        history_table(entries)
    revert_panel(slot, panel, entries, preview, revert, widget_prefix)
    return entries


def add_form(
    slot: str,
    form: str,
    title: str,
    button: str,
    fields: Callable[[str, str], dict[str, Any]],
    add: Callable[[EditSession, dict[str, Any]], object],
) -> None:
    """The form `form` that adds a record: what became of the last try (`slot`), the fields
    (`fields(slot, form)` draws them and returns their values), and `add` run on submit."""
    notice(slot)
    with st.form(form):
        st.subheader(title)
        values = fields(slot, form)
        submitted = st.form_submit_button(button, type="primary")
    if submitted:
        attempt(slot, lambda db: add(db, values), "Added.", clear=form)
