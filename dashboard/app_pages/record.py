"""Record: one vote, jurisdiction, agreement, person or stakeholder at a permanent URL
(`?vote=KEY`, `?jurisdiction=OCD_ID`, `?agreement=KEY`, `?person=KEY`, `?stakeholder=KEY`),
every fact with its sources. Text from the
records is shown as text (st.text, table cells); markdown carries only our own words."""

from __future__ import annotations

import streamlit as st

from policytrack.queries.people import StakeholderRecord, person_record, stakeholder_record
from policytrack.queries.record import agreement_record, jurisdiction_record, vote_record

import data
from components.downloads import public_base, record_url
from components.footer import footer
from components.outside_text import shown
from components.people_records import show_person, show_stakeholder
from components.records.agreement import show_agreement
from components.records.cite import citation_of, cite_this, record_downloads
from components.records.common import Record
from components.records.place import show_jurisdiction
from components.records.vote import show_vote

# The URL's parameter names, in this order. A stakeholder's page is `stakeholder_key=KEY`:
# `stakeholder` is the shared filter, whose sidebar box rewrites that parameter on every
# rerun (a link carrying it would lose it); opened as a URL, `?stakeholder=NAME` shows the
# page too.
# An embed of one of the record's charts (components/embeds.py) keeps its parameters.
EMBED = ("embed", "embed_options", "only")
KINDS = ("vote", "jurisdiction", "agreement", "person", "stakeholder_key", "stakeholder")


def shown_record(kind: str, key: str) -> Record | None:
    """Read the record of this kind and key and show it; None (nothing shown) when there is
    no such record."""
    if kind == "vote":
        vote = data.query(vote_record, key)
        if vote is not None:
            show_vote(vote)
        return vote
    if kind == "jurisdiction":
        place = data.query(jurisdiction_record, key)
        if place is not None:
            show_jurisdiction(place)
        return place
    if kind == "person":
        person = data.query(person_record, key)
        if person is not None:
            show_person(person)
        return person
    if kind in ("stakeholder_key", "stakeholder"):
        holder = data.query(stakeholder_record, key)
        if holder is not None:
            show_stakeholder(holder)
        return holder
    agreement = data.query(agreement_record, key)
    if agreement is not None:
        show_agreement(agreement)
    return agreement


def permanent_url(kind: str, key: str) -> str:
    """The full address of a record page (the public URL when configured)."""
    return record_url(public_base(), kind, key)


def cited_as(kind: str, key: str, record: Record) -> tuple[str, str]:
    """The kind and key of the record's own address: a stakeholder opened by name
    (`?stakeholder=NAME`, the shared filter's parameter, which the page cannot rewrite) is
    at `stakeholder_key=KEY`."""
    if isinstance(record, StakeholderRecord):
        return "stakeholder_key", record.key
    return kind, key


def requested() -> tuple[str, str] | None:
    """Which record the URL asks for: (kind, key), or None."""
    for kind in KINDS:
        key = st.query_params.get(kind)
        if key and key.strip():
            return kind, key.strip()
    return None


def keep_address(kind: str, key: str) -> None:
    """Make the browser's address this record's: a link from one record to another (a
    member's page from a roll call) reruns this page without changing the address bar, which
    would then still name the record it came from."""
    kept = {name: st.query_params.get_all(name) for name in EMBED if name in st.query_params}
    st.query_params.from_dict({kind: key, **kept})


def no_record() -> None:
    """What to do when the URL names no record."""
    st.title("Record")
    st.info(
        "Each vote, jurisdiction, agreement, person and stakeholder has a page of its own with "
        "every fact and its sources. Open one from the tables on **Data & about** (the *Open* "
        "links), or use a permanent address such as `record?vote=fl-miami-2025-06-17`."
    )
    st.page_link("app_pages/data.py", label="Go to Data & about", icon=":material/table:")


def main() -> None:
    """Find the record named in the URL and show it, or say plainly that it does not exist."""
    asked = requested()
    if asked is None:
        no_record()
        return
    kind, key = asked
    record = shown_record(kind, key)
    if record is None:
        st.title("No such record")
        st.error(f"There is no {kind} with this key:", icon=":material/search_off:")
        st.text(shown(key))
        st.caption("Check the address, or find the record from the tables on Data & about.")
        st.page_link("app_pages/data.py", label="Go to Data & about", icon=":material/table:")
        return
    kind, key = cited_as(kind, key, record)
    keep_address(kind, key)
    st.divider()
    record_downloads(record, kind, key)
    cite_this(citation_of(record, kind, key, permanent_url(kind, key)))
    footer()


main()
