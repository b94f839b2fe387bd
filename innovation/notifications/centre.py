"""The notification centre's read model: a person's notifications grouped by what they are
about (an idea, a round), each with a preview line and the time its news happened.

What a notification shows is decided when it is read, by the visibility helpers of
ideas/permissions.py and decisions/permissions.py: an idea can become internal, a comment be
deleted or hidden after the notification was written, and then its words are not shown."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import String, case, cast, desc, distinct, func, literal_column, select
from sqlalchemy.orm import joinedload

from ..decisions.models import Outcome, Round
from ..decisions.permissions import visible_rounds_clause
from ..extensions import db
from ..ideas.models import Comment, Idea
from ..ideas.permissions import can_see_comment, can_see_idea
from ..platform.pagination import Page
from ..search.documents import plain_text
from .models import Notification, OutboxEvent

PREVIEW_LENGTH = 120
ITEMS_PER_GROUP = 20  # the newest of a group; older ones are on the idea or round itself
SHOWN_OPEN = 3
COMMENT_KINDS = ("comment", "reply", "mention")
UNAVAILABLE_TITLE = "Something you can no longer see"
UNAVAILABLE_ITEM = "An update about something that is no longer available to you"


@dataclass
class NotificationItem:
    id: int
    kind: str
    title: str  # the whole sentence, subject included: "Ana commented on “Photos on jobs”"
    headline: str  # under its subject's heading: "Ana commented"
    url: str
    read_at: datetime | None
    created_at: datetime  # when the row was written (the API's `created_at`)
    happened_at: datetime  # when the news happened: what the centre shows
    subject: str | None
    preview: str = ""


@dataclass
class NotificationGroup:
    subject: str
    title: str
    url: str | None  # None: the reader may no longer see it
    total: int
    unread: int
    items: list[NotificationItem] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """ "idea", "round", or "" for a notification about nothing in particular."""
        parsed = _split(self.subject)
        return parsed[0] if parsed else ""

    def _open(self) -> list[bool]:
        # The newest, and unread ones up to SHOWN_OPEN in all, stay open; the rest fold away.
        shown, flags = 0, []
        for index, item in enumerate(self.items):
            keep = shown < SHOWN_OPEN and (index == 0 or item.read_at is None)
            shown += keep
            flags.append(keep)
        return flags

    @property
    def shown(self) -> list[NotificationItem]:
        return [item for item, keep in zip(self.items, self._open(), strict=True) if keep]

    @property
    def older(self) -> list[NotificationItem]:
        return [item for item, keep in zip(self.items, self._open(), strict=True) if not keep]

    @property
    def more(self) -> int:
        """Notifications of this group beyond the ones listed."""
        return max(0, self.total - len(self.items))


def preview_line(text: str, limit: int = PREVIEW_LENGTH) -> str:
    """One line of plain text, cut at a word before `limit` characters."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:–—-") + "…"


def _happened():
    return func.coalesce(Notification.event_at, Notification.created_at)


def _group_key():
    # A notification about nothing in particular is a group of its own.
    # Inline, not a bound parameter: PostgreSQL must see the same GROUP BY and SELECT expression.
    alone = literal_column("'notification:'", String) + cast(Notification.id, String)
    return func.coalesce(Notification.subject, alone)


def _split(subject: str | None) -> tuple[str, int] | None:
    kind, _, number = (subject or "").partition(":")
    return (kind, int(number)) if kind in ("idea", "round") and number.isdigit() else None


class _Subjects:
    """The ideas and rounds of some notifications, each with whether the reader may see it."""

    def __init__(self, reader, subjects: set[str]):
        wanted: dict[str, set[int]] = defaultdict(set)
        for subject in subjects:
            if parsed := _split(subject):
                wanted[parsed[0]].add(parsed[1])
        ideas = db.session.scalars(select(Idea).where(Idea.id.in_(wanted["idea"]))) if wanted["idea"] else []
        self.ideas = {idea.id: idea for idea in ideas if can_see_idea(reader, idea)}
        self.rounds = {
            round_.id: round_
            for round_ in (
                db.session.scalars(select(Round).where(Round.id.in_(wanted["round"]), visible_rounds_clause(reader)))
                if wanted["round"]
                else []
            )
        }

    def visible(self, subject: str | None) -> bool:
        parsed = _split(subject)
        if parsed is None:
            return subject is None or subject.startswith("notification:")
        return parsed[1] in (self.ideas if parsed[0] == "idea" else self.rounds)

    def title_and_url(self, subject: str) -> tuple[str, str | None]:
        parsed = _split(subject)
        if parsed is None or not self.visible(subject):
            return UNAVAILABLE_TITLE, None
        kind, number = parsed
        if kind == "idea":
            return self.ideas[number].title, f"/ideas/{number}"
        return self.rounds[number].title, f"/rounds/{number}"


def _comment_headline(kind: str, comment: Comment | None, reader) -> str:
    if comment is None or comment.deleted_at is not None:
        return "A comment that has since been deleted"
    if not can_see_comment(reader, comment):
        return "A comment that is no longer available to you"
    name = comment.author.name
    return {"reply": f"{name} replied to your comment", "mention": f"{name} mentioned you"}.get(
        kind, f"{name} commented"
    )


def _headline(notification: Notification, payload: dict, comment: Comment | None, reader) -> str:
    """What happened, in words that need not repeat the subject (its group's heading says it)."""
    kind = notification.kind
    if kind in COMMENT_KINDS:
        return _comment_headline(kind, comment, reader)
    if kind == "outcome_published" and payload.get("amendment_id"):  # told under the outcome's preference
        return "Outcome amended"
    if kind == "status_change" and payload.get("new"):
        return f"Now {str(payload['new']).replace('_', ' ')}"
    if kind == "moderation":
        what = "Your idea" if payload.get("item_kind") == "idea" else "Your comment"
        if payload.get("decision") == "approved":
            return f"{what} is published"
        return f"{what} was not published: {payload.get('reason') or 'no reason given'}"
    if kind == "round_closing" and payload.get("manual"):  # a pm's reminder, maybe days before the close
        return "Reminder: voting is open, and you have not voted yet"
    return HEADLINES.get(kind, notification.title)


HEADLINES = {
    "outcome_published": "Outcome published",
    "round_opened": "Voting is open",
    "round_closing": "Voting closes within 24 hours, and you have not voted yet",
}


def _lines(reader, rows, subjects: _Subjects) -> dict[int, tuple[str, str]]:
    """Notification id → (headline, preview line) for (notification, event payload) rows whose
    subject the reader may see; comments also answer to their own visibility and deletion."""
    comment_ids = {payload.get("comment_id") for n, payload in rows if n.kind in COMMENT_KINDS} - {None}
    comments = (
        {
            c.id: c
            for c in db.session.scalars(
                select(Comment).options(joinedload(Comment.author)).where(Comment.id.in_(comment_ids))
            )
        }
        if comment_ids
        else {}
    )
    round_ids = {payload.get("round_id") for n, payload in rows if n.kind == "outcome_published"} - {None}
    summaries = (
        dict(
            db.session.execute(select(Outcome.round_id, Outcome.summary_html).where(Outcome.round_id.in_(round_ids)))
            .tuples()
            .all()
        )
        if round_ids
        else {}
    )
    lines = {}
    for notification, payload in rows:
        if not subjects.visible(notification.subject):
            continue
        text, comment = "", comments.get(payload.get("comment_id"))
        if notification.kind in COMMENT_KINDS:
            if comment is not None and comment.deleted_at is None and can_see_comment(reader, comment):
                text = plain_text(comment.body_html)
        elif notification.kind == "status_change":
            text = payload.get("note") or ""
        elif notification.kind == "outcome_published":
            text = plain_text(summaries.get(payload.get("round_id"), ""))
        elif notification.kind == "round_opened":
            round_ = subjects.rounds.get(payload.get("round_id"))
            text = plain_text(round_.description_html) if round_ is not None else ""
        headline = _headline(notification, payload, comment, reader)
        lines[notification.id] = (headline, preview_line(text) if text.strip() else "")
    return lines


def _items(reader, rows, subjects: _Subjects) -> list[NotificationItem]:
    lines = _lines(reader, rows, subjects)
    return [
        NotificationItem(
            id=n.id,
            kind=n.kind,
            title=n.title if n.id in lines else UNAVAILABLE_ITEM,
            headline=lines[n.id][0] if n.id in lines else UNAVAILABLE_ITEM,
            url=n.url,
            read_at=n.read_at,
            created_at=n.created_at,
            happened_at=n.happened_at,
            subject=n.subject,
            preview=lines[n.id][1] if n.id in lines else "",
        )
        for n, _payload in rows
    ]


def _with_payloads(query) -> list[tuple[Notification, dict]]:
    rows = db.session.execute(
        query.add_columns(OutboxEvent.payload).join(OutboxEvent, OutboxEvent.id == Notification.event_id)
    ).all()
    return [(notification, payload or {}) for notification, payload in rows]


def readable_items(reader, notifications: list[Notification]) -> list[NotificationItem]:
    """The given notifications (of `reader`), in order, as the centre shows them."""
    ids = [n.id for n in notifications]
    by_id = {n.id: (n, p) for n, p in _with_payloads(select(Notification).where(Notification.id.in_(ids)))}
    rows = [by_id[i] for i in ids if i in by_id]
    return _items(reader, rows, _Subjects(reader, {n.subject for n, _ in rows if n.subject}))


def notification_groups(reader, *, unread_only: bool, page: int, per_page: int) -> Page[NotificationGroup]:
    """One page of the reader's notifications grouped by subject, the group with the newest
    news first; each group lists its newest notifications (at most ITEMS_PER_GROUP)."""
    conditions = [Notification.user_id == reader.id]
    if unread_only:
        conditions.append(Notification.read_at.is_(None))
    key, happened = _group_key(), _happened()
    total = db.session.scalar(select(func.count(distinct(key))).where(*conditions)) or 0
    result: Page[NotificationGroup] = Page(page=page, per_page=per_page, total=total)
    summary = db.session.execute(
        select(
            key.label("subject"),
            func.count().label("total"),
            func.sum(case((Notification.read_at.is_(None), 1), else_=0)).label("unread"),
        )
        .where(*conditions)
        .group_by(key)
        .order_by(desc(func.max(happened)), desc(func.max(Notification.id)))
        .limit(per_page)
        .offset(result.offset)
    ).all()
    if not summary:
        return result
    keys = [row.subject for row in summary]
    position = func.row_number().over(partition_by=key, order_by=(happened.desc(), Notification.id.desc()))
    ranked = select(Notification.id, position.label("position")).where(*conditions, key.in_(keys)).subquery()
    rows = _with_payloads(
        select(Notification)
        .join(ranked, ranked.c.id == Notification.id)
        .where(ranked.c.position <= ITEMS_PER_GROUP)
        .order_by(happened.desc(), Notification.id.desc())
    )
    subjects = _Subjects(reader, set(keys))
    by_group: dict[str, list[NotificationItem]] = defaultdict(list)
    for item in _items(reader, rows, subjects):
        by_group[item.subject or f"notification:{item.id}"].append(item)
    for row in summary:
        items = by_group[row.subject]
        if row.subject.startswith("notification:"):
            title, url = (items[0].title, None) if items else (UNAVAILABLE_TITLE, None)
        else:
            title, url = subjects.title_and_url(row.subject)
        result.items.append(NotificationGroup(row.subject, title, url, row.total, int(row.unread or 0), items))
    return result
