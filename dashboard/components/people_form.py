"""People for editors: the people of a place's roll calls, the printings read as one person
automatically (and those left apart as doubtful), and merge / split with their history. A
person's page links here; every decision is audited and undone by the opposite one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from policytrack.auth import Editor
from policytrack.edits.people import merge_people, person_history, split_person
from policytrack.queries import people

import data
from components.change_history import history_table
from components.edit_state import attempt, field_error, notice, session
from components.outside_text import shown, shown_table

SLOT = "edit-people"


def people_panel(editor: Editor) -> None:
    """Pick a place; see its people; merge two of them or split one."""
    st.subheader("Who is one person")
    st.caption(
        "Printings of a name in one place's roll calls and positions are read as one person "
        "only when it is the only reading (same last name, first names that fit, nobody else "
        "they could be). Merge or split here; your decision is kept and audited."
    )
    notice(SLOT)
    places = data.query(people.places_with_people)
    place = st.selectbox(
        "Place", list(places), index=None, key="people-place", placeholder="Pick a place",
        format_func=lambda k: shown(places.get(k, k)),
    )  # fmt: skip
    if place is None:
        _merges_everywhere()
        return
    found = data.query(people.people_of_place, place_ocd_id=place)
    columns = {"key": "Person", "name": "Name", "printed": "Printed as"}
    st.dataframe(shown_table(found.people), hide_index=True, column_config=columns)
    if found.doubtful:
        st.caption("Left apart — each could be more than one person:")
        for printed, others in found.doubtful:
            st.text(shown(f"{printed}  ↔  {others}"))
    names = dict(zip(found.people["key"], found.people["name"], strict=True))
    _merge_form(editor, names)
    _split_form(editor, found.people)
    _history(names)


def _merges_everywhere() -> None:
    merged = data.query(people.merged_people)
    st.caption(f"People read from more than one printing, or decided by an editor: {len(merged)}")
    st.dataframe(shown_table(merged), hide_index=True)


def _merge_form(editor: Editor, names: dict[str, str]) -> None:
    with st.form("people-merge"):
        st.markdown("**Merge two people** (the first keeps its page)")
        keep = st.selectbox("Keep", list(names), index=None, key="people-keep",
                            format_func=lambda k: shown(names[k]))  # fmt: skip
        other = st.selectbox("Merge into it", list(names), index=None, key="people-other",
                             format_func=lambda k: shown(names[k]))  # fmt: skip
        field_error(SLOT, "other")
        note = st.text_input("Why (shown in the history)", key="people-merge-note")
        submitted = st.form_submit_button("Merge", type="primary")
    if submitted and keep and other:
        attempt(SLOT, lambda db: merge_people(db, editor, keep, other, note or None),
                f"Merged {names[other]} into {names[keep]}.")  # fmt: skip


def _split_form(editor: Editor, people: pd.DataFrame) -> None:
    several = people[people["printed"].str.contains(" · ", regex=False)]
    if several.empty:
        return
    printed = dict(zip(several["key"], several["printed"], strict=True))
    st.markdown("**Split printings off** into a person of their own")
    key = st.selectbox("Person", list(printed), index=None, key="people-split-person",
                       format_func=lambda k: shown(printed[k]))  # fmt: skip
    if key is None:
        return
    with st.form("people-split"):
        moving = st.multiselect("Printings to split off", printed[key].split(" · "),
                                key="people-split-names", format_func=shown)  # fmt: skip
        field_error(SLOT, "printed")
        note = st.text_input("Why (shown in the history)", key="people-split-note")
        submitted = st.form_submit_button("Split")
    if submitted:
        attempt(SLOT, lambda db: split_person(db, editor, key, moving, note or None),
                f"Split {', '.join(moving)} off.")  # fmt: skip


def _history(names: dict[str, str]) -> None:
    with session() as db:
        entries = [e for key in names for e in person_history(db, key)]
    if entries:
        st.markdown("**Merges and splits here**")
        history_table(sorted(entries, key=lambda e: -(e.id or 0)))
