"""approval before publishing: site settings, a per-person flag, and the moderation state of
ideas and comments (everything written before is approved)

Revision ID: 0011_moderation
Revises: 0010_impact_unknown
Create Date: 2026-12-15 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0011_moderation'
down_revision = '0010_impact_unknown'
branch_labels = None
depends_on = None


def _moderation_columns(batch_op, table):
    # Plain additions (no foreign key, a constant default): SQLite adds them in place. Rebuilding
    # `ideas` or `comments` there would run the ON DELETE CASCADE of their children.
    batch_op.add_column(sa.Column('moderation', sa.String(length=16), server_default='approved', nullable=False))
    batch_op.add_column(sa.Column('moderation_reason', sa.String(length=500), nullable=True))
    batch_op.create_index(f'ix_{table}_moderation_created', ['moderation', 'created_at'], unique=False)


def upgrade():
    op.create_table(
        'site_settings',
        sa.Column('key', sa.String(length=40), nullable=False),
        sa.Column('value', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['updated_by_id'], ['users.id'], name=op.f('fk_site_settings_updated_by_id_users'), ondelete='SET NULL'
        ),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_site_settings')),
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('premoderate', sa.Boolean(), server_default='0', nullable=False))
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        _moderation_columns(batch_op, 'ideas')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        _moderation_columns(batch_op, 'comments')


def downgrade():
    # Plain drops (SQLite 3.35+ drops columns in place), not a batch rebuild: see above.
    for table in ('comments', 'ideas'):
        op.drop_index(f'ix_{table}_moderation_created', table_name=table)
        op.drop_column(table, 'moderation_reason')
        op.drop_column(table, 'moderation')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('premoderate')
    op.drop_table('site_settings')
