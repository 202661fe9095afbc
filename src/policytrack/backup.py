"""`export all` / `import all`: every table, history included, to a folder of JSON Lines and
back into an empty database — so a team can move between SQLite and PostgreSQL, or restore.

Rows keep their ids, so links, sightings and audit entries come back exactly; the schema
revision is recorded and must match on import; the import is one transaction. Every row is
checked with the import's rules first (`backup_rules`): a damaged or tampered export writes
nothing. Accounts come back only when asked: an export holding accounts is refused until the
person restoring says whether to restore them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import SQLModel

import policytrack.models  # noqa: F401  (registers every table on SQLModel.metadata)
from policytrack import migrations
from policytrack.backup_rules import RestoreChecker
from policytrack.db import session_scope
from policytrack.derived import refresh_all
from policytrack.ingest.problems import ImportRefused

MANIFEST = "manifest.json"
ACCOUNTS = "app_user"  # the table of accounts (names, roles, password hashes)
BATCH = 5000
Progress = Callable[[str, int], None]


class BackupError(ValueError):
    """The folder or the target database cannot take part in a restore, and why."""


def _table(name: str) -> sa.Table:
    return SQLModel.metadata.tables[name]


def _tables() -> list[sa.Table]:
    # Parents before children; the data version counter is bookkeeping, not a record.
    return [t for t in SQLModel.metadata.sorted_tables if t.name != "data_version"]


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _rows(engine: Engine, table: sa.Table) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns)
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True).execute(
            sa.select(table).order_by(*order)
        )
        for row in result.mappings():
            yield {key: _json_value(value) for key, value in row.items()}


def export_all(engine: Engine, folder: Path, progress: Progress | None = None) -> dict[str, int]:
    """Write every table to `folder/<table>.jsonl` and a manifest; return row counts."""
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in _tables():
        with (folder / f"{table.name}.jsonl").open("w", encoding="utf-8") as handle:
            count = 0
            for row in _rows(engine, table):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        counts[table.name] = count
        if progress:
            progress(table.name, count)
    manifest = {"revision": migrations.current_revision(engine), "tables": counts}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def _parse(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    parsed = dict(row)
    for column in table.columns:
        value = parsed.get(column.name)
        if value is None or not isinstance(value, str):
            continue
        kind = getattr(column.type, "impl", column.type)  # see through TypeDecorators
        if isinstance(kind, sa.DateTime):
            parsed[column.name] = dt.datetime.fromisoformat(value)
        elif isinstance(kind, sa.Date):
            parsed[column.name] = dt.date.fromisoformat(value)
    return parsed


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError):
        manifest = None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        raise BackupError(f"{path.name} is damaged: not the manifest `export all` writes")
    return manifest


def _read_row(table: sa.Table, path: Path, line: int, text: str) -> dict[str, Any]:
    """One exported row, or BackupError naming the file, the line and what is wrong."""
    try:
        row = json.loads(text)
    except RecursionError:
        raise BackupError(f"{path.name} line {line}: nested too deeply to be a row") from None
    except ValueError as error:
        raise BackupError(f"{path.name} line {line}: not JSON ({error})") from None
    if not isinstance(row, dict):
        raise BackupError(f"{path.name} line {line}: a row must be a JSON object")
    try:
        return _parse(table, row)
    except ValueError as error:
        raise BackupError(f"{path.name} line {line}: {error}") from None


def _check_revision(engine: Engine, manifest: dict[str, Any]) -> None:
    revision = migrations.current_revision(engine)
    if revision != manifest.get("revision"):
        raise BackupError(
            f"the export is at schema revision {manifest.get('revision')!r} but the database is "
            f"at {revision!r}: run `policytrack db upgrade` on both first"
        )


def _check_empty(connection: sa.Connection) -> None:
    for table in _tables():
        if connection.execute(sa.select(sa.func.count()).select_from(table)).scalar():
            raise BackupError(f"the database is not empty (table {table.name} has rows)")


def import_all(
    engine: Engine,
    folder: Path,
    progress: Progress | None = None,
    accounts: bool | None = None,
) -> dict[str, int]:
    """Load an `export all` folder into an empty database at the same schema revision.

    Every row is checked first (ImportRefused lists each problem; nothing is written).
    `accounts`: True restores the export's accounts, False leaves them out; None refuses an
    export that holds any (BackupError names them), so that no account arrives unasked."""
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{folder} has no {MANIFEST}: not an `export all` folder")
    manifest = _read_manifest(manifest_path)
    _check_revision(engine, manifest)
    if accounts is None:
        _refuse_unasked_accounts(folder / f"{ACCOUNTS}.jsonl")
    checker = RestoreChecker()
    counts: dict[str, int] = {}
    # One write transaction that waits its turn behind any other writer (an import, an
    # editor's save, another restore), as every other write does.
    with session_scope(engine) as session:
        connection = session.connection()
        _check_empty(connection)
        for table in _tables():
            if table.name == ACCOUNTS and not accounts:
                continue
            path = folder / f"{table.name}.jsonl"
            counts[table.name] = _load_table(connection, table, path, checker)
            if progress:
                progress(table.name, counts[table.name])
        problems = checker.finish()
        if problems:
            raise ImportRefused(problems)  # leaving the block rolls every row back
        if connection.dialect.name == "postgresql":
            _reset_sequences(connection)
        refresh_all(connection)  # an older export may lack them; rows came without the ORM
    expected = {k: v for k, v in manifest["tables"].items() if accounts or k != ACCOUNTS}
    if counts != expected:
        raise BackupError(f"row counts differ from the manifest: {counts} vs {expected}")
    return counts


def _refuse_unasked_accounts(path: Path) -> None:
    """BackupError naming the export's accounts, if it holds any."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        users = [
            _read_row(_table(ACCOUNTS), path, line, text)
            for line, text in enumerate(handle, start=1)
            if text.strip()
        ]
    if users:
        named = ", ".join(f"{u.get('name')!r} ({u.get('role')})" for u in users)
        raise BackupError(
            f"the export holds {len(users)} account(s): {named}. Restore them with "
            "--with-accounts, or leave them out with --without-accounts"
        )


def _load_table(
    connection: sa.Connection, table: sa.Table, path: Path, checker: RestoreChecker
) -> int:
    if not path.exists():
        raise BackupError(f"{path.name} is missing from the export")
    count, batch = 0, []
    with path.open(encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            row = _read_row(table, path, line, text)
            checker.row(table.name, line, row)
            batch.append(row)
            if len(batch) >= BATCH:
                connection.execute(table.insert(), batch)
                count, batch = count + len(batch), []
    if batch:
        connection.execute(table.insert(), batch)
        count += len(batch)
    return count


def _reset_sequences(connection: sa.Connection) -> None:
    """Rows came with their ids: move each id sequence past the largest."""
    for table in _tables():
        if "id" not in table.columns or not table.columns["id"].autoincrement:
            continue
        # Table names come from our own metadata, never from input.
        statement = (
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
        )
        connection.execute(sa.text(statement))
