"""candidates: impact figures may be unknown (NULL) until the pm knows them; only cost and
annual benefit are needed before voting opens (checked by the round's readiness, not here)

Revision ID: 0010_impact_unknown
Revises: 0009_notification_subjects
Create Date: 2026-12-10 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0010_impact_unknown'
down_revision = '0009_notification_subjects'
branch_labels = None
depends_on = None

# Frozen here: the values an unknown figure had before this revision (the old model defaults).
OLD_DEFAULTS = {
    'cost': 0.0,
    'annual_benefit': 0.0,
    'effort_weeks': 0.0,
    'reach': 0,
    'confidence': 50.0,
    'risk': 'medium',
}
TYPES = {
    'cost': sa.Float(),
    'annual_benefit': sa.Float(),
    'effort_weeks': sa.Float(),
    'reach': sa.Integer(),
    'confidence': sa.Float(),
    'risk': sa.String(length=16),
}


def upgrade():
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        for name, type_ in TYPES.items():
            batch_op.alter_column(name, existing_type=type_, nullable=True)


def downgrade():
    candidates = sa.table('candidates', *(sa.column(name, type_) for name, type_ in TYPES.items()))
    for name, value in OLD_DEFAULTS.items():
        op.execute(candidates.update().where(candidates.c[name].is_(None)).values({name: value}))
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        for name, type_ in TYPES.items():
            batch_op.alter_column(name, existing_type=type_, nullable=False)
