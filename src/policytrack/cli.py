"""The `policytrack` command: set up the database, load and export records, serve the
dashboard. Every command works on `POLICYTRACK_DATABASE_URL` (default: embedded SQLite)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from sqlalchemy import Engine
from sqlmodel import Session
from typer.core import TyperGroup
from typer.exceptions import TyperException

from policytrack import export, migrations, queries
from policytrack.auth import AuthError, Editor, add_user, unlock
from policytrack.backup import BackupError, export_all, import_all
from policytrack.config import REPO_ROOT, describe_database, get_settings
from policytrack.db import make_engine, session_scope, waiting
from policytrack.edits.place_lookups import review_place_lookup
from policytrack.edits.refusals import InvalidEdit, NotFound, StaleEdit
from policytrack.failures import describe
from policytrack.feed import atom_feed, public_base, record_url
from policytrack.filters import Filters
from policytrack.geo import load_gazetteer
from policytrack.geo.lookups import ACCEPTED, REJECTED
from policytrack.ingest.ice_sync import SyncFailed, sync_ice
from policytrack.ingest.links import LinkError, link
from policytrack.ingest.load import LoadReport
from policytrack.ingest.official_lists import ICE_287G_PAGE, import_official_list
from policytrack.ingest.pipeline import (
    ImportOptions,
    SeedReport,
    UnconfirmedChanges,
    import_dataset,
    import_votes,
    seed,
)
from policytrack.ingest.plan import ImportPlan, describe_plan
from policytrack.ingest.problems import ImportRefused
from policytrack.ocd_export import votes_to_ocd_json
from policytrack.queries.changes import change_list, list_counts
from policytrack.queries.place_lookups import place_lookups
from policytrack.reports import describe_change, describe_list_import


class _Commands(TyperGroup):
    """The command group: a write that must wait for another says so; a failure a user can
    meet (an unreachable, missing, read-only, full or never upgraded database, a refused
    file) ends as one line on stderr and exit status 1, never a traceback."""

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click Context
        # psycopg logs a warning ("error ignored terminating <Pipeline …>") while it closes
        # a connection whose batch a refused row aborted: the failure is already said in
        # one line below, so that second, garbled line must not reach stderr.
        logging.getLogger("psycopg").setLevel(logging.ERROR)
        try:
            with waiting(_WaitTold()):
                return super().invoke(ctx)
        except ImportRefused as error:
            _refused(error)
        except BrokenPipeError:  # `policytrack export votes | head`: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(code=1) from None
        except (TyperException, typer.Exit, typer.Abort):
            raise
        except Exception as error:
            line = describe(error, _where())
            if line is None:
                raise  # a bug: its traceback is what a report needs
            typer.echo(f"policytrack: {line}", err=True)
            raise typer.Exit(code=1) from None


class _WaitTold:
    """Says on stderr that a write waits for another: at once, then every half minute."""

    def __init__(self) -> None:
        self.next_at = 0.0

    def __call__(self, waited: float) -> None:
        if waited < self.next_at:
            return
        if self.next_at == 0:
            typer.echo(
                "waiting for another write to finish (an import or an editor's save); "
                "nothing written yet (Ctrl-C stops)",
                err=True,
            )
        else:
            typer.echo(f"waiting for another write to finish: {waited:.0f} s so far", err=True)
        self.next_at = waited + 30


app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False, cls=_Commands)
db_app = typer.Typer(help="Create or upgrade the database schema.", no_args_is_help=True)
import_app = typer.Typer(help="Import records from files (all or nothing).", no_args_is_help=True)
export_app = typer.Typer(help="Export records.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")


class ExportFormat(StrEnum):
    """Formats `export agreements` writes."""

    CSV = "csv"
    JSON = "json"


class VoteFormat(StrEnum):
    """Formats `export votes` writes."""

    CSV = "csv"
    JSON = "json"
    OCD = "ocd"  # Open Civic Data VoteEvent JSON


States = Annotated[
    list[str] | None,
    typer.Option("--state", help="Only this state (two-letter code or name); repeatable"),
]


def _engine() -> Engine:
    """The configured database, which must exist and be at this version's schema (never
    created here: `db upgrade` does that)."""
    engine = make_engine(get_settings().resolved_database_url)
    migrations.check_schema(engine)
    return engine


def _where() -> str:
    return describe_database(get_settings().resolved_database_url)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """Progress on stderr for long loads (silent for short ones): a bar in a terminal, a line
    every tenth of the way otherwise (logs, CI, a parent process watching)."""
    bar: typer.progressbar | None = None  # type: ignore[valid-type]
    shown, tenths = 0, 0
    terminal = sys.stderr.isatty()

    def update(done: int, total: int) -> None:
        nonlocal bar, shown, tenths
        if total < 200:
            return
        if not terminal:
            if done * 10 // total > tenths:
                tenths = done * 10 // total
                typer.echo(f"{label}: {done:,}/{total:,} ({tenths * 10}%)", err=True)
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


def _refused(error: ImportRefused) -> NoReturn:
    _fail(error.summary())


def _fail(line: str) -> NoReturn:
    """End a command that wrote nothing: `line` on stderr, exit status 1, no traceback.
    (ImportRefused needs no handler in a command: `_Commands` says it so.)"""
    typer.echo(line, err=True)
    raise typer.Exit(code=1) from None


NEEDS_CHOICE = 3  # exit code: the file is valid but would change existing records

Update = Annotated[
    bool,
    typer.Option(
        "--update",
        help="Change records that exist already as listed (each change is audited and can "
        "be reverted on the Edit page). Without it such an import writes nothing.",
    ),
]
ReplaceRollCall = Annotated[
    bool,
    typer.Option(
        "--replace-roll-call",
        help="A roll call in the file replaces a stored vote's (default: merged by member).",
    ),
]
ReplaceSources = Annotated[
    bool,
    typer.Option(
        "--replace-sources",
        help="The file's sources replace a stored record's (default: added to them).",
    ),
]


def _run_import(
    label: str, run: Callable[[Callable[[int, int], None]], LoadReport | SeedReport]
) -> None:
    """Run one import; say what it changed, or why it wrote nothing."""
    try:
        with _progress(f"importing {label}") as progress:
            report = run(progress)
    except UnconfirmedChanges as error:
        _unconfirmed(error.plan)
    except StaleEdit as error:
        _fail(f"import stopped, nothing written: a record being changed was {error}; "
              "run the import again to see the changes afresh")  # fmt: skip
    if report.plan is not None:
        for line in describe_plan(report.plan):
            typer.echo(line)
    typer.echo(f"{label}: {report}")


def _unconfirmed(plan: ImportPlan) -> None:
    for line in describe_plan(plan):
        typer.echo(line, err=True)
    what = [f"{len(plan.changes)} existing record(s) would change"] if plan.changes else []
    what += [f"{len(plan.conflicts)} conflict(s) need a choice"] if plan.conflicts else []
    words = [f"nothing written: {' and '.join(what)}."]
    if plan.changes:
        words.append("Pass --update to make these changes (each is audited and can be "
                     "reverted on the Edit page). Roll calls and sources in the file are added "
                     "to the stored ones; --replace-roll-call and --replace-sources replace "
                     "them instead.")  # fmt: skip
    if plan.conflicts:
        words.append("Pass --update to import with the stored stakeholders kept as they are.")
    typer.echo(" ".join(words), err=True)
    raise typer.Exit(code=NEEDS_CHOICE)


def _day(option: str, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option's date; exit 2 with one line if it is not one."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        typer.echo(f"{option} {value!r}: dates are written YYYY-MM-DD", err=True)
        raise typer.Exit(code=2) from None


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or upgrade the schema to the newest revision."""
    migrations.upgrade(get_settings().resolved_database_url)
    typer.echo(f"schema at revision {migrations.head_revision()}: {_where()}")


@app.command("seed")
def seed_command(update: Update = False) -> None:
    """Load the bundled real dataset (idempotent: loading twice changes nothing). Records
    edited since they were loaded are listed and kept unless you pass --update."""
    settings = get_settings()
    options = ImportOptions(update=update)
    _run_import(
        f"bundled data into {_where()}",
        lambda progress: seed(_engine(), settings.seed_dir, progress=progress, options=options),
    )


@import_app.command("votes")
def import_votes_command(
    file: Annotated[Path, typer.Argument(help="CSV or JSON of votes (see README, 'Votes').")],
    update: Update = False,
    replace_roll_call: ReplaceRollCall = False,
    replace_sources: ReplaceSources = False,
) -> None:
    """Import votes; any bad row refuses the whole file, listing every problem. A file that
    would change stored votes lists each change and writes nothing without --update."""
    options = ImportOptions(update, replace_roll_call, replace_sources)
    _run_import(
        str(file),
        lambda progress: import_votes(_engine(), file, progress=progress, options=options),
    )


@import_app.command("dataset")
def import_dataset_command(
    folder: Annotated[
        Path, typer.Argument(help="Folder with votes.csv, positions.csv, sources.csv")
    ],
    update: Update = False,
    replace_roll_call: ReplaceRollCall = False,
    replace_sources: ReplaceSources = False,
) -> None:
    """Import a dataset folder shaped like data/seed (votes with positions and sources); as
    `import votes`, changes to stored records need --update."""
    options = ImportOptions(update, replace_roll_call, replace_sources)
    _run_import(
        str(folder),
        lambda progress: import_dataset(_engine(), folder, progress=progress, options=options),
    )


@import_app.command("ice")
def import_ice_command(
    file: Annotated[Path, typer.Argument(help="ICE's list as .xlsx (or the same table as .csv)")],
    pending: Annotated[
        bool | None, typer.Option("--pending/--participating", help="Which list (default: guessed)")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="YYYY-MM-DD (default: from the file name)")
    ] = None,
) -> None:
    """Import ICE's 287(g) participating or pending list, keeping history across lists."""
    day = _day("--as-of", as_of)
    with _progress(f"importing {file.name}") as progress:
        result = import_official_list(
            _engine(), file, pending=pending, as_of=day, progress=progress
        )
    for line in describe_list_import(result):
        typer.echo(line)


sync_app = typer.Typer(help="Fetch official lists (online, only when asked).", no_args_is_help=True)
app.add_typer(sync_app, name="sync")


@sync_app.command("ice")
def sync_ice_command(
    url: Annotated[str, typer.Option(help="ICE's 287(g) page")] = ICE_287G_PAGE,
) -> None:
    """Fetch ICE's current 287(g) lists and import them; offline it says so, changing nothing."""
    try:
        results = sync_ice(_engine(), url)
    except SyncFailed as error:
        _fail(f"sync failed, database unchanged: {error}")
    for result in results:
        for line in describe_list_import(result):
            typer.echo(line)


@app.command("changes")
def changes_command(
    since: Annotated[
        str | None, typer.Option(help="Only changes on lists from YYYY-MM-DD on")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of text.")] = False,
    state: States = None,
) -> None:
    """What ICE added, removed and changed between its lists, and which votes were added or
    edited, oldest first."""
    day = _day("--since", since)
    filters = Filters(states=_states(state))
    with Session(_engine()) as session:
        changes = list(reversed(change_list(session, filters, since=day)))
    if not changes:
        typer.echo("no changes recorded" + (f" since {since}" if since else ""))
    base = _public_base(None)
    for change in changes:
        if as_json:
            record = {**change.as_dict(), "url": record_url(base, change.record, change.key)}
            typer.echo(json.dumps(record, default=str, ensure_ascii=False))
        else:
            typer.echo(describe_change(change))


@app.command("feed")
def feed_command(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout)")
    ] = None,
    state: States = None,
    since: Annotated[str | None, typer.Option(help="Only changes from YYYY-MM-DD on")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many entries, newest")] = 500,
    public_url: Annotated[
        str | None,
        typer.Option(help="Where readers reach the dashboard (default POLICYTRACK_PUBLIC_URL)"),
    ] = None,
    self_url: Annotated[
        str | None, typer.Option(help="Where this feed will be published (its rel=self link)")
    ] = None,
) -> None:
    """Write the changes as an Atom feed: one entry per change, linked to its record page."""
    day = _day("--since", since)
    states = _states(state)
    base = _public_base(public_url)
    filters = Filters(states=states)
    with Session(_engine()) as session:
        changes = change_list(session, filters, since=day, limit=limit, first_lists=False)
        counts = list_counts(session, filters, since=day)
    try:
        document = atom_feed(
            changes, base=base, first_lists=counts, states=states, self_url=self_url
        )
    except ValueError as error:
        typer.echo(f"--self-url {self_url!r}: {error}", err=True)
        raise typer.Exit(code=2) from None
    if output is None:
        sys.stdout.buffer.write(document)
        return
    _replace_file(output, document)
    typer.echo(f"{len(changes)} changes written to {output} as an Atom feed", err=True)


def _states(given: list[str] | None) -> tuple[str, ...]:
    """State codes from codes or names; exit 2 naming any that is no state."""
    gazetteer = load_gazetteer()
    codes = []
    for text in given or []:
        state = gazetteer.state(text)
        if state is None:
            typer.echo(f"--state {text!r}: not a US state (use a code such as FL)", err=True)
            raise typer.Exit(code=2)
        codes.append(state.code)
    return tuple(sorted(set(codes)))


def _public_base(given: str | None) -> str:
    """The public base URL (option, else POLICYTRACK_PUBLIC_URL, else this machine's)."""
    url = given or get_settings().public_url
    try:
        return public_base(url)
    except ValueError as error:
        typer.echo(f"public URL {url!r}: {error}", err=True)
        raise typer.Exit(code=2) from None


def _replace_file(path: Path, content: bytes) -> None:
    """Write a file whole or not at all: a web server publishing it never serves half."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


geocoder_app = typer.Typer(
    help="The online geocoder's answers (opt in: POLICYTRACK_GEOCODER=nominatim).",
    no_args_is_help=True,
)
app.add_typer(geocoder_app, name="geocoder")


@geocoder_app.command("list")
def geocoder_list_command(
    review: Annotated[
        str | None, typer.Option(help="Only unreviewed, accepted or rejected answers")
    ] = None,
) -> None:
    """Every place asked of the online geocoder, its answer and source, unreviewed first."""
    with Session(_engine()) as session:
        answers = place_lookups(session, review)
    if not answers:
        typer.echo("no place was asked of the online geocoder")
    for answer in answers:
        where = f"{answer.lat}, {answer.lon} ({answer.address})" if answer.found else "not found"
        typer.echo(
            f"[{answer.review}] {answer.key}: {where}; asked {answer.asked_at:%Y-%m-%d} "
            f"at {answer.url}"
            + (f"; reviewed by {answer.reviewed_by}" if answer.reviewed_by else "")
        )


@geocoder_app.command("review")
def geocoder_review_command(
    key: Annotated[str, typer.Argument(help="The lookup, as `geocoder list` shows it")],
    accept: Annotated[
        bool, typer.Option("--accept/--reject", help="Accept the answer, or reject it")
    ],
    by: Annotated[str, typer.Option("--by", help="Who reviewed it (the audit log says so)")],
) -> None:
    """Accept or reject an answer; a rejected one is never used and its map point goes."""
    decision = ACCEPTED if accept else REJECTED
    try:
        with session_scope(_engine()) as session:
            review_place_lookup(session, Editor(by, "editor"), key, decision)
    except (NotFound, InvalidEdit) as error:
        _fail(str(error))
    typer.echo(f"{key}: {decision} by {by}")


@app.command("link")
def link_command(
    vote_key: Annotated[str, typer.Argument(help="Key of the vote")],
    agreement_key: Annotated[
        str | None, typer.Argument(help="Key of the agreement (omit with --none)")
    ] = None,
    none: Annotated[bool, typer.Option("--none", help="Keep this vote unlinked")] = False,
) -> None:
    """Link a vote to the agreement it concerns, by hand."""
    if agreement_key is None and not none:
        typer.echo("give an agreement key, or --none to keep the vote unlinked", err=True)
        raise typer.Exit(code=2)
    try:
        with session_scope(_engine()) as session:
            done = link(session, vote_key, None if none else agreement_key)
        typer.echo(done)  # once written, not before
    except LinkError as error:
        _fail(str(error))


users_app = typer.Typer(help="Editor accounts (viewing needs none).", no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add_command(
    name: Annotated[str, typer.Argument(help="Login name")],
    role: Annotated[str, typer.Option(help="editor or admin")] = "editor",
    email: Annotated[
        str | None, typer.Option(help="E-mail of the OIDC identity (when st.login is set up)")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input")
    ] = False,
    no_password: Annotated[
        bool, typer.Option("--no-password", help="OIDC only: no local password")
    ] = False,
) -> None:
    """Add an editor account; the password is asked for (hidden) and stored only as a hash."""
    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not no_password:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with session_scope(_engine()) as session:
            user = add_user(session, name, role, password=password, email=email)
            typer.echo(f"added {user.role} {user.name!r}")
    except AuthError as error:
        _fail(str(error))


@users_app.command("unlock")
def users_unlock_command(
    name: Annotated[str | None, typer.Argument(help="Account whose sign-in is paused")] = None,
    address: Annotated[
        str | None, typer.Option("--address", help="Client address whose sign-ins are paused")
    ] = None,
) -> None:
    """Lift the pause after too many failed sign-ins, of an account and/or an address."""
    if name is None and address is None:
        typer.echo("give an account name, or --address ADDRESS", err=True)
        raise typer.Exit(code=2)
    with session_scope(_engine()) as session:
        lifted = unlock(session, name, address)
    what = " and ".join(
        f"{label} {value!r}" for label, value in (("account", name), ("address", address)) if value
    )
    typer.echo(f"sign-in unlocked for {what}" if lifted else f"no failed sign-ins kept for {what}")


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


@export_app.command("all")
def export_all_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write")],
) -> None:
    """Every table, history included, as JSON Lines (restore with `import all`)."""
    counts = export_all(_engine(), output)
    typer.echo(f"{sum(counts.values()):,} rows in {len(counts)} tables written to {output}")


@import_app.command("all")
def import_all_command(
    folder: Annotated[Path, typer.Argument(help="A folder written by `export all`")],
    accounts: Annotated[
        bool | None,
        typer.Option(
            "--with-accounts/--without-accounts",
            help="Restore the export's accounts (names, roles, password hashes), or leave "
            "them out. An export holding accounts is refused until you choose.",
        ),
    ] = None,
) -> None:
    """Restore an `export all` folder into an empty database (same schema revision); every
    row is checked with the import's rules first."""
    try:
        counts = import_all(_engine(), folder, accounts=accounts)
    except BackupError as error:
        _fail(f"restore refused, nothing written: {error}")
    typer.echo(f"{sum(counts.values()):,} rows restored into {_where()}")
    if accounts:
        typer.echo(f"{counts.get('app_user', 0)} account(s) restored")


@export_app.command("agreements")
def export_agreements_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="csv or json")] = ExportFormat.CSV,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default: stdout)")
    ] = None,
) -> None:
    """Every agreement with state, agency, jurisdiction, model, dates, status and MOA URL."""
    with Session(_engine()) as session:
        records = queries.agreement_records(session)
    text = export.agreements_csv(records) if fmt is ExportFormat.CSV else export.to_json(records)
    _write(text, output, f"{len(records)} agreements")


@export_app.command("votes")
def export_votes_command(
    fmt: Annotated[
        VoteFormat, typer.Option("--format", help="csv, json or ocd (Open Civic Data)")
    ] = VoteFormat.CSV,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default: stdout)")
    ] = None,
) -> None:
    """Every vote event with tally, roll call, positions and source URLs."""
    with Session(_engine()) as session:
        records = queries.vote_records(session)
    writers = {
        VoteFormat.CSV: export.votes_csv,
        VoteFormat.JSON: export.to_json,
        VoteFormat.OCD: votes_to_ocd_json,
    }
    _write(writers[fmt](records), output, f"{len(records)} vote events")


@app.command("draft")
def draft_command(
    article: Annotated[str, typer.Argument(help="A .txt or saved .html article, or - for stdin")],
    url: Annotated[str | None, typer.Option(help="The article's URL (a date in it helps)")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (pins 'voted Tuesday')")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object (scorer keys).")] = False,
) -> None:
    """Draft a vote record from a news article, offline, each field with its evidence."""
    from policytrack.articles.commands import run_draft  # the extractor loads only when asked

    raise typer.Exit(code=run_draft(article, url, published, as_json))


def _write(text: str, output: Path | None, what: str) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:  # a failed write() names no file: say which
        raise OSError(error.errno, error.strerror, str(output)) from None
    typer.echo(f"{what} written to {output}", err=True)


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
    os.execve(sys.executable, command, server_environment())  # noqa: S606  (become Streamlit)


def server_environment() -> dict[str, str]:
    """The dashboard server's environment: this one, with glibc's malloc held to two arenas
    unless set. Streamlit runs each session's script in its own thread and glibc gives
    threads arenas of their own; at 1M votes two arenas cut the peak of the page bench from
    282 to 266 MB (bench/results/2026-11-28-1m-session3.md)."""
    return {"MALLOC_ARENA_MAX": "2", **os.environ}


if __name__ == "__main__":
    app()
