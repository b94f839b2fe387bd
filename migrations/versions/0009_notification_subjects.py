"""notifications: what each one is about (the centre groups by it) and when its news happened

Revision ID: 0009_notification_subjects
Revises: 0008_round_deliberation
Create Date: 2026-12-08 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0009_notification_subjects'
down_revision = '0008_round_deliberation'
branch_labels = None
depends_on = None

# Frozen here (not imported from the app): the subject of each outbox event kind as of this revision.
IDEA_EVENTS = ('comment', 'mention', 'status_change')
ROUND_EVENTS = ('round_opened', 'round_closing', 'outcome_published', 'impact_changed')


def _subject(kind, payload):
    payload = payload or {}
    if kind in IDEA_EVENTS and payload.get('idea_id'):
        return f"idea:{int(payload['idea_id'])}"
    if kind in ROUND_EVENTS and payload.get('round_id'):
        return f"round:{int(payload['round_id'])}"
    return None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('event_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_notifications_user_subject', ['user_id', 'subject', 'id'], unique=False)

    # Existing rows: the subject from their event's payload; the event's own time is not known
    # any more, the outbox row's is the closest (written in the same transaction as the change).
    events = sa.table(
        'outbox_events', sa.column('id', sa.Integer), sa.column('kind', sa.String), sa.column('payload', sa.JSON)
    )
    notifications = sa.table('notifications', sa.column('event_id', sa.Integer), sa.column('subject', sa.String))
    connection = op.get_bind()
    updates = [
        {'event': row.id, 'new_subject': subject}
        for row in connection.execute(sa.select(events.c.id, events.c.kind, events.c.payload))
        if (subject := _subject(row.kind, row.payload)) is not None
    ]
    if updates:
        connection.execute(
            notifications.update()
            .where(notifications.c.event_id == sa.bindparam('event'))
            .values(subject=sa.bindparam('new_subject')),
            updates,
        )
    op.execute(
        'UPDATE notifications SET event_at = '
        '(SELECT outbox_events.created_at FROM outbox_events WHERE outbox_events.id = notifications.event_id)'
    )


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_subject')
        batch_op.drop_column('event_at')
        batch_op.drop_column('subject')
