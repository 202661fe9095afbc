"""Uploads from the browser: votes (CSV, JSON incl. Open Civic Data, XLSX) and ICE lists
(XLSX, CSV) through the CLI's importers — preview first with every problem by row and field
and, for votes that exist already, every field the file would change (old → new); then
commit all or nothing, with progress. Changes to existing records need the editor's explicit
confirmation of the plan shown, and are audited as theirs. The size limit is
`server.maxUploadSize`."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st

from policytrack.auth import Editor
from policytrack.edits.imports import import_list_file, import_votes_file, read_list_file
from policytrack.edits.refusals import StaleEdit
from policytrack.edits.transactions import DatabaseBusy
from policytrack.ingest.pipeline import (
    ImportOptions,
    ImportPlan,
    PlanChanged,
    UnconfirmedChanges,
    plan_votes,
)
from policytrack.ingest.problems import ImportRefused, Problem

import data
from components import edit_state
from components.links import escape_markdown

KINDS = ("Votes", "ICE 287(g) list")
DONE = "upload-done"  # what the last import did, shown after the rerun that follows it


@contextmanager
def saved(upload: object) -> Iterator[Path]:
    """The upload as a file with its own name (importers read names for dates and formats),
    in a folder removed when the block ends: every rerun saves it anew, nothing is left."""
    with tempfile.TemporaryDirectory(prefix="policytrack-upload-") as folder:
        path = Path(folder) / Path(str(getattr(upload, "name", "upload"))).name
        path.write_bytes(upload.getvalue())  # type: ignore[attr-defined]
        yield path


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


def change_table(plan: ImportPlan) -> pd.DataFrame:
    """Every field an import would change, one row each: record, row, field, the change in
    short, then the whole value now and after the import."""
    return pd.DataFrame(
        [
            {"record": f"{c.record_type} {c.key}", "row": c.row, "field": f.field,
             "change": f.detail or f"{_short(f.old)} → {_short(f.new)}",
             "now": f.old, "after import": f.new}
            for c in plan.changes
            for f in c.fields
        ],
        columns=["record", "row", "field", "change", "now", "after import"],
    )  # fmt: skip


def _short(value: str) -> str:
    if not value:
        return "(blank)"
    return value if len(value) <= 40 else value[:39] + "…"


def _new_votes(plan: ImportPlan) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"key": v.key, "state": v.state, "jurisdiction": v.jurisdiction.name, "body": v.body,
             "date": v.vote_date, "outcome": str(v.outcome), "yes": v.yes, "no": v.no,
             "warnings": "; ".join(v.warnings)}
            for v in plan.new_votes
        ]
    )  # fmt: skip


def _preview_list(path: Path) -> pd.DataFrame:
    listed = read_list_file(path)
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
    """Choose a file, see what it holds, what is wrong with it and what it would change,
    then commit it."""
    kind = st.radio("What are you uploading?", KINDS, horizontal=True, key="upload-kind")
    types = ["csv", "json", "xlsx"] if kind == KINDS[0] else ["xlsx", "csv"]
    upload = st.file_uploader("File", type=types, key="upload-file")
    if upload is None:
        st.caption("Nothing is written until you press Import after the preview.")
        return
    with saved(upload) as path:
        if kind == KINDS[0]:
            _votes_panel(editor, path)
        else:
            _list_panel(editor, path)


def _refused(error: ImportRefused, heading: str) -> None:
    st.error(heading)
    st.dataframe(problem_table(error.problems), hide_index=True)


def _votes_panel(editor: Editor, path: Path) -> None:
    """Preview a votes file as a plan (new, unchanged, changed field by field), then import
    it; changes to existing votes only once the editor confirms this very plan."""
    st.caption("For votes that exist already, the file's roll calls and sources are added to "
               "the stored ones unless you choose otherwise:")  # fmt: skip
    options = ImportOptions(
        replace_roll_calls=st.checkbox("Replace stored roll calls with the file's",
                                       key="upload-replace-roll-call"),
        replace_sources=st.checkbox("Replace stored sources with the file's",
                                    key="upload-replace-sources"),
    )  # fmt: skip
    if DONE in st.session_state:
        st.success(escape_markdown(st.session_state.pop(DONE)))
    engine = data.engine(data.database_url())
    try:
        plan = plan_votes(engine, path, options)
    except ImportRefused as error:
        count = len(error.problems)
        _refused(error, f"{count} problem(s): fix them and upload again. Nothing was written.")
        return
    _show_plan(plan)
    if not (plan.new_votes or plan.needs_choice):
        st.info("Nothing to import: every vote in the file is stored as it says.")
        return
    key = f"upload-confirm-{plan.fingerprint()[:16]}"  # a new plan needs a new confirmation
    if any(k.startswith("upload-confirm-") and k != key and st.session_state[k]
           for k in st.session_state):  # fmt: skip
        st.info("The records changed since you confirmed: review the changes and confirm again.")
    confirmed = not plan.needs_choice or st.checkbox(_confirmation(plan), key=key)
    if st.button("Import", type="primary", key="upload-commit", disabled=not confirmed):
        _commit_votes(editor, path, ImportOptions(confirmed, *_replacing(options)), plan)


def _confirmation(plan: ImportPlan) -> str:
    words = []
    if plan.changes:
        words.append(f"Apply the {len(plan.changes)} change(s) listed above as my edits (each "
                     "is audited and can be reverted from the record's history)")  # fmt: skip
    if plan.conflicts:
        words.append("import despite the conflicts, keeping the stored stakeholders as they are")
    said = "; ".join(words)
    return said[0].upper() + said[1:]


def _replacing(options: ImportOptions) -> tuple[bool, bool]:
    return options.replace_roll_calls, options.replace_sources


def _show_plan(plan: ImportPlan) -> None:
    unchanged = plan.unchanged.get("vote_events", 0)
    st.write(f"{len(plan.new_votes):,} new vote(s), {unchanged:,} unchanged, "
             f"{len(plan.vote_updates):,} existing vote(s) would change.")  # fmt: skip
    if plan.new_votes:
        st.dataframe(_new_votes(plan).head(500), hide_index=True)
    if plan.changes:
        st.warning(
            f"{len(plan.changes)} record(s) that exist already would change. Review every "
            "field below: nothing is changed unless you confirm.",
            icon=":material/difference:",
        )
        st.dataframe(change_table(plan), hide_index=True)
    if plan.conflicts:
        st.warning("Conflicts that need your choice:", icon=":material/call_split:")
        st.dataframe(problem_table(plan.conflicts), hide_index=True)
    if plan.warnings:
        st.caption("Warnings (the stored records are kept as they are):")
        st.dataframe(problem_table(plan.warnings), hide_index=True)


def _busy(error: DatabaseBusy) -> None:
    """Another write held the database too long: nothing was written, the file stays."""
    st.warning(
        f"{escape_markdown(error)} Your file is still here: press Import again in a moment.",
        icon=":material/hourglass_disabled:",
    )


def _progress_bar() -> tuple[Callable[[int, int], None], Callable[[], object]]:
    bar = st.progress(0.0, text="Importing…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"Importing… {done:,} of {total:,}")

    return progress, bar.empty


def _commit_votes(editor: Editor, path: Path, options: ImportOptions, plan: ImportPlan) -> None:
    progress, clear = _progress_bar()
    engine = data.engine(data.database_url())
    try:
        with edit_state.waiting_shown():
            report = import_votes_file(engine, editor, path, progress, options=options,
                                       expected=plan.fingerprint())  # fmt: skip
    except DatabaseBusy as error:
        clear()
        _busy(error)
        return
    except ImportRefused as error:
        clear()
        _refused(error, "Import refused; nothing was written.")
        return
    except (PlanChanged, UnconfirmedChanges, StaleEdit) as error:
        clear()
        st.error(escape_markdown(f"Nothing was written: {error}"))
        return
    data.clear()
    # Plan again so that the preview shows the records as they are now; the confirmation
    # given was for the plan just written.
    for key in [k for k in st.session_state if str(k).startswith("upload-confirm-")]:
        del st.session_state[key]
    st.session_state[DONE] = f"Imported {path.name}: {report}"
    st.rerun()


def _list_panel(editor: Editor, path: Path) -> None:
    try:
        rows = _preview_list(path)
    except ImportRefused as error:
        count = len(error.problems)
        _refused(error, f"{count} problem(s): fix them and upload again. Nothing was written.")
        return
    st.write(f"{len(rows):,} rows ready to import.")
    st.dataframe(rows.head(500), hide_index=True)
    if not st.button("Import", type="primary", key="upload-commit"):
        return
    progress, clear = _progress_bar()
    engine = data.engine(data.database_url())
    try:
        with edit_state.waiting_shown():
            result = import_list_file(engine, editor, path, progress=progress)
    except DatabaseBusy as error:
        clear()
        _busy(error)
        return
    except ImportRefused as error:
        clear()
        _refused(error, "Import refused; nothing was written.")
        return
    data.clear()
    summary = "already imported" if result.already_imported else f"{result.how}"
    st.success(escape_markdown(f"Imported {path.name}: {summary}"))
