"""Alembic owns the schema. `upgrade()` brings any database to the newest revision."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine

from policytrack.config import describe_database, get_settings

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration for `url` (default: the configured database)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url or get_settings().resolved_database_url)
    config.attributes["configure_logging"] = False
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Create or upgrade the schema at `url` to `revision`."""
    command.upgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database at `engine` is at (None when it has no schema)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class SchemaMismatch(RuntimeError):
    """The database's schema is not the one this version of policytrack works with."""


def check_schema(engine: Engine, where: str | None = None) -> None:
    """Refuse (SchemaMismatch, saying what to do) a database this version cannot work on:
    one never set up, one at an older revision, or one a newer version upgraded. `where`
    names the database in the message (default: its file or host, for operators)."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    where = where or describe_database(engine.url.render_as_string(hide_password=True))
    if current is None:
        raise SchemaMismatch(
            f"{where} has no policytrack tables (never set up): run `policytrack db upgrade`, "
            "or point POLICYTRACK_DATABASE_URL at the right database"
        )
    try:
        ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(current)
    except CommandError:
        raise SchemaMismatch(
            f"{where} is at schema revision {current}, which this policytrack does not know "
            f"(it needs {head}; a newer version upgraded the database): update policytrack"
        ) from None
    raise SchemaMismatch(
        f"{where} is at schema revision {current}; this policytrack needs {head}: "
        "run `policytrack db upgrade`"
    )
