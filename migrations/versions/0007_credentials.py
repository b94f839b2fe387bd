"""accounts: credentials that can be revoked at once (tokens carry the owner's credentials
version) and deactivated accounts

Revision ID: 0007_credentials
Revises: 0006_audiences
Create Date: 2026-12-02 01:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0007_credentials'
down_revision = '0006_audiences'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('credentials_version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('deactivated_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('credentials_version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('credentials_version')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('deactivated_at')
        batch_op.drop_column('credentials_version')
