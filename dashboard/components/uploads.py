"""Uploads from the browser: votes (CSV, JSON incl. Open Civic Data, XLSX) and ICE lists
(XLSX, CSV) through the CLI's importers — preview first with every problem by row and field,
then commit all or nothing, with progress. The size limit is `server.maxUploadSize`."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from policytrack.auth import Editor
from policytrack.geo import load_gazetteer
from policytrack.ingest.ice_list import read_ice_list
from policytrack.ingest.pipeline import validate_votes
from policytrack.ingest.problems import ImportRefused, Problem
from policytrack.ingest.tables import read_table
from policytrack.services import import_list_file, import_votes_file

import data

KINDS = ("Votes", "ICE 287(g) list")


def _saved(upload: object) -> Path:
    """The upload as a file with its own name (importers read names for dates and formats)."""
    folder = Path(tempfile.mkdtemp(prefix="policytrack-upload-"))
    name = Path(str(getattr(upload, "name", "upload"))).name
    path = folder / name
    path.write_bytes(upload.getvalue())  # type: ignore[attr-defined]
    return path


def problem_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table a person can work through (file, row, field, value, rule)."""
    return pd.DataFrame(
        [
            {"file": p.file, "row": p.row, "field": p.field, "value": p.value,
             "rule": p.rule, "severity": p.severity}
            for p in problems
        ],
        columns=["file", "row", "field", "value", "rule", "severity"],
    )  # fmt: skip


def _preview_votes(path: Path) -> pd.DataFrame:
    votes = validate_votes(read_table(path), load_gazetteer(), dt.date.today())
    return pd.DataFrame(
        [
            {"key": v.key, "state": v.state, "jurisdiction": v.jurisdiction.name, "body": v.body,
             "date": v.vote_date, "outcome": str(v.outcome), "yes": v.yes, "no": v.no,
             "warnings": "; ".join(v.warnings)}
            for v in votes
        ]
    )  # fmt: skip


def _preview_list(path: Path) -> pd.DataFrame:
    listed = read_ice_list(path, gazetteer=load_gazetteer())
    st.caption(f"{listed.kind} list as of {listed.as_of} (date from the {listed.as_of_source})")
    if listed.problems:
        st.dataframe(problem_table(listed.problems), hide_index=True)
    return pd.DataFrame(
        [
            {"row": r.row, "state": r.state, "agency": r.agency, "type": r.agency_type,
             "county": r.county, "model": str(r.model), "signed": r.signed_on,
             "flags": "; ".join(r.flags)}
            for r in listed.rows
        ]
    )  # fmt: skip


def upload_panel(editor: Editor) -> None:
    """Choose a file, see what it holds and what is wrong with it, then commit it."""
    kind = st.radio("What are you uploading?", KINDS, horizontal=True, key="upload-kind")
    types = ["csv", "json", "xlsx"] if kind == KINDS[0] else ["xlsx", "csv"]
    upload = st.file_uploader("File", type=types, key="upload-file")
    if upload is None:
        st.caption("Nothing is written until you press Import after the preview.")
        return
    path = _saved(upload)
    preview: Callable[[Path], pd.DataFrame] = _preview_votes if kind == KINDS[0] else _preview_list
    try:
        rows = preview(path)
    except ImportRefused as error:
        st.error(
            f"{len(error.problems)} problem(s): fix them and upload again. Nothing was written."
        )
        st.dataframe(problem_table(error.problems), hide_index=True)
        return
    st.write(f"{len(rows):,} rows ready to import.")
    st.dataframe(rows.head(500), hide_index=True)
    if st.button("Import", type="primary", key="upload-commit"):
        _commit(editor, kind, path)


def _commit(editor: Editor, kind: str, path: Path) -> None:
    bar = st.progress(0.0, text="Importing…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"Importing… {done:,} of {total:,}")

    engine = data.engine(data.database_url())
    try:
        if kind == KINDS[0]:
            summary = str(import_votes_file(engine, editor, path, progress))
        else:
            result = import_list_file(engine, editor, path, progress=progress)
            summary = "already imported" if result.already_imported else f"{result.how}"
    except ImportRefused as error:
        bar.empty()
        st.error("Import refused; nothing was written.")
        st.dataframe(problem_table(error.problems), hide_index=True)
        return
    bar.progress(1.0, text="Done")
    data.clear()
    st.success(f"Imported {path.name}: {summary}")
