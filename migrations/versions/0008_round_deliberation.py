"""decisions: when a round entered deliberation (None when it went straight to voting), so the
round page's steps show only the phases the round had

Revision ID: 0008_round_deliberation
Revises: 0007_credentials
Create Date: 2026-12-08 10:00:00

"""

from alembic import op
import sqlalchemy as sa


revision = "0008_round_deliberation"
down_revision = "0007_credentials"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deliberation_started_at", sa.DateTime(timezone=True), nullable=True))
    # A round in deliberation now has certainly had that phase; for rounds already past it
    # the history was not recorded, and the page does not claim a phase it cannot show.
    op.execute("UPDATE rounds SET deliberation_started_at = created_at WHERE status = 'deliberation'")


def downgrade():
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_column("deliberation_started_at")
