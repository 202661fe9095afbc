"""What every record shows alike: labelled facts, sources, tables of linked records, capped
lists, stakeholders' positions and the record's fields as plain values (for its downloads).
Text from the records is shown as text (st.text, table cells); markdown carries only our
own words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import pandas as pd
import streamlit as st

from policytrack.queries.people import PersonRecord, StakeholderRecord
from policytrack.queries.record import (
    AgreementRecord,
    Capped,
    PlaceRecord,
    PositionShown,
    SourceRef,
    VoteRecord,
)

from components.downloads import labelled
from components.links import is_http, markdown_link, record_href, record_link
from components.outside_text import shown, shown_table
from components.style import label

STANCES = ("support", "oppose", "mixed", "neutral")
STANCE_ICONS = {
    "support": ":material/thumb_up:",
    "oppose": ":material/thumb_down:",
    "mixed": ":material/balance:",
    "neutral": ":material/remove:",
}
Record = VoteRecord | PlaceRecord | AgreementRecord | PersonRecord | StakeholderRecord
HOW_LINKED = {
    "auto": "linked automatically: the only agreement of an agency there that fits the "
    "vote's 287(g) model and date",
    "manual": "linked by an editor",
}


def field(column: Any, name: str, value: object) -> None:
    """A labelled fact: our label as a caption, the value as text."""
    column.caption(name)
    column.text("not reported" if value in (None, "") else shown(value))


def facts(items: list[tuple[str, object]], per_row: int = 4) -> None:
    """Facts in a grid of columns (wraps on a phone)."""
    for start in range(0, len(items), per_row):
        columns = st.columns(per_row)
        for column, (name, value) in zip(columns, items[start : start + per_row], strict=False):
            field(column, name, value)


def sources(items: Sequence[SourceRef], shown_above: tuple[str, ...] = ()) -> None:
    """Each source once: a link (http/https only) with its title as text; or its citation as
    text. Sources already shown above (an agreement's MOA) are not listed again."""
    listed = [s for s in items if not s.url or s.url not in shown_above]
    unique = list({(s.url or s.key): s for s in listed}.values())
    if not items:
        st.text("No source recorded.")
    elif not unique:
        st.caption("Only the document shown above.")
    for source in unique:
        if source.url and is_http(source.url):
            st.markdown("- " + markdown_link(source.url))
        if source.title or source.citation:
            st.text(shown(source.citation or source.title))


def record_table(frame: pd.DataFrame, kind: str, columns: dict[str, Any]) -> None:
    """A table whose first column opens each row's record page (labels for codes)."""
    with_links = labelled(frame).assign(record=[record_href(kind, str(k)) for k in frame["key"]])
    config = {"record": st.column_config.LinkColumn("Record", display_text="Open")}
    st.dataframe(
        shown_table(with_links[["record", *columns]]),
        hide_index=True,
        column_config={**config, **columns},
    )


def capped(part: Capped[Any], noun: str) -> pd.DataFrame:
    """The rows of a capped list, with a caption when more exist than are shown."""
    frame = pd.DataFrame(list(part.rows))
    if part.total > len(frame):
        st.caption(f"The first {len(frame):,} of {part.total:,} {noun}.")
    return frame


def plain(record: Record) -> dict[str, Any]:
    """The record's fields in order, its tables (a person's votes) as lists of rows."""
    if not isinstance(record, PersonRecord | StakeholderRecord):
        return asdict(record)
    return {
        name: value.to_dict("records") if isinstance(value, pd.DataFrame) else value
        for name in record.__dataclass_fields__
        for value in [getattr(record, name)]
    }


def position_card(position: PositionShown) -> None:
    """One stakeholder's position: who, what they said (as text), and its sources."""
    with st.container(border=True):
        who = position.stakeholder
        if position.speaker:
            who += f" — {position.speaker}"
        if position.role:
            who += f" ({position.role})"
        st.text(shown(who))
        st.caption(label(position.stakeholder_kind))
        record_link(
            "stakeholder_key",
            position.stakeholder_key,
            f"All of {position.stakeholder}'s positions",
        )
        if position.summary:
            st.text(shown(position.summary))
        if position.quote:
            st.text(f"“{shown(position.quote)}”")
        sources(position.sources)


def positions(items: Sequence[PositionShown]) -> None:
    """Positions grouped by stance, each group titled in words (not colour alone)."""
    st.subheader("Who argued for and against")
    if not items:
        st.caption("No stakeholder positions are recorded for this record.")
        return
    for stance in STANCES:
        group = [p for p in items if p.stance == stance]
        if group:
            st.markdown(f"#### {STANCE_ICONS[stance]} {label(stance)} ({len(group)})")
            for position in group:
                position_card(position)


def vote_columns() -> dict[str, Any]:
    """Column headings of vote lists."""
    return {
        "vote_date": "Date",
        "body": "Body",
        "motion_text": st.column_config.TextColumn("Measure", width="large"),
        "action": "Action",
        "outcome": "Outcome",
        "yes": "Yes",
        "no": "No",
    }


def agreement_columns() -> dict[str, Any]:
    """Column headings of agreement lists."""
    return {
        "agency": "Agency",
        "model": "287(g) model",
        "status": "Status",
        "signed_on": "Signed",
        "first_seen": "First seen",
        "last_seen": "Last seen",
        "moa_url": st.column_config.LinkColumn("MOA", display_text="MOA (PDF)"),
    }
