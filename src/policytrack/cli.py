"""The `policytrack` command: set up the database, load and export records, serve the
dashboard. Every command works on `POLICYTRACK_DATABASE_URL` (default: embedded SQLite)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine
from sqlmodel import Session

from policytrack import export, migrations, queries
from policytrack.config import REPO_ROOT, describe_database, get_settings
from policytrack.db import make_engine
from policytrack.ingest.pipeline import import_dataset, import_votes, seed
from policytrack.ingest.problems import ImportRefused

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Create or upgrade the database schema.", no_args_is_help=True)
import_app = typer.Typer(help="Import records from files (all or nothing).", no_args_is_help=True)
export_app = typer.Typer(help="Export records.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")


class ExportFormat(StrEnum):
    """Formats `export votes` writes."""

    CSV = "csv"
    JSON = "json"


def _engine() -> Engine:
    return make_engine(get_settings().resolved_database_url)


def _where() -> str:
    return describe_database(get_settings().resolved_database_url)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr for long loads (silent for short ones)."""
    bar: typer.progressbar | None = None  # type: ignore[valid-type]
    shown = 0

    def update(done: int, total: int) -> None:
        nonlocal bar, shown
        if total < 200:
            return
        if bar is None:
            bar = typer.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - shown)
        shown = done

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _refused(error: ImportRefused) -> None:
    typer.echo(error.summary(), err=True)
    raise typer.Exit(code=1)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or upgrade the schema to the newest revision."""
    migrations.upgrade(get_settings().resolved_database_url)
    typer.echo(f"schema at revision {migrations.head_revision()}: {_where()}")


@app.command("seed")
def seed_command() -> None:
    """Load the bundled real dataset (idempotent: loading twice changes nothing)."""
    settings = get_settings()
    try:
        with _progress("loading bundled data") as progress:
            report = seed(_engine(), settings.seed_dir, progress=progress)
    except ImportRefused as error:
        _refused(error)
    typer.echo(f"bundled data loaded into {_where()}: {report}")


@import_app.command("votes")
def import_votes_command(
    file: Annotated[Path, typer.Argument(help="CSV or JSON of votes (see README, 'Votes').")],
) -> None:
    """Import votes; any bad row refuses the whole file, listing every problem."""
    try:
        with _progress(f"importing {file.name}") as progress:
            report = import_votes(_engine(), file, progress=progress)
    except ImportRefused as error:
        _refused(error)
    typer.echo(f"{file}: {report}")


@import_app.command("dataset")
def import_dataset_command(
    folder: Annotated[
        Path, typer.Argument(help="Folder with votes.csv, positions.csv, sources.csv")
    ],
) -> None:
    """Import a dataset folder shaped like data/seed (votes with positions and sources)."""
    try:
        with _progress(f"importing {folder}") as progress:
            report = import_dataset(_engine(), folder, progress=progress)
    except ImportRefused as error:
        _refused(error)
    typer.echo(f"{folder}: {report}")


@app.command("stats")
def stats_command(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
) -> None:
    """Counts of records in the database."""
    with Session(_engine()) as session:
        counts = queries.stats(session)
    if as_json:
        typer.echo(json.dumps(counts, sort_keys=True))
        return
    for name, value in counts.items():
        typer.echo(f"{name}: {value}")


@export_app.command("votes")
def export_votes_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="csv or json")] = ExportFormat.CSV,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default: stdout)")
    ] = None,
) -> None:
    """Every vote event with tally, roll call, positions and source URLs."""
    with Session(_engine()) as session:
        records = queries.vote_records(session)
    text = export.votes_csv(records) if fmt is ExportFormat.CSV else export.to_json(records)
    if output is None:
        sys.stdout.write(text)
        return
    output.write_text(text, encoding="utf-8")
    typer.echo(f"{len(records)} vote events written to {output}", err=True)


def prepare_database() -> str:
    """Upgrade the schema and load the bundled data when the database has no votes yet."""
    settings = get_settings()
    migrations.upgrade(settings.resolved_database_url)
    engine = _engine()
    with Session(engine) as session:
        empty = queries.stats(session)["vote_events"] == 0
    if empty:
        seed(engine, settings.seed_dir)
    return _where()


@app.command("serve")
def serve_command(
    port: Annotated[int, typer.Option(help="Port for the dashboard.")] = 8501,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
) -> None:
    """Start the dashboard (creating, migrating and seeding the database on first run)."""
    typer.echo(f"database: {prepare_database()}")
    script = REPO_ROOT / "dashboard" / "streamlit_app.py"
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", host,
    ]  # fmt: skip
    typer.echo(f"dashboard: http://{host}:{port}/")
    os.chdir(REPO_ROOT)  # Streamlit reads .streamlit/config.toml from the working directory
    os.execv(sys.executable, command)  # noqa: S606  (replace this process with Streamlit)


if __name__ == "__main__":
    app()
