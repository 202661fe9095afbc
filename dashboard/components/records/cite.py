""" "Cite this" and the downloads of one record, the same on every record kind: the
permanent address, a citation in plain text, BibTeX and CSL-JSON (each copyable and
downloadable; written by `policytrack.citations`), and the record as JSON and as CSV."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import streamlit as st

from policytrack.citations import Citation, bibtex, csl_json, plain_text
from policytrack.export import to_csv
from policytrack.queries.options import data_as_of
from policytrack.queries.people import PersonRecord
from policytrack.queries.record import AgreementRecord, PlaceRecord, VoteRecord
from policytrack.queries.record.changed import last_changed
from policytrack.vocab import label

import data
from components.records.common import Record, plain


@dataclass(frozen=True, slots=True)
class CitationFormat:
    """One way of writing the citation: tab title, code language, file suffix and type."""

    title: str
    language: str | None
    suffix: str
    mime: str


FORMATS = (
    CitationFormat("Plain text", None, "txt", "text/plain"),
    CitationFormat("BibTeX", "latex", "bib", "application/x-bibtex"),
    CitationFormat("CSL-JSON", "json", "csl.json", "application/vnd.citationstyles.csl+json"),
)


def record_title(record: Record) -> str:
    """What the record is called in a citation (the page's heading, in words)."""
    if isinstance(record, VoteRecord):
        when = f" of {record.vote_date}" if record.vote_date else ""
        return f"{record.jurisdiction}, {record.state}: {record.body} vote{when}"
    if isinstance(record, PlaceRecord):
        return f"{record.name}, {record.state}"
    if isinstance(record, AgreementRecord):
        return f"{record.agency}: 287(g) agreement ({label(record.model)})"
    if isinstance(record, PersonRecord):
        return f"{record.name}, {record.place}, {record.state}"
    return record.name


def data_date() -> dt.date | None:
    """How current the data are: the newest vote or ICE list (as the footer says)."""
    found = data.query(data_as_of)
    known = [d for d in (found.latest_vote, found.list_as_of) if d is not None]
    return max(known) if known else None


def as_of(kind: str, key: str) -> dt.date | None:
    """The record's last change; where none is recorded, how current the data are."""
    changed = data.query(last_changed, kind, key)
    return changed if changed is not None else data_date()


def citation_of(record: Record, kind: str, key: str, url: str) -> Citation:
    """The citation of the record shown at `url`."""
    return Citation(
        kind=kind,
        key=key,
        title=record_title(record),
        as_of=as_of(kind, key),
        url=url,
        accessed=dt.date.today(),
    )


def file_stem(kind: str, key: str) -> str:
    """`policytrack-vote-fl-miami-2025-06-17`: a file name safe on every system."""
    return "policytrack-" + re.sub(r"[^A-Za-z0-9_-]+", "-", f"{kind}-{key}")


def cite_this(citation: Citation) -> None:
    """The permanent address and the citation in each format, copyable and downloadable."""
    st.subheader("Cite this record")
    st.caption("Permanent address of this record:")
    st.code(citation.url, language=None)
    texts = (plain_text(citation), bibtex(citation), csl_json(citation))
    stem = file_stem(citation.kind, citation.key)
    for tab, form, text in zip(st.tabs([f.title for f in FORMATS]), FORMATS, texts, strict=True):
        with tab:
            st.code(text, language=form.language, wrap_lines=True)
            st.download_button(
                f"Download ({form.title})", text, file_name=f"{stem}-citation.{form.suffix}",
                mime=form.mime, key=f"cite-{form.suffix}", icon=":material/download:",
                on_click="ignore",
            )  # fmt: skip
    as_of = citation.as_of.isoformat() if citation.as_of else "not recorded"
    st.caption(
        f"As of {as_of}: the day this record last changed here (where no change is recorded, "
        "the date of the newest vote or ICE list)."
    )


def csv_row(fields: dict[str, Any]) -> dict[str, Any]:
    """The record as one row: plain values as they are; lists and nested parts (its roll
    call, sources) as JSON text in their cell."""
    return {
        name: json.dumps(value, ensure_ascii=False, default=str)
        if isinstance(value, list | tuple | dict)
        else value
        for name, value in fields.items()
    }


def record_downloads(record: Record, kind: str, key: str) -> None:
    """The record as shown, as JSON (lists as arrays) and as CSV (one row)."""
    fields = plain(record)
    stem = file_stem(kind, key)
    row = st.container(horizontal=True)
    row.download_button(
        "Download this record (JSON)",
        lambda: json.dumps(fields, ensure_ascii=False, indent=2, default=str) + "\n",
        file_name=f"{stem}.json", mime="application/json", key="record-json",
        icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    row.download_button(
        "Download this record (CSV)",
        lambda: to_csv([csv_row(fields)], fields),
        file_name=f"{stem}.csv", mime="text/csv", key="record-csv",
        icon=":material/download:", on_click="ignore",
    )  # fmt: skip
