"""Domain events → outbox rows, in the same transaction as the change; a dispatch job is
queued for after the commit. If Redis is down the row waits for the sweeper."""

from sqlalchemy import select

from .. import events
from ..accounts.actors import Actor
from ..extensions import db
from ..ideas.models import StatusChange
from ..platform.jobs import enqueue_after_commit
from .models import OutboxEvent


def record(kind: str, **payload) -> OutboxEvent:
    """Write an outbox event now; fan it out after commit."""
    event = OutboxEvent(kind=kind, payload=payload)
    db.session.add(event)
    db.session.flush()
    from .jobs import fan_out

    enqueue_after_commit(fan_out, event.id, job_id=f"fan-out-{event.id}")
    return event


def _actor_id(actor: Actor | None) -> int | None:
    return actor.id if actor is not None else None  # SYSTEM's id is None too


def on_comment_added(comment, actor=None, idea=None, parent=None, **_):
    record(
        "comment",
        comment_id=comment.id,
        idea_id=comment.idea_id,
        actor_id=_actor_id(actor),
        parent_author_id=parent.author_id if parent is not None else None,
    )


def on_user_mentioned(comment, actor=None, user=None, **_):
    record("mention", comment_id=comment.id, idea_id=comment.idea_id, actor_id=_actor_id(actor), user_id=user.id)


def on_status_changed(idea, actor=None, old=None, new=None, note="", label=None, **_):
    # The history row just written: its time is the event's, whatever the queue's delay.
    change_id = db.session.scalar(
        select(StatusChange.id).where(StatusChange.idea_id == idea.id).order_by(StatusChange.id.desc()).limit(1)
    )
    record(
        "status_change",
        idea_id=idea.id,
        actor_id=_actor_id(actor),
        old=old,
        new=new,
        note=note,
        label=label,
        status_change_id=change_id,
    )


def on_round_opened(round_, actor=None, **_):
    record("round_opened", round_id=round_.id, actor_id=_actor_id(actor))


def on_round_reminder_requested(round_, actor=None, **_):
    # The closing-soon reminder's kind and recipients (eligible, not voted), asked for by a pm.
    record("round_closing", round_id=round_.id, actor_id=_actor_id(actor), manual=True)


def on_outcome_published(round_, actor=None, outcome=None, **_):
    record("outcome_published", round_id=round_.id, actor_id=_actor_id(actor))


def on_outcome_amended(round_, actor=None, amendment=None, **_):
    record("outcome_amended", round_id=round_.id, amendment_id=amendment.id, actor_id=_actor_id(actor))


def on_impact_changed(candidate, actor=None, round=None, changes=None, **_):  # noqa: A002 - signal kwarg
    record(
        "impact_changed",
        round_id=candidate.round_id,
        candidate_id=candidate.id,
        version=candidate.impact_version,
        actor_id=_actor_id(actor),
    )


def on_content_decided(item, actor=None, kind="", reason="", **_):
    # One listener for approvals and rejections: the author is told either way.
    record(
        "moderation",
        item_kind=kind,
        item_id=item.id,
        idea_id=item.id if kind == "idea" else item.idea_id,
        decision=item.moderation,
        reason=reason,
        author_id=item.author_id,
        actor_id=_actor_id(actor),
    )


def on_user_registered(user, via="", **_):
    if via == "registration":
        record("email_verification", user_id=user.id)


def connect_listeners() -> None:
    """Subscribe once (weakly-referenced module functions stay alive: they are module-level)."""
    events.comment_added.connect(on_comment_added)
    events.user_mentioned.connect(on_user_mentioned)
    events.status_changed.connect(on_status_changed)
    events.round_opened.connect(on_round_opened)
    events.round_reminder_requested.connect(on_round_reminder_requested)
    events.outcome_published.connect(on_outcome_published)
    events.outcome_amended.connect(on_outcome_amended)
    events.impact_changed.connect(on_impact_changed)
    events.user_registered.connect(on_user_registered)
    events.content_approved.connect(on_content_decided)
    events.content_rejected.connect(on_content_decided)
