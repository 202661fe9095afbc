"""An editor's upload of a whole file: the CLI's importers, all or nothing, with one audit
entry for the file (the records it changes are audited by the importer as the editor's)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from policytrack.auth import Editor, require
from policytrack.db import session_scope
from policytrack.edits import audit
from policytrack.geo import load_gazetteer
from policytrack.ingest.changes import ImportOptions
from policytrack.ingest.ice_list import IceList, read_ice_list
from policytrack.ingest.load import LoadReport
from policytrack.ingest.official_lists import ListImport, Progress, import_official_list
from policytrack.ingest.pipeline import import_votes


def import_votes_file(
    engine: Engine,
    editor: Editor | None,
    path: Path,
    progress: Progress | None = None,
    *,
    options: ImportOptions | None = None,
    expected: str | None = None,
) -> LoadReport:
    """An editor's upload of a votes file: the CLI's importer, all or nothing; the changes to
    existing records it makes (with `options.update`, and only as previewed: `expected`) are
    audited as the editor's."""
    who = require(editor)
    report = import_votes(engine, path, progress=progress, options=options, by=who,
                          expected=expected)  # fmt: skip
    _audit_import(engine, who, path.name, str(report))
    return report


def import_list_file(
    engine: Engine, editor: Editor | None, path: Path, pending: bool | None = None,
    progress: Progress | None = None,
) -> ListImport:  # fmt: skip
    """An editor's upload of an official list: the CLI's importer, all or nothing, audited."""
    who = require(editor)
    result = import_official_list(engine, path, pending=pending, progress=progress)
    summary = "already imported" if result.already_imported else f"{result.rows} rows: {result.how}"
    _audit_import(engine, who, path.name, summary)
    return result


def read_list_file(path: Path) -> IceList:
    """An uploaded official list as read, for its preview: its rows, date and problems,
    nothing written."""
    return read_ice_list(path, gazetteer=load_gazetteer())


def _audit_import(engine: Engine, editor: Editor, file_name: str, summary: str) -> None:
    with session_scope(engine) as session:
        audit.record(session, editor, "import", "file", file_name, 1, None, {"summary": summary})
