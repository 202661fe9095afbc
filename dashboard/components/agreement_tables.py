"""Tables of ICE agreements as the pages show them and as their files hold them (Data &
about's agreements, the Changes page's worklist): one set of columns, links to each
agreement's record, MOA links for http(s) URLs only, dates as ISO text in files."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from components.downloads import labelled, record_url
from components.links import http_only, record_href

LINK = st.column_config.LinkColumn
AGREEMENT_COLUMNS: dict[str, Any] = {
    "record": LINK("Record", display_text="Open"),
    "state": "State",
    "agency": "Agency",
    "jurisdiction": "Jurisdiction",
    "model": "287(g) model",
    "signed_on": "Signed",
    "status": "Status",
    "list_kind": "List",
    "first_seen": "First seen",
    "last_seen": "Last seen",
    "moa_url": LINK("MOA", display_text="MOA (PDF)"),
}
AGREEMENT_FILE_COLUMNS = (
    "key", "state", "agency", "agency_type", "jurisdiction", "ocd_id", "model", "signed_on",
    "status", "list_kind", "first_seen", "last_seen", "moa_url", "record",
)  # fmt: skip
DATES = ("signed_on", "first_seen", "last_seen")


def shown_columns(*left_out: str) -> dict[str, Any]:
    """The table's columns, without `left_out`."""
    return {k: v for k, v in AGREEMENT_COLUMNS.items() if k not in left_out}


def agreements_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Agreements as a table shows them: record links, labels, MOA links (http/https only)."""
    return labelled(frame).assign(
        record=[record_href("agreement", k) for k in frame["key"]],
        moa_url=http_only(frame["moa_url"]),
    )


def agreements_for_people(
    frame: pd.DataFrame, base: str, columns: tuple[str, ...] = AGREEMENT_FILE_COLUMNS
) -> pd.DataFrame:
    """One batch of agreements as the files hold them (`columns`, in that order)."""
    if frame.empty:
        return pd.DataFrame(columns=list(columns))
    dates = {c: frame[c].map(lambda d: d.isoformat() if pd.notna(d) else None)
             for c in DATES if c in frame.columns}  # fmt: skip
    people = labelled(frame).assign(
        **dates,
        moa_url=http_only(frame["moa_url"]),
        record=[record_url(base, "agreement", k) for k in frame["key"]],
    )
    return people[list(columns)]
