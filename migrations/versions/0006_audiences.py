"""audiences: comments keep their own audience (merges), and visibility columns hold exactly
their two values

Revision ID: 0006_audiences
Revises: 0005_search
Create Date: 2026-12-02 01:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0006_audiences'
down_revision = '0005_search'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visibility', sa.String(length=16), server_default='public', nullable=False))
        batch_op.create_check_constraint(op.f('ck_comments_visibility'), "visibility IN ('public', 'internal')")
    # A value that is neither was read as "public" by older code; it was never meant to be.
    op.execute("UPDATE ideas SET visibility = 'internal' WHERE visibility NOT IN ('public', 'internal')")
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_ideas_visibility'), "visibility IN ('public', 'internal')")


def downgrade():
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_ideas_visibility'), type_='check')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_comments_visibility'), type_='check')
        batch_op.drop_column('visibility')
