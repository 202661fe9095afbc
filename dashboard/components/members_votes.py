"""Compare's "how did the members vote": for each place compared, its members (people, as
read from the roll calls) down the side, its votes across (newest first), each cell the
member's vote — with a link to every member's page and a download."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from policytrack.queries import people
from policytrack.vocab import label

import data
from components.downloads import downloads
from components.links import record_href
from components.outside_text import shown, shown_table


def members_section(places: dict[str, str]) -> None:
    """`places`: shown name → OCD id of each place compared."""
    st.subheader("How did the members vote")
    st.caption(
        "Each place's members across its votes on record, newest first (names as one person "
        "per place: see a member's page for how their name was printed). A blank cell: no "
        "vote of theirs is on record there."
    )
    for name, ocd_id in places.items():
        table: pd.DataFrame = data.query(people.members_votes, place_ocd_id=ocd_id)
        with st.expander(shown(name), expanded=len(places) <= 3):
            if table.empty:
                st.caption("No roll call on record here.")
                continue
            _table(table, ocd_id)


def _table(table: pd.DataFrame, ocd_id: str) -> None:
    votes = [c for c in table.columns if c not in ("person_key", "member")]
    shown_votes = table.assign(
        record=[record_href("person", k) for k in table["person_key"]],
        **{v: table[v].map(lambda o: label(o) if o else "") for v in votes},
    )
    config: dict[str, Any] = {
        "record": st.column_config.LinkColumn("Page", display_text="Open"),
        "member": "Member",
        **{v: st.column_config.TextColumn(v) for v in votes},
    }
    st.dataframe(shown_table(shown_votes[["record", "member", *votes]]), hide_index=True,
                 column_config=config)  # fmt: skip
    downloads(lambda: table.drop(columns="person_key"), f"policytrack-members-{ocd_id[-40:]}",
              len(table), key=f"members-{ocd_id}")  # fmt: skip
