"""approval before publishing: site settings, a per-person flag, and the moderation state of
ideas and comments (everything written before is approved)

Revision ID: 0011_moderation
Revises: 0009_notification_subjects
Create Date: 2026-12-15 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0011_moderation'
down_revision = '0009_notification_subjects'
branch_labels = None
depends_on = None


def _moderation_columns(batch_op, table):
    batch_op.add_column(sa.Column('moderation', sa.String(length=16), server_default='approved', nullable=False))
    batch_op.add_column(sa.Column('moderated_by_id', sa.Integer(), nullable=True))
    batch_op.add_column(sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True))
    batch_op.add_column(sa.Column('moderation_reason', sa.String(length=500), server_default='', nullable=False))
    batch_op.create_index(f'ix_{table}_moderation_created', ['moderation', 'created_at'], unique=False)
    batch_op.create_foreign_key(
        batch_op.f(f'fk_{table}_moderated_by_id_users'), 'users', ['moderated_by_id'], ['id'], ondelete='SET NULL'
    )


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
        batch_op.add_column(sa.Column('premoderate', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        _moderation_columns(batch_op, 'ideas')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        _moderation_columns(batch_op, 'comments')
    # The empty reason filled the existing rows; new rows get theirs from the application.
    for table in ('ideas', 'comments'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('moderation_reason', server_default=None)


def downgrade():
    for table in ('comments', 'ideas'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_moderated_by_id_users'), type_='foreignkey')
            batch_op.drop_index(f'ix_{table}_moderation_created')
            batch_op.drop_column('moderation_reason')
            batch_op.drop_column('moderated_at')
            batch_op.drop_column('moderated_by_id')
            batch_op.drop_column('moderation')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('premoderate')
    op.drop_table('site_settings')
