"""Alembic owns the schema: one head, upgrade from empty works, and the migrated schema is
exactly what the models describe (on SQLite and PostgreSQL)."""

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from policytrack import migrations
from policytrack.db import make_engine
from policytrack.text_search import is_search_index


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
            ours = lambda name, _kind, _parent: not is_search_index(name)  # noqa: E731
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_name": ours}
            )
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


def test_migrating_a_database_with_records_keeps_every_row(seeded_engine: Engine) -> None:
    """SQLite rebuilds tables to alter them; that must never cascade-delete child rows."""
    url = seeded_engine.url.render_as_string(hide_password=False)

    def counts() -> dict[str, int]:
        with seeded_engine.connect() as connection:
            return {
                table.name: connection.execute(
                    sa.select(sa.func.count()).select_from(table)
                ).scalar_one()
                for table in SQLModel.metadata.sorted_tables
                if table.name in KEPT
            }

    before = counts()
    assert before["member_vote"] > 0 and before["vote_event_source"] > 0
    seeded_engine.dispose()
    command.downgrade(migrations.alembic_config(url), "0002")
    migrations.upgrade(url)
    seeded_engine.dispose()
    assert counts() == before


KEPT = {"vote_event", "member_vote", "vote_event_source", "position", "position_source",
        "source", "jurisdiction", "body", "stakeholder"}  # fmt: skip
