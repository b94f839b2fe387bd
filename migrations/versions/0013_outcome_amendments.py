"""decisions: amendments to a published outcome (who, when, why, before and after)

Revision ID: 0013_outcome_amendments
Revises: 0012_custom_statuses
Create Date: 2026-12-15 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0013_outcome_amendments'
down_revision = '0012_custom_statuses'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outcome_amendments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('outcome_id', sa.Integer(), nullable=False),
    sa.Column('amended_by_id', sa.Integer(), nullable=True),
    sa.Column('amended_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('before', sa.JSON(), nullable=False),
    sa.Column('after', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['amended_by_id'], ['users.id'], name=op.f('fk_outcome_amendments_amended_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['outcome_id'], ['outcomes.id'], name=op.f('fk_outcome_amendments_outcome_id_outcomes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_amendments'))
    )
    with op.batch_alter_table('outcome_amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_amendments_outcome_id'), ['outcome_id'], unique=False)


def downgrade():
    with op.batch_alter_table('outcome_amendments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcome_amendments_outcome_id'))

    op.drop_table('outcome_amendments')
