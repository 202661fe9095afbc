"""A record's edit history for editors, and reverting a change: the history table (who,
when, each field old → new) and the revert panel — undo only this change, or restore to
before it — that shows exactly what would be written before anything is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from policytrack.edits.audit import Change
from policytrack.edits.refusals import NotFound
from policytrack.edits.reverts import FieldChange, RevertPlan, RevertRefused, changed, field_words
from policytrack.edits.transactions import EditSession

from components.edit_state import attempt, notice, session
from components.links import escape_markdown
from components.outside_text import HOVER, cap, shown, shown_table

VALUE = st.column_config.TextColumn  # values are long: each gets a medium column
HISTORY_COLUMNS: dict[str, Any] = {
    "change": "Change", "when": "When", "who": "Who", "what": "What", "field": "Field",
    "old": VALUE("Old", width="medium"), "new": VALUE("New", width="medium"), "note": "Note",
}  # fmt: skip
PLAN_COLUMNS: dict[str, Any] = {
    "field": "Field", "now": VALUE("Now", width="medium"),
    "after": VALUE("After the revert", width="medium"),
}  # fmt: skip


def history_table(entries: list[Change]) -> None:
    """Who changed what when, each field old → new (values as table cells: text, never
    markdown; long ones cut at a few hundred characters)."""
    rows = []
    for entry in entries:
        fields: list[FieldChange | None] = [*changed(entry)] or [None]
        for change in fields:
            rows.append({
                "change": entry.id, "when": entry.at.strftime("%Y-%m-%d %H:%M UTC"),
                "who": entry.user_name, "what": entry.action,
                "field": field_words(change.field) if change else "(the whole record)",
                "old": _value(change.old) if change else "—",
                "new": _value(change.new) if change else _added(entry),
                "note": entry.note or "",
            })  # fmt: skip
    st.dataframe(shown_table(pd.DataFrame(rows)), hide_index=True, column_config=HISTORY_COLUMNS)


def _value(value: Any) -> str:
    """A stored value as a table cell shows it."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return cap("; ".join(str(v) for v in value), HOVER)
    return cap(str(value), HOVER)


def _added(entry: Change) -> str:
    return "added" if entry.before is None else "no field changed"


UNDO = "Undo only this change (later changes stay)"
RESTORE = "Restore to how it was before this change (undoes later changes too)"
Planner = Callable[[EditSession, int, bool], RevertPlan]
Reverter = Callable[[EditSession, int, bool], object]


def revert_panel(
    slot: str,
    key: str,
    entries: list[Change],
    preview: Planner,
    revert: Reverter,
    widget_prefix: str,
) -> None:
    """Pick a change, choose to undo only it or to restore to before it, see exactly what
    would be written (each field: now → after), then do it. The page then reruns, so the
    history and the form (`slot`, its widgets under `widget_prefix`) show the record as it
    is. `key` names this panel's widgets."""
    notice(key)
    if not entries:
        return
    described = {e.id: _described(e) for e in entries}
    choice = st.selectbox(
        "Change to revert", list(described), key=f"{key}-revert-pick",
        format_func=lambda i: described.get(i, str(i)),
    )  # fmt: skip
    how = st.radio("How", [UNDO, RESTORE], key=f"{key}-revert-how", horizontal=True)
    if choice is None:
        return
    restore = how == RESTORE
    try:
        with session() as db:
            found = preview(db, int(choice), restore)
    except (RevertRefused, NotFound) as error:
        st.info(escape_markdown(error))
        return
    _show_plan(found)
    label = f"Restore to before change {choice}" if restore else f"Undo change {choice}"
    if st.button(label, key=f"{key}-revert", disabled=found.refusal is not None):
        change = int(choice)
        attempt(
            slot, lambda db: revert(db, change, restore), _done(found),
            clear=widget_prefix, tell=key,
        )  # fmt: skip


def _described(entry: Change) -> str:
    fields = ", ".join(field_words(c.field) for c in changed(entry)) or entry.action
    when = entry.at.strftime("%Y-%m-%d %H:%M")
    return shown(f"Change {entry.id} · {when} · {entry.user_name} · {entry.action}: {fields}")


def _show_plan(found: RevertPlan) -> None:
    """What the revert writes, field by field, or why it cannot be done."""
    if found.refusal:
        st.warning(escape_markdown(found.refusal), icon=":material/block:")
        return
    if found.restore and len(found.undoes) > 1:
        later = ", ".join(str(i) for i in found.undoes[1:])
        st.caption(f"This also undoes the later changes {later}.")
    st.caption("What will be written:")
    rows = [
        {"field": field_words(w.field), "now": _value(w.old), "after": _value(w.new)}
        for w in found.writes
    ]
    st.dataframe(shown_table(pd.DataFrame(rows)), hide_index=True, column_config=PLAN_COLUMNS)


def _done(found: RevertPlan) -> str:
    if found.restore:
        return f"Restored to before change {found.change}."
    return f"Change {found.change} undone; later changes kept."
