"""ideas: statuses the team defines — a `statuses` table seeded with the eight built-in ones, the
custom status an idea has (`ideas.status_key`) and the one a status change chose

Revision ID: 0012_custom_statuses
Revises: 0011_moderation
Create Date: 2026-12-09 10:00:00

"""

from alembic import op
import sqlalchemy as sa


revision = "0012_custom_statuses"
down_revision = "0011_moderation"
branch_labels = None
depends_on = None

# Frozen here (not imported from the app): the built-in statuses as the pages showed them until
# this revision — label, colour, roadmap lane, whether the idea takes supports.
BUILTIN = (
    ("new", "New", "#1849a9", None, True),
    ("under_review", "Under review", "#5925dc", None, True),
    ("in_round", "In a round", "#b54708", None, True),
    ("planned", "Planned", "#0f766e", "planned", True),
    ("in_progress", "In progress", "#0e7090", "in_progress", True),
    ("shipped", "Shipped", "#067647", "shipped", True),
    ("declined", "Declined", "#57606a", None, True),
    ("merged", "Merged", "#57606a", None, False),
)


def upgrade():
    statuses = op.create_table(
        "statuses",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("base", sa.String(length=16), nullable=False),
        sa.Column("lane", sa.String(length=16), nullable=True),
        sa.Column("takes_support", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_statuses")),
    )
    op.bulk_insert(
        statuses,
        [
            {
                "key": key,
                "label": label,
                "color": color,
                "base": key,
                "lane": lane,
                "takes_support": takes,
                "position": number * 100,
                "builtin": True,
            }
            for number, (key, label, color, lane, takes) in enumerate(BUILTIN)
        ],
    )
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status_key", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_ideas_status_key"), ["status_key"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_ideas_status_key_statuses"), "statuses", ["status_key"], ["key"], ondelete="SET NULL"
        )
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("new_key", sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table("status_changes", schema=None) as batch_op:
        batch_op.drop_column("new_key")
    with op.batch_alter_table("ideas", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ideas_status_key_statuses"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ideas_status_key"))
        batch_op.drop_column("status_key")
    op.drop_table("statuses")
