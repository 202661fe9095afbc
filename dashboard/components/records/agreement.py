"""An agreement's record: agency, dates, status, MOA, sources, its history on ICE's lists,
positions and the votes linked to it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from policytrack.queries.record import AgreementRecord

from components.add_vote import add_vote_prompt
from components.downloads import labelled
from components.links import escape_markdown as escaped
from components.links import is_http, markdown_link, record_link
from components.outside_text import HEADING, shown, shown_table
from components.records.common import HOW_LINKED, capped, facts, positions, record_table, sources
from components.style import label


def history_tables(agreement: AgreementRecord) -> None:
    """What changed between lists, and how each list printed the agreement."""
    st.subheader("History on ICE's lists")
    history = pd.DataFrame(list(agreement.history))
    if history.empty:
        st.caption("No change recorded.")
    else:
        st.dataframe(
            shown_table(labelled(history)),
            hide_index=True,
            column_config={"as_of": "List date", "list_kind": "List", "change": "Change"}
            | {"before": "Before", "after": "After"},
        )
    st.subheader("How each list printed it")
    sightings = pd.DataFrame(list(agreement.sightings))
    if sightings.empty:
        st.caption("Not seen on any loaded list.")
        return
    st.dataframe(
        shown_table(labelled(sightings.drop(columns=["moa_url"]))),
        hide_index=True,
        column_config={"as_of": "List date", "list_kind": "List", "file_name": "File", "row": "Row"}
        | {"agency": "Agency (as printed)", "agency_type": "Type", "county": "County"}
        | {"model_text": "Model (as printed)", "signed_text": "Signed (as printed)"},
    )


def signed(agreement: AgreementRecord) -> str | None:
    """The signing date, or why there is none: pending, or printed unreadably by ICE."""
    if agreement.signed_on:
        return str(agreement.signed_on)
    printed = [s.signed_text for s in agreement.sightings if s.signed_text]
    if printed:
        return f"not readable on ICE's list (printed “{printed[-1]}”)"
    return "not signed yet" if agreement.status == "pending" else None


def show_agreement(agreement: AgreementRecord) -> None:
    """The whole agreement record."""
    st.title(escaped(agreement.agency, HEADING))
    st.caption(f"287(g) agreement · {label(agreement.model)}")
    if agreement.jurisdiction_ocd_id:
        name = agreement.jurisdiction
        record_link("jurisdiction", agreement.jurisdiction_ocd_id, f"Jurisdiction: {name}")
    else:
        st.caption("The agency is not placed in a jurisdiction (see the import report).")
    facts(
        [
            ("Status", label(agreement.status)),
            ("Signed", signed(agreement)),
            ("List", label(agreement.list_kind)),
            ("Agency type", agreement.agency_type),
            ("First seen", agreement.first_seen),
            ("Last seen", agreement.last_seen),
            ("State", agreement.state),
            ("287(g) model", label(agreement.model)),
        ]
    )
    st.subheader("Memorandum of agreement")
    if agreement.moa_url and is_http(agreement.moa_url):
        st.markdown(markdown_link(agreement.moa_url, "MOA on ice.gov (PDF)"))
    else:
        st.caption("ICE's list gives no MOA link for this agreement.")
    if agreement.notes:
        st.text(shown(agreement.notes))
    st.subheader("Sources")
    sources(agreement.sources, shown_above=(str(agreement.moa_url or ""),))
    history_tables(agreement)
    if agreement.positions:
        positions(agreement.positions)
    st.subheader("Votes on this agreement")
    votes = capped(agreement.votes, "votes")
    if votes.empty:
        st.caption(
            "No recorded vote is linked to this agreement (many were signed by a sheriff alone)."
        )
        add_vote_prompt()  # editors only
        return
    votes["agreement_link"] = votes["agreement_link"].map(lambda v: HOW_LINKED.get(v or "", ""))
    columns = {"vote_date": "Date", "jurisdiction": "Jurisdiction", "body": "Body"}
    what = {"action": "Action", "outcome": "Outcome", "agreement_link": "Link"}
    record_table(votes, "vote", columns | what)
