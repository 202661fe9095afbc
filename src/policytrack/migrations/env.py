"""Alembic environment: the metadata is SQLModel's, the URL comes from our settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import policytrack.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from policytrack.db import make_engine
from policytrack.text_search import is_search_index

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    """Emit SQL without a connection."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate through a live connection (a caller may pass one in `config.attributes`)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"), create=True)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                _run_sqlite(connection)
            else:
                _run(connection)
    finally:
        engine.dispose()


def _run_sqlite(connection: Connection) -> None:
    """Batch mode rebuilds a table by copy-and-drop; with foreign keys on, dropping the old
    table would cascade-delete every child row (roll calls, citations). So foreign keys are
    off while migrating (the PRAGMA only works outside a transaction) and checked after."""
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()  # end the transaction SQLAlchemy began, so Alembic's own commits
    try:
        _run(connection)
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migration left rows pointing nowhere: {broken[:5]}")
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def _ours(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate compares the models' tables, not the full-text index's (0009)."""
    return not is_search_index(name)


def _run(connection: object) -> None:
    # SQLite alters tables by copying them: batch mode does that for us.
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=_ours,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
