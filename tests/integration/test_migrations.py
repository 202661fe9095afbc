"""Alembic owns the schema: one head, upgrade from empty works, and the migrated schema is
exactly what the models describe (on SQLite and PostgreSQL)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import SQLModel

from policytrack import migrations
from policytrack.db import make_engine


def test_there_is_exactly_one_head() -> None:
    script = ScriptDirectory.from_config(migrations.alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1


def test_upgrade_from_empty_reaches_head_and_matches_models(empty_url: str) -> None:
    migrations.upgrade(empty_url)
    engine = make_engine(empty_url)
    try:
        assert migrations.current_revision(engine) == migrations.head_revision()
        assert {"vote_event", "member_vote", "position", "source"} <= set(
            inspect(engine).get_table_names()
        )
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        engine.dispose()


def test_upgrade_twice_is_harmless(empty_url: str) -> None:
    migrations.upgrade(empty_url)
    migrations.upgrade(empty_url)
    engine = make_engine(empty_url)
    try:
        assert migrations.current_revision(engine) == migrations.head_revision()
    finally:
        engine.dispose()
