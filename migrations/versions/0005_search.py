"""search: pending index changes, and the PostgreSQL backend's documents and vocabulary

Revision ID: 0005_search
Revises: 0004_notifications
Create Date: 2026-11-22 02:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0005_search'
down_revision = '0004_notifications'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_pending',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('ref_id', sa.Integer(), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_pending'))
    )
    op.create_table('search_documents',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('ref_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('audience', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('constituency', sa.String(length=16), nullable=False),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('kind', 'ref_id', name=op.f('pk_search_documents'))
    )
    op.create_table('search_lexemes',
    sa.Column('lexeme', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('lexeme', name=op.f('pk_search_lexemes'))
    )
    if op.get_bind().dialect.name == 'postgresql':
        # Full text only exists on PostgreSQL; on SQLite the table is there but unused.
        op.execute("ALTER TABLE search_documents ADD COLUMN document tsvector NOT NULL DEFAULT ''::tsvector")
        # One GIN index per kind: a search of ideas never walks the posting lists of comments.
        for kind in ('ideas', 'comments', 'people'):
            op.execute(f"CREATE INDEX ix_search_documents_{kind} ON search_documents USING gin (document) "
                       f"WHERE kind = '{kind}'")


def downgrade():
    op.drop_table('search_lexemes')
    op.drop_table('search_documents')
    op.drop_table('search_pending')
