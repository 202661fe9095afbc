"""people: one identity per person across roll calls and positions in a place

`person` (one per person and place), `person_name` (each printing of their name in the
place's roll calls, read automatically or decided by an editor) and `stakeholder_person` (a
stakeholder who is such a person). The people of the records already stored are read once
here; afterwards every write keeps them current (`policytrack.people.store`).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0018'
down_revision: str | Sequence[str] | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('jurisdiction_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['jurisdiction.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_key'), ['key'], unique=True)
        batch_op.create_index(batch_op.f('ix_person_jurisdiction_id'), ['jurisdiction_id'], unique=False)
    op.create_table('person_name',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jurisdiction_id', sa.Integer(), nullable=False),
    sa.Column('printed', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['jurisdiction.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('jurisdiction_id', 'printed')
    )
    with op.batch_alter_table('person_name', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_name_person_id'), ['person_id'], unique=False)
    op.create_table('stakeholder_person',
    sa.Column('stakeholder_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stakeholder_id'], ['stakeholder.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('stakeholder_id')
    )
    with op.batch_alter_table('stakeholder_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stakeholder_person_person_id'), ['person_id'], unique=False)

    from policytrack.people.store import identify

    identify(op.get_bind())


def downgrade() -> None:
    op.drop_table('stakeholder_person')
    op.drop_table('person_name')
    op.drop_table('person')
