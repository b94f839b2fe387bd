"""Rendering and sending the notification e-mails (HTML + text, List-Unsubscribe)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app

from ..platform.mail import deliver, render_message
from .models import KINDS
from .tokens import unsubscribe_token

if TYPE_CHECKING:
    from .news import OutcomeNews, StatusNews


def unsubscribe_url(user_id: int, kind: str) -> str:
    return f"{current_app.config['BASE_URL']}/unsubscribe/{unsubscribe_token(user_id, kind)}"


@dataclass
class OutgoingEmail:
    """What one notification e-mail needs, detached from the database session."""

    id: int
    kind: str
    title: str
    url: str
    user_id: int
    name: str
    email: str
    news: "OutcomeNews | StatusNews | None" = None  # the news itself, made for this reader


def send_notification_email(delivery: OutgoingEmail, smtp=None) -> None:
    user = delivery  # name and e-mail travel with the delivery
    base = current_app.config["BASE_URL"]
    headers = {"X-Innovation-Delivery": str(delivery.id)}
    unsubscribe = None
    if delivery.kind in KINDS:  # transactional mails (verification) have nothing to unsubscribe from
        unsubscribe = unsubscribe_url(user.user_id, delivery.kind)
        headers.update({"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    label = KINDS[delivery.kind][0] if delivery.kind in KINDS else "Your account"
    message = render_message(
        user.email,
        delivery.title,
        "notification",
        headers=headers,
        user=user,
        title=delivery.title,
        link=base + delivery.url,
        kind_label=label,
        news=delivery.news,
        unsubscribe=unsubscribe,
        settings=f"{base}/settings/notifications",
    )
    deliver(message, smtp)


def send_digest_email(user, deliveries, frequency: str) -> None:
    base = current_app.config["BASE_URL"]
    unsubscribe = unsubscribe_url(user.id, "digest")
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    items = [{"title": d.title, "link": base + d.url, "kind": KINDS[d.kind][0]} for d in deliveries]
    subject = f"Your {frequency} Innovation Commons digest: {len(items)} update{'s' if len(items) != 1 else ''}"
    message = render_message(
        user.email,
        subject,
        "digest",
        headers=headers,
        user=user,
        items=items,
        frequency=frequency,
        unsubscribe=unsubscribe,
        settings=f"{base}/settings/notifications",
    )
    deliver(message)
